/** People: staff, purchasers, managers and admins, and who manages whom. */
import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import { MANAGER_ROLES, type Role } from '../core/vocabulary.ts';
import { attestNewPerson } from './attestations.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { foldedPattern, foldName } from './folded-names.ts';
import { endAccess } from './credentials.ts';
import { people } from './schema.ts';

export type Person = typeof people.$inferSelect;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findPersonByEmail(db: Tx, email: string): Promise<Person | undefined> {
  const [p] = await db
    .select()
    .from(people)
    .where(eq(people.email, normalizeEmail(email)));
  return p;
}

export async function getPerson(db: Tx, id: string): Promise<Person> {
  const [p] = await db.select().from(people).where(eq(people.id, id));
  if (!p) throw notFound('Person');
  return p;
}

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  managerId?: string | null;
}

/** The roles that review declarations, so the only ones that can be someone's manager. */

/** A manager reviews the person's declarations, so it must be someone who can: active, a manager or admin. */
async function checkManager(tx: Tx, personId: string | null, managerId: string | null | undefined) {
  if (!managerId) return;
  if (managerId === personId) throw invalidInput('A person cannot be their own manager.', { field: 'managerId' });
  const [m] = await tx
    .select({ role: people.role, active: people.active })
    .from(people)
    .where(eq(people.id, managerId));
  if (!m) throw invalidInput('The manager does not exist.', { field: 'managerId' });
  if (!m.active) throw invalidInput('The manager is no longer active.', { field: 'managerId' });
  if (!MANAGER_ROLES.includes(m.role))
    throw invalidInput('The manager must be a manager or admin.', { field: 'managerId' });
}

export async function createPerson(tx: Tx, now: Date, actorId: string | null, input: NewPerson): Promise<Person> {
  const email = normalizeEmail(input.email);
  if (await findPersonByEmail(tx, email))
    throw conflict('A person with this e-mail address already exists.', { field: 'email' });
  await checkManager(tx, null, input.managerId);
  const at = now.toISOString();
  const [p] = await tx
    .insert(people)
    .values({
      id: randomUUID(),
      email,
      name: input.name.trim(),
      foldedName: foldName(input.name),
      role: input.role,
      managerId: input.managerId ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await appendAudit(tx, now, {
    actorId,
    action: 'person.create',
    entity: 'person',
    entityId: p.id,
    fields: ['email', 'name', 'role', 'managerId'],
  });
  await attestNewPerson(tx, now, p.id);
  return p;
}

export interface PersonChanges {
  name?: string;
  role?: Role;
  managerId?: string | null;
  active?: boolean;
}

/** Deactivating a person also ends their sessions and revokes their tokens, so access stops at once. */
export async function updatePerson(
  tx: Tx,
  now: Date,
  actorId: string | null,
  id: string,
  changes: PersonChanges,
): Promise<Person> {
  const before = await getPerson(tx, id);
  // Only a new manager is checked: a form that sends the current one back must not fail once that manager left.
  if (changes.managerId !== undefined && changes.managerId !== before.managerId)
    await checkManager(tx, id, changes.managerId);
  const fields = Object.keys(changes).filter(
    (k) => (changes as any)[k] !== undefined && (changes as any)[k] !== (before as any)[k],
  );
  if (!fields.length) return before;
  const [p] = await tx
    .update(people)
    .set({
      ...changes,
      ...(changes.name !== undefined && { foldedName: foldName(changes.name) }),
      updatedAt: now.toISOString(),
    })
    .where(eq(people.id, id))
    .returning();
  if (changes.active === false) await endAccess(tx, now, id);
  await appendAudit(tx, now, {
    actorId,
    action: changes.active === false ? 'person.deactivate' : 'person.update',
    entity: 'person',
    entityId: id,
    fields,
  });
  if (changes.active === true && !before.active) await attestNewPerson(tx, now, id);
  return p;
}

export interface ListQuery {
  q?: string;
  limit: number;
  offset: number;
}

export async function listPeople(
  db: Db,
  query: ListQuery & { role?: Role },
): Promise<{ items: Person[]; total: number }> {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.toLowerCase()}%`;
    const folded = foldedPattern(query.q);
    conditions.push(
      or(
        like(people.email, pattern),
        like(people.name, pattern),
        ...(folded ? [like(people.foldedName, folded)] : []),
      )!,
    );
  }
  if (query.role) conditions.push(eq(people.role, query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [{ n }]] = await Promise.all([
    db.select().from(people).where(where).orderBy(asc(people.name)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { items, total: n };
}

/** Display names by id, for lists that show who did something (the audit trail). */
export async function namesOf(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const publicPerson = (p: Person) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  role: p.role,
  managerId: p.managerId,
  active: p.active,
});

/** A new e-mail address (provisioning follows the identity provider's); unique like every address. */
export async function changeEmail(tx: Tx, now: Date, actorId: string | null, id: string, email: string): Promise<void> {
  const next = normalizeEmail(email);
  const before = await getPerson(tx, id);
  if (before.email === next) return;
  if (await findPersonByEmail(tx, next))
    throw conflict('A person with this e-mail address already exists.', { field: 'email' });
  await tx.update(people).set({ email: next, updatedAt: now.toISOString() }).where(eq(people.id, id));
  await appendAudit(tx, now, { actorId, action: 'person.update', entity: 'person', entityId: id, fields: ['email'] });
}
