/**
 * Passwords (scrypt), personal tokens and web sessions. Secrets are shown once and stored only as hashes;
 * a token is found by its SHA-256 and then compared in constant time.
 */
import { hash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { and, desc, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { notFound } from '../core/errors.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { passwords, people, sessions, tokens } from './schema.ts';
import type { Person } from './people.ts';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: +N, r: +r, p: +p });
  return timingSafeEqual(actual, expected);
}

/** A hash that no password matches, so an unknown e-mail address costs as much time as a wrong password. */
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));

/**
 * A new password ends the person's other web sessions: whoever knew the old one is signed out. `keepSessionId`
 * is the session in which the person changed it themself. `actorId` is null when the system sets it (CLI, seed).
 */
export async function setPassword(tx: Tx, now: Date, actorId: string | null, personId: string, password: string, keepSessionId?: string): Promise<void> {
  const hash = await hashPassword(password);
  const at = now.toISOString();
  await tx.insert(passwords).values({ personId, hash, updatedAt: at }).onConflictDoUpdate({ target: passwords.personId, set: { hash, updatedAt: at } });
  await tx.delete(sessions).where(and(eq(sessions.personId, personId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
  await appendAudit(tx, now, { actorId, action: 'password.set', entity: 'person', entityId: personId, fields: ['password'] });
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

/** `actorId` is null when the system creates the token (CLI), so the trail does not say the person did. */
/** When a token made at `now` to last `days` days expires; null for one that does not. */
export function expiryAfter(now: Date, days: number | undefined): string | null {
  return days ? new Date(now.getTime() + days * 86_400_000).toISOString() : null;
}

export async function createToken(
  tx: Tx,
  now: Date,
  actorId: string | null,
  input: { personId: string; name: string; scope: TokenRow['scope']; expiresAt?: string | null },
): Promise<{ token: string; row: TokenRow }> {
  const token = newSecret('zv');
  const [row] = await tx
    .insert(tokens)
    .values({ id: randomUUID(), personId: input.personId, name: input.name, scope: input.scope, tokenHash: sha256(token), createdAt: now.toISOString(), expiresAt: input.expiresAt ?? null })
    .returning();
  await appendAudit(tx, now, { actorId, action: 'token.create', entity: 'token', entityId: row.id, fields: ['name', 'scope', 'expiresAt'] });
  return { token, row };
}

export async function revokeToken(tx: Tx, now: Date, actorId: string | null, tokenId: string, ownerId?: string): Promise<void> {
  const where = ownerId ? and(eq(tokens.id, tokenId), eq(tokens.personId, ownerId)) : eq(tokens.id, tokenId);
  const [row] = await tx.update(tokens).set({ revokedAt: now.toISOString() }).where(and(where, isNull(tokens.revokedAt))).returning({ id: tokens.id });
  if (!row) throw notFound('Token');
  await appendAudit(tx, now, { actorId, action: 'token.revoke', entity: 'token', entityId: tokenId, fields: ['revokedAt'] });
}

export async function listTokens(tx: Tx, personId: string) {
  return tx
    .select({ id: tokens.id, name: tokens.name, scope: tokens.scope, createdAt: tokens.createdAt, lastUsedAt: tokens.lastUsedAt, expiresAt: tokens.expiresAt, revokedAt: tokens.revokedAt })
    .from(tokens)
    .where(eq(tokens.personId, personId))
    .orderBy(desc(tokens.createdAt));
}

/** The token's row and its active person, or undefined when unknown, revoked, expired or deactivated. */
export async function resolveToken(tx: Tx, now: Date, token: string): Promise<{ token: TokenRow; person: Person } | undefined> {
  const hash = sha256(token);
  const [hit] = await tx.select({ token: tokens, person: people }).from(tokens).innerJoin(people, eq(tokens.personId, people.id)).where(eq(tokens.tokenHash, hash));
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

export async function createSession(tx: Tx, now: Date, personId: string, ttlMs: number): Promise<{ secret: string; row: SessionRow }> {
  const secret = newSecret('zs');
  const [row] = await tx
    .insert(sessions)
    .values({ id: randomUUID(), personId, tokenHash: sha256(secret), csrfToken: randomBytes(24).toString('base64url'), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() })
    .returning();
  await appendAudit(tx, now, { actorId: personId, action: 'session.create', entity: 'session', entityId: row.id });
  return { secret, row };
}

export async function resolveSession(tx: Tx, now: Date, secret: string): Promise<{ session: SessionRow; person: Person } | undefined> {
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
