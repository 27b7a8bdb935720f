import { Hono, type Context } from 'hono';
import { mayChangeNegotiation } from '../../core/access.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { seesNegotiation, viewTeam } from '../../core/team.ts';
import {
  addRecusal,
  createNegotiation,
  getNegotiation,
  listNegotiations,
  recusalsOf,
  updateNegotiation,
} from '../../db/negotiations.ts';
import { addTeamMember, declareForNegotiation, isMember, removeTeamMember, teamOf } from '../../db/team.ts';
import { writeTx } from '../../db/write.ts';
import { actorOf, guard, isTrue, now, validate, type AppEnv } from '../http.ts';
import { idParam } from '../schemas.ts';
import {
  negotiationCreate,
  negotiationListQuery,
  negotiationPatch,
  recusalBody,
  teamAddBody,
  teamDeclarationBody,
  teamMemberParam,
} from '../schemas/negotiations.ts';
import { BUYER_ROLES } from '../../core/vocabulary.ts';

/** A purchaser runs their own negotiations; managers and admins may act on any. */
async function checkOwner(c: Context<AppEnv>, negotiationId: string) {
  if (!mayChangeNegotiation(await getNegotiation(c.get('deps').db, negotiationId), actorOf(c)))
    throw forbidden('Only the purchaser who owns this negotiation, or a manager, can change it.');
}

/** A negotiation the caller may not see at all is not found; one they see but may not act on is forbidden. */
async function visibleNegotiation(c: Context<AppEnv>, id: string) {
  const { db } = c.get('deps');
  const n = await getNegotiation(db, id);
  const member = await isMember(db, id, c.get('caller').person.id);
  if (!seesNegotiation(c.get('caller').person.role, member)) throw notFound('Negotiation');
  return { n, member };
}

export const negotiationsRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({
      summary:
        'List negotiations (staff: those whose team they are on); who was kept out of each for its owner and managers',
      roles: 'any',
    }),
    validate('query', negotiationListQuery),
    async (c) => {
      const { mine, team, ...query } = c.req.valid('query');
      const me = actorOf(c);
      const onlyTeam = isTrue(team) || !BUYER_ROLES.includes(me.role);
      const page = await listNegotiations(c.get('deps').db, {
        ...query,
        ownerId: isTrue(mine) ? me.id : undefined,
        memberId: onlyTeam ? me.id : undefined,
      });
      // A recusal names a colleague and why they were kept out: only those who run the negotiation see it, and for
      // the others the field is left out rather than sent empty.
      const seesRecusals = new Set(page.items.filter((n) => mayChangeNegotiation(n, me)).map((n) => n.id));
      const recusals = await recusalsOf(c.get('deps').db, [...seesRecusals]);
      const items = page.items.map((n) =>
        seesRecusals.has(n.id) ? { ...n, recusals: recusals.filter((r) => r.negotiationId === n.id) } : n,
      );
      return c.json({ items, total: page.total });
    },
  )
  .post(
    '/',
    guard({
      summary: 'Open a negotiation (talks, tender or negotiation) with a supplier; its owner is on its team',
      roles: [...BUYER_ROLES],
    }),
    validate('json', negotiationCreate),
    async (c) => {
      const input = c.req.valid('json');
      const n = await writeTx(c.get('deps').db, (tx) =>
        createNegotiation(tx, now(c), c.get('caller').person.id, input),
      );
      return c.json(n, 201);
    },
  )
  .get(
    '/:id',
    guard({
      summary:
        'One negotiation with its team as you may see it (owner and managers: every declaration; members: their own)',
      roles: 'any',
    }),
    validate('param', idParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const { db } = c.get('deps');
      const { n } = await visibleNegotiation(c, id);
      const me = actorOf(c);
      const team = viewTeam(await teamOf(db, id), me, n.ownerId);
      const recusals = mayChangeNegotiation(n, me) ? { recusals: await recusalsOf(db, [id]) } : {};
      return c.json({ ...n, ...(team ? { team } : {}), ...recusals });
    },
  )
  .patch(
    '/:id',
    guard({
      summary: 'Advance, award (only once the team is clean: 409 otherwise) or close a negotiation',
      roles: [...BUYER_ROLES],
    }),
    validate('param', idParam),
    validate('json', negotiationPatch),
    async (c) => {
      const { id } = c.req.valid('param');
      const changes = c.req.valid('json');
      await checkOwner(c, id);
      return c.json(
        await writeTx(c.get('deps').db, (tx) => updateNegotiation(tx, now(c), c.get('caller').person.id, id, changes)),
      );
    },
  )
  .post(
    '/:id/team',
    guard({
      summary: 'Put a colleague on the team of this negotiation (its owner or a manager)',
      roles: [...BUYER_ROLES],
    }),
    validate('param', idParam),
    validate('json', teamAddBody),
    async (c) => {
      const { id } = c.req.valid('param');
      await checkOwner(c, id);
      const member = await writeTx(c.get('deps').db, (tx) =>
        addTeamMember(tx, now(c), c.get('caller').person.id, id, c.req.valid('json').personId),
      );
      return c.json(member, 201);
    },
  )
  .delete(
    '/:id/team/:personId',
    guard({
      summary: 'Take a colleague off the team (its owner or a manager); the owner stays',
      roles: [...BUYER_ROLES],
    }),
    validate('param', teamMemberParam),
    async (c) => {
      const { id, personId } = c.req.valid('param');
      await checkOwner(c, id);
      await writeTx(c.get('deps').db, (tx) => removeTeamMember(tx, now(c), c.get('caller').person.id, id, personId));
      return c.body(null, 204);
    },
  )
  .post(
    '/:id/declaration',
    guard({
      summary: 'Declare, as a team member, no conflict or a conflict with this negotiation’s supplier (latest counts)',
      roles: 'any',
    }),
    validate('param', idParam),
    validate('json', teamDeclarationBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { member } = await visibleNegotiation(c, id);
      if (!member) throw forbidden('Only members of the team declare for this negotiation, each for themself.');
      const me = c.get('caller').person.id;
      return c.json(
        await writeTx(c.get('deps').db, (tx) => declareForNegotiation(tx, now(c), me, id, c.req.valid('json'))),
        201,
      );
    },
  )
  .post(
    '/:id/recusals',
    guard({
      summary: 'Record that a colleague is kept out of this procurement, and why; a team member leaves the team',
      roles: [...BUYER_ROLES],
    }),
    validate('param', idParam),
    validate('json', recusalBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      await checkOwner(c, id);
      return c.json(
        await writeTx(c.get('deps').db, (tx) => addRecusal(tx, now(c), c.get('caller').person.id, id, input)),
        201,
      );
    },
  );
