/**
 * Passwords (scrypt), personal tokens and web sessions. Secrets are shown once and stored only as hashes;
 * a token is found by its SHA-256 and then compared in constant time.
 */
import { hash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { and, desc, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { invalidInput, notFound } from '../core/errors.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { passwords, people, sessions, tokens, type TOKEN_SCOPES } from './schema.ts';
import type { Person } from './people.ts';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: +N, r: +r, p: +p });
  return timingSafeEqual(actual, expected);
}

/** A hash that no password matches, so an unknown e-mail address costs as much time as a wrong password. */
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));

/**
 * Ends every web session and revokes every live token of a person, so that whoever held one is out at once:
 * the one way a password change, a deactivation (also through SCIM) and "sign out everywhere" do it.
 * `keepSessionId` is the session in which the person changed their own password. The caller audits the action
 * that called for it. Tokens revoked before keep their own time: the trail of when access ended must stay true.
 */
export async function endAccess(
  tx: Tx,
  now: Date,
  personId: string,
  keepSessionId?: string,
): Promise<{ sessions: number; tokens: number }> {
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.personId, personId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  const revoked = await tx
    .update(tokens)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(tokens.personId, personId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  return { sessions: ended.length, tokens: revoked.length };
}

/** An admin's "sign out everywhere": every session and token of the person ends; they sign in again. */
export async function signOutEverywhere(
  tx: Tx,
  now: Date,
  actorId: string,
  personId: string,
): Promise<{ sessions: number; tokens: number }> {
  const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, personId));
  if (!person) throw notFound('Person');
  const ended = await endAccess(tx, now, personId);
  await appendAudit(tx, now, {
    actorId,
    action: 'person.sign_out_everywhere',
    entity: 'person',
    entityId: personId,
    fields: ['sessions', 'tokens'],
  });
  return ended;
}

/**
 * A new password ends the person's other web sessions and all their tokens: whoever knew the old one is out.
 * `keepSessionId` is the session in which the person changed it themself. `actorId` is null when the system
 * sets it (CLI, seed).
 */
export async function setPassword(
  tx: Tx,
  now: Date,
  actorId: string | null,
  personId: string,
  password: string,
  keepSessionId?: string,
): Promise<void> {
  const hash = await hashPassword(password);
  const at = now.toISOString();
  await tx
    .insert(passwords)
    .values({ personId, hash, updatedAt: at })
    .onConflictDoUpdate({ target: passwords.personId, set: { hash, updatedAt: at } });
  await endAccess(tx, now, personId, keepSessionId);
  await appendAudit(tx, now, {
    actorId,
    action: 'password.set',
    entity: 'person',
    entityId: personId,
    fields: ['password'],
  });
}

/** The active person with this e-mail address and password, or undefined; always spends one scrypt. */
export async function checkPassword(tx: Tx, person: Person | undefined, password: string): Promise<Person | undefined> {
  const [row] = person ? await tx.select().from(passwords).where(eq(passwords.personId, person.id)) : [];
  const ok = await verifyPassword(password, row?.hash ?? DUMMY_HASH);
  return ok && row && person?.active ? person : undefined;
}

export const sha256 = (secret: string) => hash('sha256', secret, 'hex');

const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export type TokenRow = typeof tokens.$inferSelect;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * How long a token lives, in days, when its maker names no period, and at most. A token that never expires is a
 * password that no password change ends; the extension's, which sits in a browser profile, lives shortest.
 */
export const TOKEN_DAYS: Record<TokenScope, { default: number; max: number }> = {
  full: { default: 90, max: 365 },
  extension: { default: 90, max: 90 },
  // Pasted once into the identity provider's provisioning settings: a year, so that it is renewed yearly.
  scim: { default: 365, max: 365 },
};

/**
 * `days` defaults to the scope's and may not pass its maximum. `actorId` is null when the system creates the
 * token (CLI), so the trail does not say the person did.
 */
