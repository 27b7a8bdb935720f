/** Personal tokens exist in the registry only as a SHA-256, compared in constant time, and die with their person. */
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';

// Wraps the real timingSafeEqual so the test can see that token resolution goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const crypto = await import('node:crypto');
const { resolveToken, sha256 } = await import('../../db/credentials.ts');

let tpl: { file: string; world: World };
let t: TestApp;
beforeAll(async () => {
  tpl = await worldTemplate();
});
afterEach(() => t?.registry.close());

describe('personal tokens', () => {
  test('the registry holds only the SHA-256 of a token, never the token itself', async () => {
    t = await openTestApp(tpl.file);
    const { token } = (
      await t.call('POST', '/api/v1/me/tokens', { token: tpl.world.tokens.staff, body: { name: 'script' } })
    ).body;
    const tables = (await t.registry.client.execute(`select name from sqlite_master where type = 'table'`)).rows.map(
      (r) => String(r.name),
    );
    for (const table of tables) {
      const rows = (await t.registry.client.execute(`select * from "${table}"`)).rows;
      expect(JSON.stringify(rows), table).not.toContain(token);
    }
    const stored = await t.registry.client.execute({
      sql: 'select count(*) as n from tokens where token_hash = ?',
      args: [sha256(token)],
    });
    expect(Number(stored.rows[0].n)).toBe(1);
  });

  test('a token is looked up by its hash and the hashes are compared with timingSafeEqual', async () => {
    t = await openTestApp(tpl.file);
    const spy = vi.mocked(crypto.timingSafeEqual);
    const token = tpl.world.tokens.staff;
    spy.mockClear();
    const hit = await resolveToken(t.registry.db, t.clock.now(), token);
    expect(hit?.person.id).toBe(tpl.world.people.staff.id);
    const compared = spy.mock.calls.map(([a, b]) => [
      Buffer.from(a as Uint8Array).toString(),
      Buffer.from(b as Uint8Array).toString(),
    ]);
    expect(compared).toContainEqual([sha256(token), sha256(token)]);
    // A token one character off shares nothing useful with the stored hash: it simply does not resolve.
    const near = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await resolveToken(t.registry.db, t.clock.now(), near)).toBeUndefined();
    expect((await t.call('GET', '/api/v1/me', { token: near })).status).toBe(401);
  });

  test('deactivating a person revokes their live tokens and keeps when the others were revoked', async () => {
    t = await openTestApp(tpl.file);
    const w = tpl.world;
    const revokedAt = async (id: string) =>
      (await t.registry.client.execute({ sql: 'select revoked_at from tokens where id = ?', args: [id] })).rows[0]
        .revoked_at;
    const earlier = await revokedAt(w.tokenIds.revoked);
    expect(earlier).toBe(t.clock.now().toISOString());
    const later = new Date(t.clock.now().getTime() + 86_400_000);
    t.clock.set(later);
    expect(
      (
        await t.call('PATCH', `/api/v1/people/${w.people.otherStaff.id}`, {
          token: w.tokens.admin,
          body: { active: false },
        })
      ).status,
    ).toBe(200);
    expect(await revokedAt(w.tokenIds.revoked)).toBe(earlier);
    expect(await revokedAt(w.tokenIds.otherStaff)).toBe(later.toISOString());
  });
});
