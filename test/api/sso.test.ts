/**
 * Single sign-on end to end against a real OpenID provider (oidc-provider, see sign-in-flow.ts): the web
 * UI's sign-in, the refusal of someone unknown, just-in-time creation, the extension's one-time code, the admin's
 * switch for the password form, and a server that starts while the provider cannot be reached.
 */
// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, startProvider, type TestProvider } from '../support/oidc-provider.ts';
import { freePort, startServer } from '../support/server.ts';
import { waitFor } from '../support/wait.ts';
import {
  cookieOf,
  EXTENSION_REDIRECT,
  extensionStart,
  open,
  provider,
  PUBLIC_URL,
  signInWithWorkAccount,
  t,
  template,
  useSignIn,
} from './sign-in-flow.ts';
import { getPage, postForm, sessionFor, visibleText } from './web-client.ts';

useSignIn();

const peopleCount = async () => Number((await t.registry.client.execute('select count(*) as n from people')).rows[0].n);

describe('the web UI', () => {
  test('/login offers the work account, and signing in there starts the same session the password form starts', async () => {
    await open();
    const login = await getPage(t, '/login');
    expect(login.html).toContain('href="/login/oidc"');
    expect(visibleText(login.html)).toContain('Inloggen met je werkaccount');

    const begin = await getPage(t, '/login/oidc');
    const authorize = new URL(begin.location!);
    // Authorization code flow with PKCE (S256), state and nonce.
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      code_challenge_method: 'S256',
      redirect_uri: `${PUBLIC_URL}/login/oidc/callback`,
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);

    const { callback } = await signInWithWorkAccount(template.world.people.staff.email);
    expect(callback!.status).toBe(200);
    expect(callback!.html).toContain('url=/account');
    const session = cookieOf(callback!, 'zuiver_session')!;
    expect(session).toBeDefined();
    const home = await getPage(t, '/account', undefined, { cookie: session });
    expect(home.status).toBe(200);
    expect(visibleText(home.html)).toContain('Test staff');
    const audit = await t.registry.client.execute({
      sql: "select count(*) as n from audit where action = 'session.create' and actor_id = ?",
      args: [template.world.people.staff.id],
    });
    expect(Number(audit.rows[0].n)).toBe(1);
  });

  test('someone unknown is refused with a page that says why, and nobody is created', async () => {
    await open();
    const before = await peopleCount();
    const { callback } = await signInWithWorkAccount('stranger@corp.test');
    expect(callback!.status).toBe(403);
    expect(visibleText(callback!.html)).toContain('Er is in Zuiver niemand met het e-mailadres stranger@corp.test');
    expect(cookieOf(callback!, 'zuiver_session')).toBeUndefined();
    expect(await peopleCount()).toBe(before);
  });

  test('a deactivated person is refused even when their work account still works', async () => {
    await open({ createPeople: true });
    const { callback } = await signInWithWorkAccount(template.world.people.deactivated.email);
    expect(callback!.status).toBe(403);
    expect(visibleText(callback!.html)).toContain('gedeactiveerd');
    expect(cookieOf(callback!, 'zuiver_session')).toBeUndefined();
  });

  test('with just-in-time creation someone unknown becomes staff without a manager and is signed in', async () => {
    await open({ createPeople: true });
    const { callback } = await signInWithWorkAccount('stranger@corp.test');
    expect(callback!.status).toBe(200);
    expect(cookieOf(callback!, 'zuiver_session')).toBeDefined();
    const row = (await t.registry.client.execute("select * from people where email = 'stranger@corp.test'")).rows[0];
    expect(row).toMatchObject({ name: 'Nieuwe Collega', role: 'staff', manager_id: null, active: 1 });
    const audit = await t.registry.client.execute({
      sql: "select actor_id from audit where action = 'person.create' and entity_id = ?",
      args: [row.id],
    });
    expect(audit.rows).toEqual([expect.objectContaining({ actor_id: null })]);
  });

  test('an address the provider calls unverified names no account', async () => {
    await open({ createPeople: true });
    const { callback } = await signInWithWorkAccount('unverified@corp.test');
    expect(callback!.status).toBe(400);
    expect(cookieOf(callback!, 'zuiver_session')).toBeUndefined();
  });

  test('a callback in another browser (without the flow’s cookie) or a second time is refused', async () => {
    await open();
    const begin = await getPage(t, '/login/oidc');
    const flowCookie = cookieOf(begin, 'zuiver_oidc')!;
    const back = await provider.signIn(begin.location!, template.world.people.staff.email);
    const elsewhere = await getPage(t, back.pathname + back.search, undefined, { cookie: 'zuiver_oidc=someone-else' });
    expect(elsewhere.status).toBe(400);
    expect(cookieOf(elsewhere, 'zuiver_session')).toBeUndefined();
    // The refused attempt did not use the flow up; the right browser still finishes it, once.
    expect((await getPage(t, back.pathname + back.search, undefined, { cookie: flowCookie })).status).toBe(200);
    expect((await getPage(t, back.pathname + back.search, undefined, { cookie: flowCookie })).status).toBe(400);
  });

  test('the admin switches the password form off (audited); the password then opens neither /login nor the API', async () => {
    await open();
    const admin = await sessionFor(t, template.world.people.admin.id);
    expect((await postForm(t, '/settings/sign-in', admin, {})).status).toBe(303);
    const audit = await t.registry.client.execute("select actor_id from audit where action = 'settings.update'");
    expect(audit.rows).toEqual([expect.objectContaining({ actor_id: template.world.people.admin.id })]);
    const login = await getPage(t, '/login');
    expect(login.html).not.toContain('name="password"');
    expect(login.html).toContain('href="/login/oidc"');
    const api = await t.call('POST', '/api/v1/auth/token', {
      body: { email: template.world.people.staff.email, password: 'correct horse battery', name: 'laptop' },
    });
    expect(api.status).toBe(403);
    expect((await postForm(t, '/settings/sign-in', admin, { passwordSignIn: 'on' })).status).toBe(303);
    expect((await getPage(t, '/login')).html).toContain('name="password"');
  });
});