export async function createToken(
  tx: Tx,
  now: Date,
  actorId: string | null,
  input: { personId: string; name: string; scope: TokenScope; days?: number },
): Promise<{ token: string; row: TokenRow & { expiresAt: string } }> {
  const { default: fallback, max } = TOKEN_DAYS[input.scope];
  const days = input.days ?? fallback;
  if (!Number.isInteger(days) || days < 1 || days > max) {
    throw invalidInput(`A ${input.scope} token lasts 1 to ${max} days.`, { field: 'expiresInDays' });
  }
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  const token = newSecret('zv');
  const [row] = await tx
    .insert(tokens)
    .values({
      id: randomUUID(),
      personId: input.personId,
      name: input.name,
      scope: input.scope,
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      expiresAt,
    })
    .returning();
  await appendAudit(tx, now, {
    actorId,
    action: 'token.create',
    entity: 'token',
    entityId: row.id,
    fields: ['name', 'scope', 'expiresAt'],
  });
  return { token, row: { ...row, expiresAt } };
}

export async function revokeToken(
  tx: Tx,
  now: Date,
  actorId: string | null,
  tokenId: string,
  ownerId?: string,
): Promise<void> {
  const where = ownerId ? and(eq(tokens.id, tokenId), eq(tokens.personId, ownerId)) : eq(tokens.id, tokenId);
  const [row] = await tx
    .update(tokens)
    .set({ revokedAt: now.toISOString() })
    .where(and(where, isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  if (!row) throw notFound('Token');
  await appendAudit(tx, now, {
    actorId,
    action: 'token.revoke',
    entity: 'token',
    entityId: tokenId,
    fields: ['revokedAt'],
  });
}

export async function listTokens(tx: Tx, personId: string) {
  return tx
    .select({
      id: tokens.id,
      name: tokens.name,
      scope: tokens.scope,
      createdAt: tokens.createdAt,
      lastUsedAt: tokens.lastUsedAt,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
    })
    .from(tokens)
    .where(eq(tokens.personId, personId))
    .orderBy(desc(tokens.createdAt));
}

/** The token's row and its active person, or undefined when unknown, revoked, expired or deactivated. */
export async function resolveToken(
  tx: Tx,
  now: Date,
  token: string,
): Promise<{ token: TokenRow; person: Person } | undefined> {
  const hash = sha256(token);
  const [hit] = await tx
    .select({ token: tokens, person: people })
    .from(tokens)
    .innerJoin(people, eq(tokens.personId, people.id))
    .where(eq(tokens.tokenHash, hash));
  if (!hit || !timingSafeEqual(Buffer.from(hit.token.tokenHash), Buffer.from(hash))) return undefined;
  if (hit.token.revokedAt || !hit.person.active) return undefined;
  if (hit.token.expiresAt && hit.token.expiresAt <= now.toISOString()) return undefined;
  return hit;
}

/** Bookkeeping, not a change anybody made: not audited, and written at most every few minutes per token. */
export async function touchToken(tx: Tx, now: Date, tokenId: string): Promise<void> {
  await tx.update(tokens).set({ lastUsedAt: now.toISOString() }).where(eq(tokens.id, tokenId));
}

// ---- Web sessions ----------------------------------------------------------------------------------------

export type SessionRow = typeof sessions.$inferSelect;

export async function createSession(
  tx: Tx,
  now: Date,
  personId: string,
  ttlMs: number,
): Promise<{ secret: string; row: SessionRow }> {
  const secret = newSecret('zs');
  const [row] = await tx
    .insert(sessions)
    .values({
      id: randomUUID(),
      personId,
      tokenHash: sha256(secret),
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    })
    .returning();
  await appendAudit(tx, now, { actorId: personId, action: 'session.create', entity: 'session', entityId: row.id });
  return { secret, row };
}

export async function resolveSession(
  tx: Tx,
  now: Date,
  secret: string,
): Promise<{ session: SessionRow; person: Person } | undefined> {
  const [hit] = await tx
    .select({ session: sessions, person: people })
    .from(sessions)
    .innerJoin(people, eq(sessions.personId, people.id))
    .where(and(eq(sessions.tokenHash, sha256(secret)), gt(sessions.expiresAt, now.toISOString())));
  return hit && hit.person.active ? hit : undefined;
}

export async function deleteSession(tx: Tx, now: Date, sessionId: string, actorId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
  await appendAudit(tx, now, { actorId, action: 'session.delete', entity: 'session', entityId: sessionId });
}

/** Expired sessions can never be used again; the daily job removes them. Bookkeeping, so not audited. */
export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<void> {
  await tx.delete(sessions).where(lte(sessions.expiresAt, now.toISOString()));
}
