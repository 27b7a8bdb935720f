/**
 * People as provisioning (SCIM) sees them: a person, and what the identity provider said about them beyond the
 * registry's fields. People added before provisioning started have no row yet; they are found by e-mail address
 * (the user name Entra ID sends by default), so switching provisioning on adopts them instead of duplicating them.
 */
import { and, asc, count, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { conflict, notFound } from '../core/errors.ts';
import { displayNameOf, type ScimUserState } from '../core/scim.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { changeEmail, createPerson, normalizeEmail, updatePerson, type Person } from './people.ts';
import { people, scimUsers } from './schema.ts';

export type ScimUserRow = typeof scimUsers.$inferSelect;
export interface ScimUser {
  person: Person;
  row: ScimUserRow | null;
}

export function stateOf({ person, row }: ScimUser): ScimUserState {
  return {
    userName: row?.userName ?? person.email,
    externalId: row?.externalId ?? null,
    email: person.email,
    names: row?.names ?? { displayName: person.name },
    active: person.active,
    managerId: person.managerId,
    role: person.role,
  };
}

/** Deleted users are gone for provisioning: not found, not listed. */
const live = isNull(scimUsers.deletedAt);

function usersWhere(where: SQL | undefined) {
  const base = (db: Tx) =>
    db.select({ person: people, row: scimUsers }).from(people).leftJoin(scimUsers, eq(scimUsers.personId, people.id));
  return { base, where: and(or(isNull(scimUsers.personId), live), where) };
}

export async function getScimUser(db: Tx, id: string): Promise<ScimUser> {
  const q = usersWhere(eq(people.id, id));
  const [hit] = await q.base(db).where(q.where);
  if (!hit) throw notFound('User');
  return hit;
}

export async function listScimUsers(
  db: Db,
  filter: { attribute: 'userName' | 'externalId'; value: string } | undefined,
  offset: number,
  limit: number,
) {
  let condition: SQL | undefined;
  if (filter?.attribute === 'userName') {
    const value = filter.value.toLowerCase();
    condition = or(
      eq(sql`lower(${scimUsers.userName})`, value),
      and(isNull(scimUsers.personId), eq(people.email, normalizeEmail(value))),
    );
  } else if (filter) condition = eq(scimUsers.externalId, filter.value);
  const q = usersWhere(condition);
  const [items, [{ n }]] = await Promise.all([
    q.base(db).where(q.where).orderBy(asc(people.createdAt), asc(people.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(people).leftJoin(scimUsers, eq(scimUsers.personId, people.id)).where(q.where),
  ]);
  return { items, total: n };
}

/** The user name must be unique among live users, whatever its case (RFC 7643: userName is not case-exact). */
async function checkUserName(tx: Tx, userName: string, personId: string | null) {
  const [other] = await tx
    .select({ personId: scimUsers.personId })
    .from(scimUsers)
    .where(and(eq(sql`lower(${scimUsers.userName})`, userName.toLowerCase()), live));
  if (other && other.personId !== personId)
    throw conflict(`A user with userName "${userName}" exists already.`, { field: 'userName' });
}

async function saveRow(
  tx: Tx,
  now: Date,
  actorId: string,
  personId: string,
  state: ScimUserState,
  before: ScimUserRow | null,
) {
  const values = { userName: state.userName, externalId: state.externalId, names: state.names };
  const fields = (Object.keys(values) as (keyof typeof values)[]).filter(
    (k) => JSON.stringify(values[k]) !== JSON.stringify(before?.[k] ?? (k === 'names' ? {} : null)),
  );
  if (!fields.length && before) return;
  const at = now.toISOString();
  await tx
    .insert(scimUsers)
    .values({ personId, ...values, updatedAt: at })
    .onConflictDoUpdate({ target: scimUsers.personId, set: { ...values, deletedAt: null, updatedAt: at } });
  await appendAudit(tx, now, { actorId, action: 'scim.user.save', entity: 'person', entityId: personId, fields });
}

export async function createScimUser(tx: Tx, now: Date, actorId: string, state: ScimUserState): Promise<ScimUser> {
  await checkUserName(tx, state.userName, null);
  const name = displayNameOf(state.names, state.userName);
  let person = await createPerson(tx, now, actorId, {
    email: state.email,
    name,
    role: state.role ?? 'staff',
    managerId: state.managerId,
  });
  // Provisioning may create someone already switched off (a leaver synced late): off in the same transaction.
  if (!state.active) person = await updatePerson(tx, now, actorId, person.id, { active: false });
  await saveRow(tx, now, actorId, person.id, state, null);
  return getScimUser(tx, person.id);
}

/**
 * Makes the registry say what `next` says. A deactivation goes through `updatePerson`, the admin page's own path,
 * which ends the person's sessions and tokens in this same transaction.
 */
export async function saveScimUser(
  tx: Tx,
  now: Date,
  actorId: string,
  before: ScimUser,
  next: ScimUserState,
): Promise<ScimUser> {
  const id = before.person.id;
  await checkUserName(tx, next.userName, id);
  if (next.email !== before.person.email) await changeEmail(tx, now, actorId, id, next.email);
  await updatePerson(tx, now, actorId, id, {
    name: displayNameOf(next.names, next.userName),
    role: next.role ?? before.person.role,
    managerId: next.managerId,
    active: next.active,
  });
  await saveRow(tx, now, actorId, id, next, before.row);
  return getScimUser(tx, id);
}

/** The provider deleted the user: the person is deactivated (kept for the audit trail) and gone for provisioning. */
export async function deleteScimUser(tx: Tx, now: Date, actorId: string, before: ScimUser): Promise<void> {
  const id = before.person.id;
  if (before.person.active) await updatePerson(tx, now, actorId, id, { active: false });
  const state = stateOf(before);
  const at = now.toISOString();
  await tx
    .insert(scimUsers)
    .values({
      personId: id,
      userName: state.userName,
      externalId: state.externalId,
      names: state.names,
      deletedAt: at,
      updatedAt: at,
    })
    .onConflictDoUpdate({ target: scimUsers.personId, set: { deletedAt: at, updatedAt: at } });
  await appendAudit(tx, now, {
    actorId,
    action: 'scim.user.delete',
    entity: 'person',
    entityId: id,
    fields: ['deletedAt'],
  });
}
