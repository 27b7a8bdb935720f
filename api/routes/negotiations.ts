import { Hono, type Context } from 'hono';
import { forbidden } from '../../core/errors.ts';
import { addRecusal, createNegotiation, getNegotiation, listNegotiations, mayChangeNegotiation, recusalsOf, updateNegotiation } from '../../db/negotiations.ts';
import { writeTx } from '../../db/write.ts';
import { actorOf, guard, now, validate, type AppEnv } from '../http.ts';
import { idParam, isTrue, negotiationCreate, negotiationListQuery, negotiationPatch, recusalBody } from '../schemas.ts';
import { BUYER_ROLES } from '../../core/types.ts';


/** A purchaser runs their own negotiations; managers and admins may act on any. */
async function checkOwner(c: Context<AppEnv>, negotiationId: string) {
  if (!mayChangeNegotiation(await getNegotiation(c.get('deps').db, negotiationId), actorOf(c)))
    throw forbidden('Only the purchaser who owns this negotiation, or a manager, can change it.');
}

export const negotiationsRoute = new Hono<AppEnv>()
  .get('/', guard({ summary: 'List negotiations; who was kept out of each for its owner and managers', roles: [...BUYER_ROLES] }), validate('query', negotiationListQuery), async (c) => {
    const { mine, ...query } = c.req.valid('query');
    const page = await listNegotiations(c.get('deps').db, { ...query, ownerId: isTrue(mine) ? c.get('caller').person.id : undefined });
    // A recusal names a colleague and why they were kept out: only those who run the negotiation see it, and for
    // the others the field is left out rather than sent empty.
    const seesRecusals = new Set(page.items.filter((n) => mayChangeNegotiation(n, actorOf(c))).map((n) => n.id));
    const recusals = await recusalsOf(c.get('deps').db, [...seesRecusals]);
    const items = page.items.map((n) => (seesRecusals.has(n.id) ? { ...n, recusals: recusals.filter((r) => r.negotiationId === n.id) } : n));
    return c.json({ items, total: page.total });
  })
  .post('/', guard({ summary: 'Open a negotiation (talks, tender or negotiation) with a supplier', roles: [...BUYER_ROLES] }), validate('json', negotiationCreate), async (c) => {
    const input = c.req.valid('json');
    const n = await writeTx(c.get('deps').db, (tx) => createNegotiation(tx, now(c), c.get('caller').person.id, input));
    return c.json(n, 201);
  })
  .patch('/:id', guard({ summary: 'Advance, award or close a negotiation', roles: [...BUYER_ROLES] }), validate('param', idParam), validate('json', negotiationPatch), async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    await checkOwner(c, id);
    return c.json(await writeTx(c.get('deps').db, (tx) => updateNegotiation(tx, now(c), c.get('caller').person.id, id, changes)));
  })
  .post('/:id/recusals', guard({ summary: 'Record that a colleague is kept out of this procurement, and why', roles: [...BUYER_ROLES] }), validate('param', idParam), validate('json', recusalBody), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    await checkOwner(c, id);
    return c.json(await writeTx(c.get('deps').db, (tx) => addRecusal(tx, now(c), c.get('caller').person.id, id, input)), 201);
  });
