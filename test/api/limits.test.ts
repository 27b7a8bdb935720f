/**
 * The guards around credentials: failed sign-ins limited per account and per address (through the proxies named
 * in TRUST_PROXY), every 429 with Retry-After, and the per-token request limit. How tokens are stored and compared
 * is in token-hashing.test.ts.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Hono } from 'hono';
import { createAddressOf, parseTrustProxy } from '../../api/auth/client-address.ts';
import { readEnv } from '../../api/config.ts';
import { PASSWORD, openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText } from './web-client.ts';

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
async function signIn(email: string, password: string, address: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(
    '/api/v1/auth/token',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password, name: 'laptop' }),
    },
    {
      incoming: {
        socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' },
      },
    },
  );
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

/** `n` wrong passwords for `n` different unknown accounts from one address, a few at a time. */
async function failFrom(address: string, n: number, headers: Record<string, string> = {}, tag = address) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 4) {
    const batch = Array.from({ length: Math.min(4, n - i) }, (_, j) =>
      signIn(`nobody${i + j}.${tag}@zuiver.test`, 'guess', address, headers),
    );
    statuses.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  return statuses;
}

/** The refusal's wait in the header and the body agree and lie within the 15-minute window. */
function expectRetryAfter(res: { status: number; headers: Headers; body?: any }) {
  expect(res.status).toBe(429);
  const header = Number(res.headers.get('retry-after'));
  expect(header).toBeGreaterThan(0);
  expect(header).toBeLessThanOrEqual(15 * 60);
  if (res.body?.error) expect(res.body.error.details.retryAfter).toBe(header);
}

