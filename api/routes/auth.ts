import { Hono } from 'hono';
import { unauthorized } from '../../core/errors.ts';
import { createToken } from '../../db/credentials.ts';
import { getPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { extensionCodeBody, signInBody } from '../schemas/auth.ts';
import { signIn, type SignInLimits } from '../auth/sign-in.ts';
import { redeemExtensionCode } from '../auth/extension-codes.ts';

export function authRoute(limits: SignInLimits) {
  return new Hono<AppEnv>()
    .post(
      '/token',
      guard({
        summary: 'Sign in with e-mail and password; returns an extension-scoped token valid for 90 days',
        roles: 'public',
      }),
      validate('json', signInBody),
      async (c) => {
        const { email, password, name } = c.req.valid('json');
        const person = await signIn(c.get('deps'), limits, c, { email, password });
        // The extension signs in with a password once and keeps only this narrow token, for the scope's default time.
        const { token, row } = await writeTx(c.get('deps').db, (tx) =>
          createToken(tx, now(c), person.id, { personId: person.id, name, scope: 'extension' }),
        );
        c.header('Cache-Control', 'no-store');
        return c.json({ token, expiresAt: row.expiresAt }, 201);
      },
    )
    .post(
      '/extension-code',
      guard({
        summary:
          'The extension exchanges the one-time code of its single sign-on for an extension-scoped token (90 days)',
        roles: 'public',
      }),
      validate('json', extensionCodeBody),
      async (c) => {
        const { code, redirectUri, name } = c.req.valid('json');
        const at = now(c);
        const personId = await redeemExtensionCode(c.get('deps').db, at, code, redirectUri);
        const person = personId ? await getPerson(c.get('deps').db, personId) : undefined;
        // Deactivated in the two minutes since: no token.
        if (!person?.active)
          throw unauthorized('This sign-in code is unknown, used, expired or for another redirect URL; sign in again.');
        const { token, row } = await writeTx(c.get('deps').db, (tx) =>
          createToken(tx, at, person.id, { personId: person.id, name, scope: 'extension' }),
        );
        c.header('Cache-Control', 'no-store');
        return c.json({ token, expiresAt: row.expiresAt }, 201);
      },
    );
}
