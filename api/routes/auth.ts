import { Hono } from 'hono';
import { createToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { signInBody } from '../schemas.ts';
import { signIn, type SignInLimits } from '../sign-in.ts';

export function authRoute(limits: SignInLimits) {
  return new Hono<AppEnv>().post(
    '/token',
    guard({ summary: 'Sign in with e-mail and password; returns an extension-scoped token valid for 90 days', roles: 'public' }),
    validate('json', signInBody),
    async (c) => {
      const { email, password, name } = c.req.valid('json');
      const person = await signIn(c.get('deps'), limits, c, { email, password });
      // The extension signs in with a password once and keeps only this narrow token, for the scope's default time.
      const { token, row } = await writeTx(c.get('deps').db, (tx) => createToken(tx, now(c), person.id, { personId: person.id, name, scope: 'extension' }));
      c.header('Cache-Control', 'no-store');
      return c.json({ token, expiresAt: row.expiresAt }, 201);
    },
  );
}
