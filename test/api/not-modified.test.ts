/**
 * A 304 for the watchlist is repeated from memory (api/watchlist/not-modified.ts) only while it is sure to be the same
 * answer: every way a remembered answer could go stale is tried here after one has been remembered.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createToken, revokeToken } from '../../db/credentials.ts';
import { updatePerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';
import { waitFor } from '../support/wait.ts';

let tpl: { file: string; world: World };
let t: TestApp;
beforeAll(async () => void (tpl = await worldTemplate()));
afterEach(() => t?.registry.close());

const ask = (token: string, etag: string, headers: Record<string, string> = {}) =>
  t.app.request('/api/v1/watchlist', {
    headers: { authorization: `Bearer ${token}`, 'if-none-match': etag, ...headers },
  });

/** The staff member's ETag, and two 304s for it: the second one is answered from memory. */
async function remembered(token = tpl.world.tokens.staff, headers: Record<string, string> = {}): Promise<string> {
  const first = await t.app.request('/api/v1/watchlist', { headers: { authorization: `Bearer ${token}`, ...headers } });
  const etag = first.headers.get('etag')!;
  expect((await ask(token, etag, headers)).status).toBe(304);
  expect((await ask(token, etag, headers)).status).toBe(304);
  return etag;
}

describe('a remembered 304', () => {
  test('has the headers of the full answer, for each origin its own CORS', async () => {
    t = await openTestApp(tpl.file);
    const origin = 'chrome-extension://abcdefghijklmnop';
    const etag = await remembered(tpl.world.tokens.staff, { origin });
    const res = await ask(tpl.world.tokens.staff, etag, { origin });
    expect(Object.fromEntries(res.headers)).toMatchObject({
      etag,
      'cache-control': 'private, no-store',
      vary: expect.stringMatching(/Authorization.*Accept-Language/),
      'access-control-allow-origin': origin,
      'access-control-expose-headers': expect.stringContaining('ETag'),
    });
    const other = await ask(tpl.world.tokens.staff, etag, { origin: 'moz-extension://1234-abcd' });
    expect(other.headers.get('access-control-allow-origin')).toBe('moz-extension://1234-abcd');
    expect((await ask(tpl.world.tokens.staff, etag)).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('ends when the token is revoked or its owner deactivated', async () => {
    t = await openTestApp(tpl.file);
    const { tokens, tokenIds, people } = tpl.world;
    const etag = await remembered(tokens.staff);
    await writeTx(t.registry.db, (tx) => revokeToken(tx, t.clock.now(), null, tokenIds.staff));
    expect((await ask(tokens.staff, etag)).status).toBe(401);

    const managerEtag = await remembered(tokens.manager);
    await writeTx(t.registry.db, (tx) =>
      updatePerson(tx, t.clock.now(), people.admin.id, people.manager.id, { active: false }),
    );
    expect((await ask(tokens.manager, managerEtag)).status).toBe(401);
  });

  test('ends when the token expires, to the millisecond', async () => {
    t = await openTestApp(tpl.file);
    const staff = tpl.world.people.staff;
    // Within a second of the last look at the registry, so that only the expiry can end the remembered answer.
    const expiresAt = new Date(t.clock.now().getTime() + 500);
    // A token of one day, made a day less half a second ago.
    const madeAt = new Date(expiresAt.getTime() - 86_400_000);
    const { token } = await writeTx(t.registry.db, (tx) =>
      createToken(tx, madeAt, staff.id, { personId: staff.id, name: 'short', scope: 'extension', days: 1 }),
    );
    const etag = await remembered(token);
    t.clock.set(new Date(expiresAt.getTime() - 1));
    expect((await ask(token, etag)).status).toBe(304);
    t.clock.set(expiresAt);
    expect((await ask(token, etag)).status).toBe(401);
  });

  test('ends when the registry changes: the same question gets the new watchlist', async () => {
    t = await openTestApp(tpl.file);
    const { tokens, otherSupplierId } = tpl.world;
    const etag = await remembered(tokens.staff);
    const created = await t.call('POST', '/api/v1/negotiations', {
      token: tokens.manager,
      body: { supplierId: otherSupplierId, reference: 'T-9', subject: 'Schilderwerk' },
    });
    expect(created.status).toBe(201);
    const res = await ask(tokens.staff, etag);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
  });

  test('is kept per language: the English question is not answered with the Dutch ETag', async () => {
    t = await openTestApp(tpl.file);
    const etag = await remembered(tpl.world.tokens.staff);
    const english = await ask(tpl.world.tokens.staff, etag, { 'accept-language': 'en-GB,en' });
    expect(english.status).toBe(200);
    expect(english.headers.get('etag')).not.toBe(etag);
  });

  test("is kept per language chosen in the address or the web UI's cookie as well", async () => {
    t = await openTestApp(tpl.file);
    const token = tpl.world.tokens.staff;
    const etag = await remembered(token);
    const inAddress = await t.app.request('/api/v1/watchlist?lang=en', {
      headers: { authorization: `Bearer ${token}`, 'if-none-match': etag },
    });
    expect(inAddress.status).toBe(200);
    const english = inAddress.headers.get('etag')!;
    expect(english).not.toBe(etag);
    // The English answer remembered from a cookie does not answer the Dutch question, nor the other way round.
    await remembered(token, { cookie: 'lang=en' });
    expect((await ask(token, english, { cookie: 'lang=en' })).status).toBe(304);
    expect((await ask(token, english)).status).toBe(200);
    expect((await ask(token, etag, { cookie: 'lang=en' })).status).toBe(200);
  });

  test('still counts against the rate limit', async () => {
    t = await openTestApp(tpl.file, { rateLimitPerMinute: 5 });
    const etag = await remembered(tpl.world.tokens.staff);
    // Three requests so far; two more are allowed.
    expect((await ask(tpl.world.tokens.staff, etag)).status).toBe(304);
    expect((await ask(tpl.world.tokens.staff, etag)).status).toBe(304);
    expect((await ask(tpl.world.tokens.staff, etag)).status).toBe(429);
  });

  test("still records the token's use once a minute", async () => {
    t = await openTestApp(tpl.file);
    const { tokens, tokenIds } = tpl.world;
    const etag = await remembered(tokens.staff);
    // Written after the answer, which does not wait for it.
    const lastUsedBecomes = (at: Date) =>
      waitFor(
        'the last-use stamp',
        async () =>
          (
            await t.registry.client.execute({
              sql: 'select last_used_at from tokens where id = ?',
              args: [tokenIds.staff],
            })
          ).rows[0].last_used_at,
        (stamp) => stamp === at.toISOString(),
      );
    await lastUsedBecomes(t.clock.now());
    const later = new Date(t.clock.now().getTime() + 61_000);
    t.clock.set(later);
    expect((await ask(tokens.staff, etag)).status).toBe(304);
    await lastUsedBecomes(later);
  });
});