describe('the extension', () => {
  test('ends at its redirect URL with a one-time code that the API exchanges once for an extension-scoped token', async () => {
    await open();
    const state = 'extension-state-0123456789';
    const { callback, toExtension: back } = await signInWithWorkAccount(
      template.world.people.staff.email,
      extensionStart(state),
    );
    expect(callback.status).toBe(302);
    expect(back!.origin + back!.pathname).toBe(EXTENSION_REDIRECT);
    expect(back!.searchParams.get('state')).toBe(state);
    // The extension gets a code, not a web session.
    expect(cookieOf(callback, 'zuiver_session')).toBeUndefined();
    const code = back!.searchParams.get('code')!;
    expect(code).toMatch(/^[\w-]{40,}$/);
    // First the right code at the wrong redirect URL: refused, and the code is spent.
    const exchange = (redirectUri: string, c = code) =>
      t.call('POST', '/api/v1/auth/extension-code', { body: { code: c, redirectUri, name: 'Zuiver (Chromium)' } });
    const { toExtension: again } = await signInWithWorkAccount(
      template.world.people.staff.email,
      extensionStart(state),
    );
    expect(
      (await exchange('https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/', again!.searchParams.get('code')!))
        .status,
    ).toBe(401);
    expect((await exchange(EXTENSION_REDIRECT, again!.searchParams.get('code')!)).status).toBe(401);

    const res = await exchange(EXTENSION_REDIRECT);
    expect(res.status).toBe(201);
    const token = res.body.token;
    expect((await t.call('GET', '/api/v1/watchlist', { token })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { token })).body.email).toBe(template.world.people.staff.email);
    // Extension-scoped: the registry's other routes stay shut.
    expect((await t.call('GET', '/api/v1/suppliers', { token })).status).toBe(403);
    expect((await exchange(EXTENSION_REDIRECT)).status).toBe(401);
  });

  test('someone unknown comes back to the extension with an error instead of a code', async () => {
    await open();
    const { toExtension: back } = await signInWithWorkAccount(
      'stranger@corp.test',
      extensionStart('extension-state-abcdefghij'),
    );
    expect(Object.fromEntries(back!.searchParams)).toEqual({ error: 'unknown', state: 'extension-state-abcdefghij' });
  });

  test('a redirect URL that is not an extension’s gets no flow at all', async () => {
    await open();
    const res = await getPage(
      t,
      `/login/oidc/extension?redirect_uri=${encodeURIComponent('https://evil.example/')}&state=0123456789abcdef`,
    );
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
  });
});

test('the server starts while the provider is unreachable, says so once, and discovers when sign-in is first used', async () => {
  const port = await freePort();
  const server = await startServer({
    env: { OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
  });
  let late: TestProvider | undefined;
  try {
    await waitFor(
      'the start-up line about single sign-on',
      async () => server.output(),
      (out) => /Single sign-on: .*cannot be reached/.test(out),
    );
    expect(server.output().match(/Single sign-on/g)).toHaveLength(1);
    expect(await (await fetch(`${server.url}/login`)).text()).toContain('href="/login/oidc"');
    const down = await fetch(`${server.url}/login/oidc`, { redirect: 'manual' });
    expect(down.status).toBe(503);
    expect(await down.text()).toContain('niet bereikbaar');
    // The provider comes up: the next sign-in discovers it, without a restart.
    late = await startProvider({ port, redirectUri: `${server.url}/login/oidc/callback`, accounts: {} });
    const up = await fetch(`${server.url}/login/oidc`, { redirect: 'manual' });
    expect(up.status).toBe(302);
    expect(up.headers.get('location')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/auth\\?`));
  } finally {
    await late?.close();
    await server.stop();
  }
}, 60_000);
