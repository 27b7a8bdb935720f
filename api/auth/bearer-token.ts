/**
 * The one auth middleware of the API: a personal token in `Authorization: Bearer`. Without a valid one the
 * caller stays unset and the route's guard decides: 401 unless the route is public. A token is invalid when it
 * is unknown, revoked or expired, or its owner was deactivated.
 */
import type { MiddlewareHandler } from 'hono';
import { rateLimited } from '../errors.ts';
import { credentialStamp } from '../../db/changes.ts';
import { resolveToken, sha256, touchToken, type TokenRow } from '../../db/credentials.ts';
import type { Person } from '../../db/people.ts';
import { storageProblem } from '../../db/storage-problems.ts';
import { writeTx } from '../../db/write.ts';
import type { AppEnv } from '../http.ts';
import { createLimiter, type Limiter } from '../rate-limit.ts';

/** Last-use stamps are kept to the minute's precision, so a busy token does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Resolved tokens, trusted while no token, session or person has changed (a revocation, a deactivation). */
const MAX_CACHED_TOKENS = 10_000;

/** Until when a resolved token may be trusted without passing here: its expiry, or when its last use is due. */
export function tokenTrustedUntil(token: TokenRow): number {
  const touchDue = (token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0) + TOUCH_EVERY_MS;
  return token.expiresAt ? Math.min(Date.parse(token.expiresAt), touchDue) : touchDue;
}

export const createTokenLimiter = (rateLimitPerMinute: number) => createLimiter(rateLimitPerMinute, 60_000);

export function bearerAuth(limiter: Limiter): MiddlewareHandler<AppEnv> {
  const resolved = new Map<string, { stamp: string; hit?: { token: TokenRow; person: Person } }>();
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
    const { db, clock } = c.get('deps');
    const now = clock.now();
    let hit: { token: TokenRow; person: Person } | undefined;
    if (match) {
      const stamp = await credentialStamp(db, now.getTime());
      const key = sha256(match[1]);
      let cached = resolved.get(key);
      if (cached?.stamp !== stamp) {
        if (resolved.size >= MAX_CACHED_TOKENS) resolved.clear();
        cached = { stamp, hit: await resolveToken(db, now, match[1]) };
        resolved.set(key, cached);
      }
      const expiresAt = cached.hit?.token.expiresAt;
      hit = expiresAt && expiresAt <= now.toISOString() ? undefined : cached.hit;
    }
    if (!hit) {
      // The route's guard answers 401 with this reason; public routes (health, sign-in) ignore it.
      c.set(
        'authProblem',
        match
          ? 'This token is unknown, revoked or expired, or its owner was deactivated.'
          : 'The Authorization header must be "Bearer <personal token>".',
      );
      return next();
    }
    const limit = limiter.hit(hit.token.id, now.getTime());
    if (!limit.ok) throw rateLimited('Too many requests for this token; try again shortly.', limit.retryAfter);
    const lastUsed = hit.token.lastUsedAt ? Date.parse(hit.token.lastUsedAt) : 0;
    if (now.getTime() - lastUsed > TOUCH_EVERY_MS) {
      hit.token.lastUsedAt = now.toISOString();
      // Bookkeeping only, so the request does not wait for it: an extension polls minutes apart, so nearly every
      // poll would otherwise wait for a commit, and a busy, full or remote database must not slow or fail a read.
      // A stamp the server could not write before it closed the registry is not worth a line in the log.
      const tokenId = hit.token.id;
      void writeTx(db, (tx) => touchToken(tx, now, tokenId), { bookkeeping: true }).catch((err) => {
        if (!storageProblem(err) && (err as { code?: unknown }).code !== 'CLIENT_CLOSED')
          console.error(`[${now.toISOString()}] recording the use of token ${tokenId}:`, err);
      });
    }
    c.set('caller', { person: hit.person, via: hit.token.scope, token: hit.token });
    // Everything behind a token is personal: never cached by a proxy, and never shared between tokens.
    c.header('Cache-Control', 'private, no-store');
    c.header('Vary', 'Authorization', { append: true });
    await next();
  };
}
