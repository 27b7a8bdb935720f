/**
 * Negotiations: the list, and one negotiation with its supplier's conflicts, its stage and status, its team and
 * the colleagues kept out of it (and why). Purchasers and managers see every negotiation, anyone else those whose
 * team they are on. Only its owner or a manager changes it.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { mayChangeNegotiation } from '../../../core/access.ts';
import { DomainError, forbidden, notFound } from '../../../core/errors.ts';
import { seesNegotiation } from '../../../core/team.ts';
import { BUYER_ROLES, NEGOTIATION_STATUSES } from '../../../core/vocabulary.ts';
import {
  addRecusal,
  getNegotiation,
  listNegotiations,
  recusalsOf,
  updateNegotiation,
} from '../../../db/negotiations.ts';
import { getPerson, listPeople } from '../../../db/people.ts';
import { getSupplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { negotiationPatch, recusalBody } from '../../schemas/negotiations.ts';
import { BUYERS, conflictsSeenBy, flashOf, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import {
  checked,
  formState,
  oneOf,
  parseWith,
  readForm,
  readPaging,
  searchTerm,
  text,
  type FormState,
  withChosen,
  writeWith,
} from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Checkbox } from '../ui/fields.tsx';
import { DateText, FilterSelect, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { NegotiationDetail } from '../ui/negotiation-detail.tsx';
import { loadTeamPanel } from '../ui/team-panel.tsx';
import { renderPage } from '../ui/layout.tsx';

type Listed = Awaited<ReturnType<typeof listNegotiations>>['items'][number];

const NegotiationList: FC<{
  items: Listed[];
  total: number;
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
  mine: boolean;
  buyer: boolean;
}> = (p) => {
  const { t } = useUi();
  const n = t.negotiations;
  return (
    <>
      <p>{p.buyer ? n.intro : n.staffIntro}</p>
      {p.buyer && (
        <p>
          <a href="/negotiations/new" role="button">
            {n.new}
          </a>
        </p>
      )}
      <SearchForm action="/negotiations" q={p.q} label={n.searchLabel}>
        <FilterSelect
          name="status"
          label={n.statusFilter}
          value={p.status}
          values={NEGOTIATION_STATUSES}
          labels={t.enums.negotiationStatus}
        >
          {p.buyer && <Checkbox form={formState({ mine: p.mine ? 'on' : '' })} name="mine" label={n.mine} />}
        </FilterSelect>
      </SearchForm>
      <ListTable
        cols={[
          n.cols.reference,
          n.cols.subject,
          n.cols.supplier,
          n.cols.stage,
          n.cols.status,
          n.cols.owner,
          n.cols.opened,
        ]}
        items={p.items}
        empty={p.q || p.status || p.mine ? n.emptySearch : p.buyer ? n.empty : n.staffEmpty}
        row={(x) => (
          <tr>
            <td>
              <a href={`/negotiations/${x.id}`}>{x.reference}</a>
            </td>
            <td>{x.subject}</td>
            <td>{x.supplierName}</td>
            <td>{t.enums.stage[x.stage]}</td>
            <td>{t.enums.negotiationStatus[x.status]}</td>
            <td>{x.ownerName}</td>
            <td>
              <DateText value={x.openedOn} />
            </td>
          </tr>
        )}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />
    </>
  );
};

export interface PageView {
  changeForm?: FormState;
  recusalForm?: FormState;
  addForm?: FormState;
  declarationForm?: FormState;
}

export async function negotiationPage(c: WebContext, id: string, view: PageView = {}) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const n = await getNegotiation(db, id);
  const me = actorOf(c);
  // Who was kept out and why is for the negotiation's owner and managers, as in the API.
  const mayChange = mayChangeNegotiation(n, me);
  const [supplier, owner, recusals, conflictsOf, team] = await Promise.all([
    getSupplier(db, n.supplierId),
    getPerson(db, n.ownerId),
    mayChange ? recusalsOf(db, [n.id]) : [],
    conflictsSeenBy(c),
    loadTeamPanel(c, n, view),
  ]);
  if (!seesNegotiation(me.role, !!team?.team.some((m) => m.personId === me.id))) throw notFound('Negotiation');
  // Only those who may keep a colleague out search for one.
  const q = mayChange ? searchTerm(c.req.query('person')) : undefined;
  const active = q ? (await listPeople(db, { q, limit: 10, offset: 0 })).items.filter((p) => p.active) : [];
  const found = await withChosen(active, view.recusalForm?.values.personId, (id) => getPerson(db, id));
  const people = q || found.length ? { q: q ?? '', found } : undefined;
  return renderPage(
    c,
    {
      title: `${n.reference} · ${supplier.name}`,
      flash: flashOf(c, t.negotiations.flash),
      status: Object.keys(view).length ? 400 : 200,
    },
    <NegotiationDetail
      n={n}
      supplierName={supplier.name}
      ownerName={owner.name}
      conflicts={conflictsOf(n.supplierId)}
      recusals={recusals}
      mayChange={mayChange}
      changeForm={view.changeForm ?? formState({ stage: n.stage, status: n.status })}
      recusalForm={view.recusalForm ?? formState()}
      people={people}
      team={team}
    />,
  );
}

/** The same rule as the API: 403 for a purchaser who does not own this negotiation. */
export async function checkMayChange(c: WebContext, id: string) {
  if (!mayChangeNegotiation(await getNegotiation(c.var.deps.db, id), actorOf(c))) throw forbidden();
}

