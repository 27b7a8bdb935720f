/**
 * The guards around credentials: sign-in attempts limited per account and per address, the per-token request
 * limit, and tokens that exist in the registry only as a SHA-256, compared in constant time.
 */
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { PASSWORD, openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';

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

/**
 * `POST /api/v1/auth/token` as if from `address`: in-process requests carry the Node adapter's bindings in the
 * third argument of `app.request`, which is where the sign-in route reads the socket's address.
 */
async function signIn(email: string, password: string, address: string) {
  const res = await t.app.request(
    '/api/v1/auth/token',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, name: 'laptop' }) },
    { incoming: { socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: 'IPv4' } } },
  );
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe('sign-in attempts: at most 10 per 15 minutes per account and per address', () => {
  test('per account: the 11th attempt on one account is refused from any address, even with the right password', async () => {
    t = await openTestApp(tpl.file);
    const { email } = tpl.world.people.staff;
    for (let i = 1; i <= 10; i++) expect((await signIn(email, `wrong ${i}`, `10.0.1.${i}`)).status).toBe(401);
    const refused = await signIn(email, PASSWORD, '10.0.1.99');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/sign-in/i) });
    expect(refused.body.error.details.retryAfter).toBeGreaterThan(0);
    expect(refused.body.error.details.retryAfter).toBeLessThanOrEqual(15 * 60);
    // The e-mail address is the account, however it is written.
    expect((await signIn(email.toUpperCase(), PASSWORD, '10.0.1.98')).status).toBe(429);
    // Other accounts are not affected.
    expect((await signIn(tpl.world.people.otherStaff.email, PASSWORD, '10.0.1.97')).status).toBe(201);
    // After the window the right password works again.
    t.clock.set(new Date(t.clock.now().getTime() + 15 * 60_000));
    expect((await signIn(email, PASSWORD, '10.0.1.96')).status).toBe(201);
  });

  test('per address: the 11th attempt from one address is refused, whatever account it names', async () => {
    t = await openTestApp(tpl.file);
    for (let i = 1; i <= 10; i++) expect((await signIn(`nobody${i}@zuiver.test`, 'guess', '10.0.2.1')).status).toBe(401);
    const refused = await signIn(tpl.world.people.staff.email, PASSWORD, '10.0.2.1');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // The same account from another address still signs in: only the address was limited.
    expect((await signIn(tpl.world.people.staff.email, PASSWORD, '10.0.2.2')).status).toBe(201);
  });

  test('attempts from a blocked address do not count against the accounts they name', async () => {
    t = await openTestApp(tpl.file);
    const { email } = tpl.world.people.staff;
    for (let i = 1; i <= 10; i++) expect((await signIn(`nobody${i}@zuiver.test`, 'guess', '10.0.4.1')).status).toBe(401);
    for (let i = 1; i <= 10; i++) expect((await signIn(email, `wrong ${i}`, '10.0.4.1')).status).toBe(429);
    expect((await signIn(email, PASSWORD, '10.0.4.2')).status).toBe(201);
  });

  test('an unknown address and a wrong password get the same answer', async () => {
    t = await openTestApp(tpl.file);
    const unknown = await signIn('nobody@zuiver.test', 'guess', '10.0.3.1');
    const wrong = await signIn(tpl.world.people.staff.email, 'guess', '10.0.3.2');
    expect(unknown).toMatchObject({ status: 401 });
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('requests per token per minute (RATE_LIMIT_PER_MINUTE)', () => {
  test('past the limit a token gets 429 with Retry-After; other tokens go on; the next minute it works again', async () => {
    t = await openTestApp(tpl.file, { rateLimitPerMinute: 5 });
    const w = tpl.world;
    for (let i = 0; i < 5; i++) expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(200);
    const limited = await t.call('GET', '/api/v1/watchlist', { token: w.tokens.staff });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfter: expect.any(Number) } });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.manager })).status).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + retryAfter * 1000));
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(200);
  });

  test('a limited token cannot write: the refused request leaves no trace', async () => {
    t = await openTestApp(tpl.file, { rateLimitPerMinute: 1 });
    const w = tpl.world;
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(200);
    const count = async () => (await t.registry.client.execute('select (select count(*) from declarations) + (select count(*) from audit) as n')).rows[0].n;
    const before = await count();
    const res = await t.call('POST', '/api/v1/declarations', { token: w.tokens.staff, body: { kind: 'gift', supplierId: w.supplierId, valueEur: 10, form: 'goods' } });
    expect(res.status).toBe(429);
    expect(await count()).toBe(before);
  });
});

describe('personal tokens', () => {
  test('the registry holds only the SHA-256 of a token, never the token itself', async () => {
    t = await openTestApp(tpl.file);
    const { token } = (await t.call('POST', '/api/v1/me/tokens', { token: tpl.world.tokens.staff, body: { name: 'script' } })).body;
    const tables = (await t.registry.client.execute(`select name from sqlite_master where type = 'table'`)).rows.map((r) => String(r.name));
    for (const table of tables) {
      const rows = (await t.registry.client.execute(`select * from "${table}"`)).rows;
      expect(JSON.stringify(rows), table).not.toContain(token);
    }
    const stored = await t.registry.client.execute({ sql: 'select count(*) as n from tokens where token_hash = ?', args: [sha256(token)] });
    expect(Number(stored.rows[0].n)).toBe(1);
  });

  test('a token is looked up by its hash and the hashes are compared with timingSafeEqual', async () => {
    t = await openTestApp(tpl.file);
    const spy = vi.mocked(crypto.timingSafeEqual);
    const token = tpl.world.tokens.staff;
    spy.mockClear();
    const hit = await resolveToken(t.registry.db, t.clock.now(), token);
    expect(hit?.person.id).toBe(tpl.world.people.staff.id);
    const compared = spy.mock.calls.map(([a, b]) => [Buffer.from(a as Uint8Array).toString(), Buffer.from(b as Uint8Array).toString()]);
    expect(compared).toContainEqual([sha256(token), sha256(token)]);
    // A token one character off shares nothing useful with the stored hash: it simply does not resolve.
    const near = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await resolveToken(t.registry.db, t.clock.now(), near)).toBeUndefined();
    expect((await t.call('GET', '/api/v1/me', { token: near })).status).toBe(401);
  });

  test('deactivating a person revokes their live tokens and keeps when the others were revoked', async () => {
    t = await openTestApp(tpl.file);
    const w = tpl.world;
    const revokedAt = async (id: string) => (await t.registry.client.execute({ sql: 'select revoked_at from tokens where id = ?', args: [id] })).rows[0].revoked_at;
    const earlier = await revokedAt(w.tokenIds.revoked);
    expect(earlier).toBe(t.clock.now().toISOString());
    const later = new Date(t.clock.now().getTime() + 86_400_000);
    t.clock.set(later);
    expect((await t.call('PATCH', `/api/v1/people/${w.people.otherStaff.id}`, { token: w.tokens.admin, body: { active: false } })).status).toBe(200);
    expect(await revokedAt(w.tokenIds.revoked)).toBe(earlier);
    expect(await revokedAt(w.tokenIds.otherStaff)).toBe(later.toISOString());
  });
});
