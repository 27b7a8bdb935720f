/**
 * Passwords and tokens never reach the log: the real server process signs people in, is used with tokens, and
 * is driven into every kind of error (wrong password, flooded sign-in, bad and revoked tokens, invalid and
 * unknown fields carrying the password, the per-token rate limit); then everything it wrote to stdout and
 * stderr is searched for each secret.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_PER_MINUTE: '40' } });
});
afterAll(async () => {
  await server?.stop();
});

const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;
const OTHER_PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;

async function call(
  path: string,
  init: {
    method?: string;
    token?: string;
    body?: unknown;
    raw?: string;
    type?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text), headers: res.headers };
}

test('no password, token or session secret appears in anything the server process writes', async () => {
  const secrets: Record<string, string> = { PASSWORD, OTHER_PASSWORD };

  // An admin with a password, added by the CLI (its own output is the operator's, not the server's log).
  const cliToken = await server.cliToken([
    'user',
    'add',
    '--email',
    'admin@corp.example',
    '--name',
    'Admin',
    '--role',
    'admin',
    '--password',
    PASSWORD,
  ]);
  secrets.cliToken = cliToken;

  // Sign-in: right, wrong, and with the password in places it does not belong.
  const signIn = (password: unknown, extra: object = {}) =>
    call('/api/v1/auth/token', { body: { email: 'admin@corp.example', password, name: 'laptop', ...extra } });
  const signedIn = await signIn(PASSWORD);
  expect(signedIn.status).toBe(201);
  secrets.extensionToken = signedIn.json().token;
  expect((await signIn(`${PASSWORD}x`)).status).toBe(401);
  expect((await signIn(PASSWORD, { token: cliToken })).status).toBe(400);
  expect(
    (await call('/api/v1/auth/token', { raw: `{"email":"admin@corp.example","password":"${PASSWORD}",` })).status,
  ).toBe(400);
  expect((await call(`/api/v1/nothing-here?password=${PASSWORD}&token=${cliToken}`)).status).toBe(404);

  // Tokens used, created, revoked, and forged.
  const created = await call('/api/v1/me/tokens', { token: cliToken, body: { name: 'script' } });
  expect(created.status).toBe(201);
  secrets.scriptToken = created.json().token;
  expect((await call('/api/v1/watchlist', { token: secrets.extensionToken })).status).toBe(200);
  expect((await call('/api/v1/me', { token: secrets.scriptToken })).status).toBe(200);
  expect((await call(`/api/v1/me/tokens/${created.json().id}`, { method: 'DELETE', token: cliToken })).status).toBe(
    204,
  );
  expect((await call('/api/v1/me', { token: secrets.scriptToken })).status).toBe(401);
  secrets.forged = `zv_${randomBytes(32).toString('base64url')}`;
  expect((await call('/api/v1/me', { token: secrets.forged })).status).toBe(401);
  expect(
    (
      await call('/api/v1/me', {
        headers: { authorization: `Basic ${Buffer.from(`admin@corp.example:${PASSWORD}`).toString('base64')}` },
      })
    ).status,
  ).toBe(401);
  secrets.basic = Buffer.from(`admin@corp.example:${PASSWORD}`).toString('base64');

  // Passwords in bodies that are refused: too short, the wrong type, beside a wrong field.
  const person = (password: unknown) =>
    call('/api/v1/people', {
      token: cliToken,
      body: { email: 'staff@corp.example', name: 'Staff', role: 'staff', password },
    });
  expect((await person('short')).status).toBe(400);
  expect((await person(12345)).status).toBe(400);
  expect(
    (await call('/api/v1/people', { token: cliToken, body: { password: OTHER_PASSWORD, role: 'boss' } })).status,
  ).toBe(400);
  expect((await person(OTHER_PASSWORD)).status).toBe(201);

  // The web UI's sign-in form, if it is there: its session secret is a credential too.
  const form = await call('/login');
  const loginField = /name="_login" value="([^"]+)"/.exec(form.text)?.[1];
  const loginCookie = /zuiver[\w-]*=([^;]+)/i.exec(form.headers.get('set-cookie') ?? '')?.[0];
  if (loginField && loginCookie) {
    secrets.loginField = loginField;
    const body = new URLSearchParams({
      email: 'staff@corp.example',
      password: OTHER_PASSWORD,
      _login: loginField,
    }).toString();
    const web = await call('/login', {
      raw: body,
      type: 'application/x-www-form-urlencoded',
      headers: { cookie: loginCookie },
    });
    for (const cookie of web.headers.getSetCookie()) {
      const value = cookie.split(';')[0].split('=').slice(1).join('=');
      if (value.length > 20) secrets[`cookie ${cookie.split('=')[0]}`] = value;
    }
  }

  // The per-token limit (40 a minute here), then a flood of sign-in attempts.
  let limited = 0;
  for (let i = 0; i < 60 && !limited; i++)
    if ((await call('/api/v1/me', { token: cliToken })).status === 429) limited++;
  expect(limited).toBe(1);
  const flood: number[] = [];
  for (let i = 0; i < 12; i++) flood.push((await signIn(`${PASSWORD}-${i}`)).status);
  expect(flood).toContain(429);

  await server.stop();
  const log = server.output();
  expect(log).toMatch(/Zuiver listens on/);
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret.length, name).toBeGreaterThan(10);
    expect(log.includes(secret), `${name} appears in the server's output`).toBe(false);
  }
});
