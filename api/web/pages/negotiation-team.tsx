/**
 * The team forms of a negotiation page: its owner or a manager adds and removes colleagues, and each member
 * records their own declaration. Every post answers with the page again (errors on their fields) or a 303.
 */
import { Hono } from 'hono';
import { DomainError, forbidden, notFound } from '../../../core/errors.ts';
import { seesNegotiation } from '../../../core/team.ts';
import { getNegotiation } from '../../../db/negotiations.ts';
import { addTeamMember, declareForNegotiation, isMember, removeTeamMember } from '../../../db/team.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { teamAddBody, teamDeclarationBody } from '../../schemas/negotiations.ts';
import { BUYERS, page, seeOther, type WebEnv } from '../env.ts';
import { formState, parseWith, readForm, text, writeWith } from '../form.ts';
import { textFor } from '../text/index.ts';
import { checkMayChange, negotiationPage } from './negotiations.tsx';

export const negotiationTeamPages = new Hono<WebEnv>()
  .post(
    '/negotiations/:id/team',
    page('Put a colleague on the team of a negotiation (its owner or a manager)', BUYERS),
    async (c) => {
      const t = textFor(c.var.lang);
      const id = c.req.param('id');
      await checkMayChange(c, id);
      const { values } = await readForm(c);
      const form = formState({ personId: values.personId ?? '' });
      const parsed = parseWith(teamAddBody, { personId: text(values.personId) }, t);
      if ('errors' in parsed) return negotiationPage(c, id, { addForm: { ...form, errors: parsed.errors } });
      const done = await writeWith(
        () =>
          writeTx(c.var.deps.db, (tx) => addTeamMember(tx, now(c), c.var.caller.person.id, id, parsed.data.personId)),
        t,
      );
      if ('errors' in done)
        return negotiationPage(c, id, { addForm: { ...form, errors: { personId: t.negotiations.team.addProblem } } });
      return seeOther(c, `/negotiations/${id}?done=teamAdded`);
    },
  )
  .post(
    '/negotiations/:id/team/:personId/remove',
    page('Take a colleague off the team of a negotiation (its owner or a manager)', BUYERS),
    async (c) => {
      const id = c.req.param('id');
      await checkMayChange(c, id);
      await writeTx(c.var.deps.db, (tx) =>
        removeTeamMember(tx, now(c), c.var.caller.person.id, id, c.req.param('personId')),
      );
      return seeOther(c, `/negotiations/${id}?done=teamRemoved`);
    },
  )
  .post(
    '/negotiations/:id/declaration',
    page('Record your own declaration as a member of a negotiation’s team', 'any'),
    async (c) => {
      const t = textFor(c.var.lang);
      const id = c.req.param('id');
      const me = c.var.caller.person;
      // The same answers as the API: 404 for who may not see the negotiation, 403 for who sees it but is no member.
      await getNegotiation(c.var.deps.db, id);
      const member = await isMember(c.var.deps.db, id, me.id);
      if (!seesNegotiation(me.role, member)) throw notFound('Negotiation');
      if (!member) throw forbidden('Only members of the team declare for this negotiation.');
      const { values } = await readForm(c);
      const form = formState({ conflict: values.conflict ?? '', note: values.note ?? '' });
      const conflict = values.conflict === 'yes' ? true : values.conflict === 'no' ? false : undefined;
      const parsed = parseWith(teamDeclarationBody, { conflict, note: text(values.note) }, t);
      if ('errors' in parsed) return negotiationPage(c, id, { declarationForm: { ...form, errors: parsed.errors } });
      try {
        await writeTx(c.var.deps.db, (tx) => declareForNegotiation(tx, now(c), me.id, id, parsed.data));
      } catch (err) {
        if (!(err instanceof DomainError && err.kind === 'invalid')) throw err;
        return negotiationPage(c, id, {
          declarationForm: { ...form, errors: { note: t.negotiations.team.noteRequired } },
        });
      }
      return seeOther(c, `/negotiations/${id}?done=declared`);
    },
  );
