import { Hono } from 'hono';
import { createToken, listTokens, revokeToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { idParam } from '../schemas.ts';
import { tokenCreate } from '../schemas/me.ts';

export const meRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({ summary: 'Who you are, and the scope of the token you call with', roles: 'any', extension: true }),
    (c) => {
      const { person, via } = c.get('caller');
      const { id, email, name, role, managerId } = person;
      // The extension refuses to keep a full-scope token: it trades one for an extension-scoped token.
      return c.json({ id, email, name, role, managerId, scope: via });
    },
  )
  .delete(
    '/token',
    guard({
      summary: 'Revoke the token of this request (signing out of the extension)',
      roles: 'any',
      extension: true,
    }),
    async (c) => {
      const { person, token } = c.get('caller');
      await writeTx(c.get('deps').db, (tx) => revokeToken(tx, now(c), person.id, token!.id, person.id));
      return c.body(null, 204);
    },
  )
  .get('/tokens', guard({ summary: 'Your personal tokens (never the secrets)', roles: 'any' }), async (c) => {
    const items = await listTokens(c.get('deps').db, c.get('caller').person.id);
    return c.json({ items, total: items.length });
  })
  .post(
    '/tokens',
    guard({
      summary:
        'Create a personal token (90 days unless expiresInDays says otherwise; at most 365, 90 for the extension scope); the secret is shown only in this answer',
      roles: 'any',
    }),
    validate('json', tokenCreate),
    async (c) => {
      const { name, scope, expiresInDays } = c.req.valid('json');
      const me = c.get('caller').person.id;
      const { token, row } = await writeTx(c.get('deps').db, (tx) =>
        createToken(tx, now(c), me, { personId: me, name, scope, days: expiresInDays }),
      );
      return c.json({ id: row.id, name, scope, expiresAt: row.expiresAt, token }, 201);
    },
  )
  .delete(
    '/tokens/:id',
    guard({ summary: 'Revoke one of your personal tokens', roles: 'any' }),
    validate('param', idParam),
    async (c) => {
      const me = c.get('caller').person.id;
      await writeTx(c.get('deps').db, (tx) => revokeToken(tx, now(c), me, c.req.valid('param').id, me));
      return c.body(null, 204);
    },
  );