describe('sign-in limits count failures only: 10 per account and 100 per address per 15 minutes', () => {
  test('right passwords never count: an office behind one address keeps signing in among its typos', async () => {
    t = await openTestApp(tpl.file);
    const { admin, staff } = tpl.world.people;
    // The reported lock-out: 6 good and 4 wrong sign-ins from one address, then the admin's right password.
    for (let i = 0; i < 6; i++) expect((await signIn(staff.email, PASSWORD, '192.0.2.10')).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await signIn(admin.email, `wrong ${i}`, '192.0.2.10')).status).toBe(401);
    expect((await signIn(admin.email, PASSWORD, '192.0.2.10')).status).toBe(201);
    // And many more right ones than the account's budget of failures, with 9 failures in between.
    for (let i = 0; i < 5; i++) expect((await signIn(admin.email, `wrong again ${i}`, '192.0.2.10')).status).toBe(401);
    for (let i = 0; i < 12; i++) expect((await signIn(admin.email, PASSWORD, '192.0.2.10')).status).toBe(201);
    // The 10th failure is still answered as a failure; only then is the account closed.
    expect((await signIn(admin.email, 'tenth', '192.0.2.10')).status).toBe(401);
    expectRetryAfter(await signIn(admin.email, PASSWORD, '192.0.2.10'));
  });

  test('per account: after 10 failures the account is refused from any address, even with the right password, with Retry-After', async () => {
    t = await openTestApp(tpl.file);
    const { email } = tpl.world.people.staff;
    for (let i = 1; i <= 10; i++) expect((await signIn(email, `wrong ${i}`, `10.0.1.${i}`)).status).toBe(401);
    const refused = await signIn(email, PASSWORD, '10.0.1.99');
    expectRetryAfter(refused);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/sign-in/i) });
    // The e-mail address is the account, however it is written.
    expect((await signIn(email.toUpperCase(), PASSWORD, '10.0.1.98')).status).toBe(429);
    // Other accounts are not affected.
    expect((await signIn(tpl.world.people.otherStaff.email, PASSWORD, '10.0.1.97')).status).toBe(201);
    // After the window the right password works again.
    t.clock.set(new Date(t.clock.now().getTime() + 15 * 60_000));
    expect((await signIn(email, PASSWORD, '10.0.1.96')).status).toBe(201);
  });

  test('guesses sent all at once are counted before the password is checked: no more than 10 get an answer', async () => {
    t = await openTestApp(tpl.file);
    const { email } = tpl.world.people.staff;
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signIn(email, `parallel ${i}`, `10.0.5.${i}`)),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
  });

  test('per address: 100 failures are allowed, whatever accounts they name; then the address waits, others do not', async () => {
    t = await openTestApp(tpl.file);
    const { staff } = tpl.world.people;
    expect(await failFrom('10.0.2.1', 99)).toEqual(Array(99).fill(401));
    // The 99 failures leave the address's right passwords alone.
    expect((await signIn(staff.email, PASSWORD, '10.0.2.1')).status).toBe(201);
    expect((await signIn('one.more@zuiver.test', 'guess', '10.0.2.1')).status).toBe(401);
    const refused = await signIn(staff.email, PASSWORD, '10.0.2.1');
    expectRetryAfter(refused);
    expect(refused.body.error.code).toBe('rate_limited');
    // Attempts the address is refused for do not count against the accounts they name.
    for (let i = 1; i <= 10; i++) expect((await signIn(staff.email, `wrong ${i}`, '10.0.2.1')).status).toBe(429);
    // The same account from another address still signs in: only the address was limited.
    expect((await signIn(staff.email, PASSWORD, '10.0.2.2')).status).toBe(201);
    t.clock.set(new Date(t.clock.now().getTime() + Number(refused.headers.get('retry-after')) * 1000));
    expect((await signIn(staff.email, PASSWORD, '10.0.2.1')).status).toBe(201);
  }, 120_000);

  test('an unknown address and a wrong password get the same answer', async () => {
    t = await openTestApp(tpl.file);
    const unknown = await signIn('nobody@zuiver.test', 'guess', '10.0.3.1');
    const wrong = await signIn(tpl.world.people.staff.email, 'guess', '10.0.3.2');
    expect(unknown).toMatchObject({ status: 401 });
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('the web forms keep the same limits, with Retry-After', () => {
  async function loginForm() {
    const res = await getPage(t, '/login');
    const token = /name="_login" value="([^"]+)"/.exec(res.html)![1];
    return { _login: token, cookie: `zuiver_login=${token}` };
  }
  const login = async (email: string, password: string) => {
    const { _login, cookie } = await loginForm();
    return postForm(t, '/login', undefined, { _login, email, password }, { cookie });
  };

  test('/login: right passwords do not count; after 10 failures the account gets 429 with Retry-After', async () => {
    t = await openTestApp(tpl.file);
    const { email } = tpl.world.people.staff;
    for (let i = 0; i < 12; i++) expect((await login(email, PASSWORD)).status).toBe(303);
    for (let i = 1; i <= 10; i++) expect((await login(email, `wrong ${i}`)).status).toBe(401);
    const refused = await login(email, PASSWORD);
    expectRetryAfter(refused);
    expect(visibleText(refused.html)).toContain('Te veel pogingen. Probeer het over 15 minuten opnieuw.');
  });

  test('the password change form counts only wrong current passwords, and answers 429 with Retry-After', async () => {
    t = await openTestApp(tpl.file);
    const staff = await sessionFor(t, tpl.world.people.staff.id);
    const change = (current: string) =>
      postForm(t, '/account/password', staff, {
        current,
        password: 'een nieuw wachtwoord',
        repeat: 'een nieuw wachtwoord',
      });
    for (let i = 1; i <= 9; i++) expect((await change(`niet mijn wachtwoord ${i}`)).status).toBe(400);
    // A mistyped new password with the right current one is no failed guess.
    for (let i = 0; i < 3; i++)
      expect(
        (await postForm(t, '/account/password', staff, { current: PASSWORD, password: 'kort', repeat: 'kort' })).status,
      ).toBe(400);
    expect((await change('niet mijn wachtwoord 10')).status).toBe(400);
    const refused = await change(PASSWORD);
    expectRetryAfter(refused);
    expect(visibleText(refused.html)).toContain('Te veel pogingen.');
    // The limit is the account's: the sign-in form is closed to it too.
    expect((await login(tpl.world.people.staff.email, PASSWORD)).status).toBe(429);
  });
});

