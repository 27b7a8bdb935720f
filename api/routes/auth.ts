import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { unauthorized } from '../../core/errors.ts';
import { createToken, expiryAfter } from '../../db/credentials.ts';
import { getPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import type { Limiter } from '../rate-limit.ts';
import { extensionCodeBody, signInBody } from '../schemas.ts';
import { signIn } from '../sign-in.ts';

/** The extension signs in with a password once and keeps only this narrow token. */
const EXTENSION_TOKEN_DAYS = 90;

/** The socket's address; requests made in-process (tests) have none. */
export function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoute(limiter: Limiter) {
  return new Hono<AppEnv>().post(
    '/token',
    guard({ summary: 'Sign in with e-mail and password; returns an extension-scoped token valid for 90 days', roles: 'public' }),
    validate('json', signInBody),
    async (c) => {
      const { email, password, name } = c.req.valid('json');
      const person = await signIn(c.get('deps'), limiter, { email, password, address: clientAddress(c) });
      const at = now(c);
      const expiresAt = expiryAfter(at, EXTENSION_TOKEN_DAYS);
      const { token } = await writeTx(c.get('deps').db, (tx) => createToken(tx, at, person.id, { personId: person.id, name, scope: 'extension', expiresAt }));
      c.header('Cache-Control', 'no-store');
      return c.json({ token, expiresAt }, 201);
    },
  ).post(
    '/extension-code',
    guard({ summary: 'The extension exchanges the one-time code of its single sign-on for an extension-scoped token (90 days)', roles: 'public' }),
    validate('json', extensionCodeBody),
    async (c) => {
      const { code, redirectUri, name } = c.req.valid('json');
      const at = now(c);
      const personId = c.get('sso').codes.redeem(code, redirectUri, at.getTime());
      const person = personId ? await getPerson(c.get('deps').db, personId) : undefined;
      // Deactivated in the two minutes since: no token.
      if (!person?.active) throw unauthorized('This sign-in code is unknown, used, expired or for another redirect URL; sign in again.');
      const expiresAt = expiryAfter(at, EXTENSION_TOKEN_DAYS);
      const { token } = await writeTx(c.get('deps').db, (tx) => createToken(tx, at, person.id, { personId: person.id, name, scope: 'extension', expiresAt }));
      c.header('Cache-Control', 'no-store');
      return c.json({ token, expiresAt }, 201);
    },
  );
}