export const negotiationPages = new Hono<WebEnv>()
  .get(
    '/negotiations',
    page('Negotiations: search, filter, only mine (staff: those whose team they are on)', 'any'),
    async (c) => {
      const t = textFor(c.var.lang);
      const paging = readPaging(c);
      const status = oneOf(c.req.query('status'), NEGOTIATION_STATUSES);
      const mine = checked(c.req.query('mine'));
      const me = c.var.caller.person;
      const buyer = BUYER_ROLES.includes(me.role);
      const { items, total } = await listNegotiations(c.var.deps.db, {
        q: paging.q,
        status,
        ownerId: mine ? me.id : undefined,
        memberId: buyer ? undefined : me.id,
        limit: paging.limit,
        offset: paging.offset,
      });
      return renderPage(
        c,
        { title: t.negotiations.title },
        <NegotiationList
          items={items}
          total={total}
          page={paging.page}
          pageSize={paging.pageSize}
          q={paging.q}
          status={status}
          mine={mine}
          buyer={buyer}
        />,
      );
    },
  )
  .get('/negotiations/:id', page('One negotiation with its supplier’s conflicts, its team and recusals', 'any'), (c) =>
    negotiationPage(c, c.req.param('id')),
  )
  .post(
    '/negotiations/:id',
    page('Advance, award or close a negotiation (its owner or a manager)', BUYERS),
    async (c) => {
      const t = textFor(c.var.lang);
      const id = c.req.param('id');
      await checkMayChange(c, id);
      const { values } = await readForm(c);
      const form = formState({ stage: values.stage ?? '', status: values.status ?? '' });
      const parsed = parseWith(negotiationPatch, { stage: values.stage, status: values.status }, t);
      if ('errors' in parsed) return negotiationPage(c, id, { changeForm: { ...form, errors: parsed.errors } });
      try {
        await writeTx(c.var.deps.db, (tx) => updateNegotiation(tx, now(c), c.var.caller.person.id, id, parsed.data));
      } catch (err) {
        // The award waits for a clean team: say on the status field who holds it up.
        const blocked =
          err instanceof DomainError && err.kind === 'conflict'
            ? (err.details as { toDeclare?: { name: string }[]; toKeepOut?: { name: string }[] })
            : undefined;
        if (!blocked?.toDeclare || !blocked.toKeepOut) throw err;
        const status = t.negotiations.team.awardBlocked(
          blocked.toDeclare.map((m) => m.name),
          blocked.toKeepOut.map((m) => m.name),
        );
        return negotiationPage(c, id, { changeForm: { ...form, errors: { status } } });
      }
      return seeOther(c, `/negotiations/${id}?done=updated`);
    },
  )
  .post(
    '/negotiations/:id/recusals',
    page('Record that a colleague is kept out of this negotiation, and why', BUYERS),
    async (c) => {
      const t = textFor(c.var.lang);
      const id = c.req.param('id');
      await checkMayChange(c, id);
      const { values } = await readForm(c);
      const form = formState({ personId: values.personId ?? '', reason: values.reason ?? '' });
      const parsed = parseWith(recusalBody, { personId: text(values.personId), reason: text(values.reason) }, t);
      if ('errors' in parsed) return negotiationPage(c, id, { recusalForm: { ...form, errors: parsed.errors } });
      const done = await writeWith(
        () => writeTx(c.var.deps.db, (tx) => addRecusal(tx, now(c), c.var.caller.person.id, id, parsed.data)),
        t,
      );
      if ('errors' in done) return negotiationPage(c, id, { recusalForm: { ...form, errors: done.errors } });
      return seeOther(c, `/negotiations/${id}?done=recusal`);
    },
  );
