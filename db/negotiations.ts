/** Negotiations: talks, tenders and negotiations with a supplier, and who was kept out of them. */
import { and, asc, count, desc, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { amsterdamDate } from '../core/dates.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import type { NegotiationStatus, Stage } from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { foldedPattern, suppliersNamed } from './folded-names.ts';
import { negotiations, negotiationTeam, people, recusals, suppliers } from './schema.ts';
import { checkTeamClean, insertMember, removeTeamMember } from './team.ts';

export type Negotiation = typeof negotiations.$inferSelect;

export interface NegotiationInput {
  supplierId: string;
  reference: string;
  subject: string;
  stage: Stage;
  status: NegotiationStatus;
}

export async function getNegotiation(db: Tx, id: string): Promise<Negotiation> {
  const [n] = await db.select().from(negotiations).where(eq(negotiations.id, id));
  if (!n) throw notFound('Negotiation');
  return n;
}

async function checkSupplier(tx: Tx, supplierId: string) {
  const [s] = await tx
    .select({ status: suppliers.status, mergedInto: suppliers.mergedInto })
    .from(suppliers)
    .where(eq(suppliers.id, supplierId));
  if (!s) throw invalidInput('The supplier does not exist.', { field: 'supplierId' });
  if (s.status === 'archived') throw conflict('The supplier is archived.', { field: 'supplierId' });
}

export async function createNegotiation(
  tx: Tx,
  now: Date,
  ownerId: string,
  input: Omit<NegotiationInput, 'status'>,
): Promise<Negotiation> {
  await checkSupplier(tx, input.supplierId);
  const at = now.toISOString();
  const [n] = await tx
    .insert(negotiations)
    .values({
      id: randomUUID(),
      ...input,
      ownerId,
      status: 'open',
      openedOn: amsterdamDate(now),
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  // The owner works on the procurement too, so they declare like every other member.
  await insertMember(tx, now, ownerId, n.id, ownerId);
  await appendAudit(tx, now, {
    actorId: ownerId,
    action: 'negotiation.create',
    entity: 'negotiation',
    entityId: n.id,
    fields: ['supplierId', 'reference', 'subject', 'stage'],
  });
  return n;
}

export async function updateNegotiation(
  tx: Tx,
  now: Date,
  actorId: string,
  id: string,
  changes: Partial<NegotiationInput>,
): Promise<Negotiation> {
  const before = await getNegotiation(tx, id);
  // The team declared about this supplier, and a negotiation walked from supplier to supplier would show its
  // owner who declared about each of them: a different supplier is a different procurement.
  if (changes.supplierId && changes.supplierId !== before.supplierId)
    throw conflict(
      'The supplier of a negotiation cannot be changed: open a new negotiation with the other supplier instead.',
      { field: 'supplierId' },
    );
  if (changes.status === 'awarded' && before.status !== 'awarded') await checkTeamClean(tx, id);
  const fields = (Object.keys(changes) as (keyof NegotiationInput)[]).filter(
    (k) => changes[k] !== undefined && changes[k] !== before[k],
  );
  if (!fields.length) return before;
  const closing = changes.status && changes.status !== 'open';
  const [n] = await tx
    .update(negotiations)
    .set({
      ...changes,
      closedOn: closing ? amsterdamDate(now) : changes.status === 'open' ? null : before.closedOn,
      updatedAt: now.toISOString(),
    })
    .where(eq(negotiations.id, id))
    .returning();
  await appendAudit(tx, now, { actorId, action: 'negotiation.update', entity: 'negotiation', entityId: id, fields });
  return n;
}

export interface NegotiationQuery {
  q?: string;
  status?: NegotiationStatus;
  supplierId?: string;
  ownerId?: string;
  /** Only negotiations whose team this person is on. */
  memberId?: string;
  limit: number;
  offset: number;
}

export async function listNegotiations(db: Db, query: NegotiationQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(negotiations.status, query.status));
  if (query.supplierId) conditions.push(eq(negotiations.supplierId, query.supplierId));
  if (query.ownerId) conditions.push(eq(negotiations.ownerId, query.ownerId));
  if (query.memberId)
    conditions.push(
      inArray(
        negotiations.id,
        db
          .select({ id: negotiationTeam.negotiationId })
          .from(negotiationTeam)
          .where(eq(negotiationTeam.personId, query.memberId)),
      ),
    );
  if (query.q) {
    const pattern = `%${query.q}%`;
    const folded = foldedPattern(query.q);
    conditions.push(
      or(
        like(negotiations.reference, pattern),
        like(negotiations.subject, pattern),
        like(suppliers.name, pattern),
        ...(folded ? [inArray(negotiations.supplierId, suppliersNamed(db, folded))] : []),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [{ n }]] = await Promise.all([
    db
      .select({ negotiation: negotiations, supplierName: suppliers.name, ownerName: people.name })
      .from(negotiations)
      .innerJoin(suppliers, eq(negotiations.supplierId, suppliers.id))
      .innerJoin(people, eq(negotiations.ownerId, people.id))
      .where(where)
      .orderBy(desc(negotiations.openedOn), asc(negotiations.reference))
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: count() })
      .from(negotiations)
      .innerJoin(suppliers, eq(negotiations.supplierId, suppliers.id))
      .where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r.negotiation, supplierName: r.supplierName, ownerName: r.ownerName })),
    total: n,
  };
}

export async function addRecusal(
  tx: Tx,
  now: Date,
  actorId: string,
  negotiationId: string,
  input: { personId: string; reason: string },
) {
  const n = await getNegotiation(tx, negotiationId);
  if (input.personId === n.ownerId)
    throw conflict(
      'The owner runs the negotiation and cannot be kept out of it; close it and let a colleague open a new one instead.',
      { field: 'personId' },
    );
  const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId));
  if (!person) throw invalidInput('The person does not exist.', { field: 'personId' });
  const [existing] = await tx
    .select({ id: recusals.id })
    .from(recusals)
    .where(and(eq(recusals.negotiationId, negotiationId), eq(recusals.personId, input.personId)));
  if (existing) throw conflict('This person is already kept out of this negotiation.', { field: 'personId' });
  const [r] = await tx
    .insert(recusals)
    .values({
      id: randomUUID(),
      negotiationId,
      personId: input.personId,
      reason: input.reason,
      recordedBy: actorId,
      createdAt: now.toISOString(),
    })
    .returning();
  // A member who is kept out leaves the team: they no longer work on it, nor hold up its award.
  await removeTeamMember(tx, now, actorId, negotiationId, input.personId, 'team.recuse');
  await appendAudit(tx, now, {
    actorId,
    action: 'recusal.create',
    entity: 'negotiation',
    entityId: negotiationId,
    fields: ['personId', 'reason'],
  });
  return r;
}

export async function recusalsOf(db: Tx, negotiationIds: string[]) {
  if (!negotiationIds.length) return [];
  return db
    .select({
      id: recusals.id,
      negotiationId: recusals.negotiationId,
      personId: recusals.personId,
      personName: people.name,
      reason: recusals.reason,
      createdAt: recusals.createdAt,
    })
    .from(recusals)
    .innerJoin(people, eq(recusals.personId, people.id))
    .where(inArray(recusals.negotiationId, negotiationIds));
}