describe('TRUST_PROXY: the client behind a named proxy gets its own budget', () => {
  const PROXY = '10.9.0.1';

  test('behind the named proxy each client is counted by its own address, and what the client wrote is ignored', async () => {
    t = await openTestApp(tpl.file, { trustProxy: [PROXY] });
    const { staff } = tpl.world.people;
    // The client writes its own X-Forwarded-For (a new one each time); the proxy appends the address it saw.
    const from = (client: string, spoof: string) => ({ 'x-forwarded-for': `${spoof}, ${client}` });
    const fails = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        signIn(`nobody${i}@zuiver.test`, 'guess', PROXY, from('203.0.113.5', `198.51.100.${i}`)),
      ),
    );
    expect(fails.every((f) => f.status === 401)).toBe(true);
    expectRetryAfter(await signIn(staff.email, PASSWORD, PROXY, from('203.0.113.5', '198.51.100.250')));
    // Another client behind the same proxy is not held up.
    expect((await signIn(staff.email, PASSWORD, PROXY, from('203.0.113.6', '203.0.113.5'))).status).toBe(201);
  }, 120_000);

  test('without TRUST_PROXY, or from a peer that is not a named proxy, X-Forwarded-For is ignored', async () => {
    const from = async (peer: string, xff: string | undefined, trusted: string[]) => {
      const resolve = createAddressOf(trusted);
      const probe = new Hono().get('/', (c) => c.text(resolve(c)));
      const res = await probe.request(
        '/',
        { headers: xff ? { 'x-forwarded-for': xff } : {} },
        { incoming: { socket: { remoteAddress: peer } } },
      );
      return res.text();
    };
    return Promise.all([
      expect(from(PROXY, '203.0.113.5', [])).resolves.toBe(PROXY),
      expect(from('203.0.113.9', '198.51.100.1', [PROXY])).resolves.toBe('203.0.113.9'),
      // The right-most address that is not one of ours, past a chain of named proxies (a range counts too).
      expect(from(PROXY, '198.51.100.1, 203.0.113.5, 10.9.0.7', [PROXY, '10.9.0.0/24'])).resolves.toBe('203.0.113.5'),
      // Ports, brackets and IPv4-mapped IPv6 name the same address.
      expect(from(`::ffff:${PROXY}`, '203.0.113.5:4711', [PROXY])).resolves.toBe('203.0.113.5'),
      expect(from('::1', '[2001:db8::5]:443', ['::1'])).resolves.toBe('2001:db8::5'),
      // Only proxies in the header (or none): the request started at the left-most, or at the peer itself.
      expect(from(PROXY, '10.9.0.7', ['10.9.0.0/24'])).resolves.toBe('10.9.0.7'),
      expect(from(PROXY, undefined, [PROXY])).resolves.toBe(PROXY),
    ]);
  });

  test('TRUST_PROXY takes addresses and CIDR ranges, separated by commas or spaces, and refuses anything else', () => {
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8 ::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(parseTrustProxy(undefined)).toEqual([]);
    for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', '*'])
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    expect(readEnv({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
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
    const count = async () =>
      (
        await t.registry.client.execute(
          'select (select count(*) from declarations) + (select count(*) from audit) as n',
        )
      ).rows[0].n;
    const before = await count();
    const res = await t.call('POST', '/api/v1/declarations', {
      token: w.tokens.staff,
      body: { kind: 'gift', supplierId: w.supplierId, valueEur: 10, form: 'goods' },
    });
    expect(res.status).toBe(429);
    expect(await count()).toBe(before);
  });
});
