/**
 * The extension's own token: `/me` says the scope of the token it is called with (the extension refuses to keep
 * a full-scope one), and `DELETE /me/token` revokes the very token of the request, which is how signing out of
 * the extension ends the token on the server; the revocation is audited.
 */
import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => {
  t = app;
  w = world;
});

describe('the extension token', () => {
  test('GET /me names the scope of the calling token', async () => {
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).body).toMatchObject({
      id: w.people.staff.id,
      scope: 'full',
    });
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.extension })).body).toMatchObject({
      id: w.people.staff.id,
      scope: 'extension',
    });
  });

  test('DELETE /me/token revokes the token it is called with and no other', async () => {
    expect((await t.call('DELETE', '/api/v1/me/token', { token: w.tokens.extension })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.extension })).status).toBe(401);
    // The same person's full token still works.
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(200);
    const audit = await t.registry.client.execute({
      sql: "SELECT actor_id FROM audit WHERE action = 'token.revoke' AND entity_id = ?",
      args: [w.tokenIds.extension],
    });
    expect(audit.rows.map((r) => r.actor_id)).toEqual([w.people.staff.id]);
  });

  test('a revoked token cannot revoke itself again', async () => {
    await t.call('DELETE', '/api/v1/me/token', { token: w.tokens.extension });
    expect((await t.call('DELETE', '/api/v1/me/token', { token: w.tokens.extension })).status).toBe(401);
  });
});
