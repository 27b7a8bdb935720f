/**
 * Sign-ins under way and the extension's one-time codes are kept in the registry (db/sign-in.ts): a sign-in
 * started at one server finishes at another on the same registry, each is used once, and they expire.
 */
// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import { MAX_SIGN_INS_UNDER_WAY } from '../../db/sign-in.ts';
import type { TestApp } from '../support/app.ts';
import {
  cookieOf,
  EXTENSION_REDIRECT,
  extensionStart,
  oidcConfig,
  open,
  provider,
  PUBLIC_URL,
  signInWithWorkAccount,
  t,
  template,
  useSignIn,
} from './sign-in-flow.ts';
import { getPage } from './web-client.ts';

useSignIn();

describe('sign-ins under way are kept in the registry', () => {
  const rows = async (table: string) =>
    Number((await t.registry.client.execute(`select count(*) as n from ${table}`)).rows[0].n);
  const exchange = (app: TestApp['app'], code: string) =>
    app.request('/api/v1/auth/extension-code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, redirectUri: EXTENSION_REDIRECT, name: 'Zuiver (Chromium)' }),
    });

  test('a sign-in started at one server finishes at another on the same registry, and an extension’s code from one is exchanged at the other, once', async () => {
    await open();
    // Another server on the same registry: an app of its own, sharing nothing in memory with the first.
    const other: TestApp = {
      ...t,
      app: createApp({
        db: t.registry.db,
        clock: t.clock,
        config: { rateLimitPerMinute: 0, publicUrl: PUBLIC_URL, oidc: oidcConfig() },
      }),
    };
    const begin = await getPage(t, '/login/oidc?next=%2Faccount');
    const flowCookie = cookieOf(begin, 'zuiver_oidc')!;
    expect(await rows('sign_in_flows')).toBe(1);
    const back = await provider.signIn(begin.location!, template.world.people.staff.email);
    const callback = await getPage(other, back.pathname + back.search, undefined, { cookie: flowCookie });
    expect(callback.status).toBe(200);
    const session = cookieOf(callback, 'zuiver_session')!;
    expect((await getPage(t, '/account', undefined, { cookie: session })).status).toBe(200);
    // Used up there: the first server cannot finish it again.
    expect(await rows('sign_in_flows')).toBe(0);
    expect((await getPage(t, back.pathname + back.search, undefined, { cookie: flowCookie })).status).toBe(400);

    const { toExtension } = await signInWithWorkAccount(
      template.world.people.staff.email,
      extensionStart('extension-state-0123456789'),
    );
    const code = toExtension!.searchParams.get('code')!;
    expect(await rows('extension_codes')).toBe(1);
    expect((await exchange(other.app, code)).status).toBe(201);
    expect((await exchange(t.app, code)).status).toBe(401);
    expect(await rows('extension_codes')).toBe(0);
  });

  test('a sign-in after ten minutes and a code after two are refused, and expired ones are cleared away', async () => {
    await open();
    const begin = await getPage(t, '/login/oidc');
    const back = await provider.signIn(begin.location!, template.world.people.staff.email);
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000));
    const late = await getPage(t, back.pathname + back.search, undefined, { cookie: cookieOf(begin, 'zuiver_oidc')! });
    expect(late.status).toBe(400);
    expect(cookieOf(late, 'zuiver_session')).toBeUndefined();

    const { toExtension } = await signInWithWorkAccount(
      template.world.people.staff.email,
      extensionStart('extension-state-abcdefghij'),
    );
    t.clock.set(new Date(t.clock.now().getTime() + 3 * 60_000));
    expect((await exchange(t.app, toExtension!.searchParams.get('code')!)).status).toBe(401);

    // Two flows left behind, both expired: the next one written takes them away.
    for (let i = 0; i < 2; i++) await getPage(t, '/login/oidc');
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000));
    await getPage(t, '/login/oidc');
    expect(await rows('sign_in_flows')).toBe(1);
  });

  test('a flood of sign-in starts pushes the oldest out instead of filling the disk', async () => {
    await open();
    // As if the most allowed were under way already, each a second apart (written at once: starting ten thousand
    // one by one would take minutes).
    await t.registry.client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO sign_in_flows (state_hash, verifier, nonce, purpose, expires_at)
            SELECT 'flood-' || i, 'v', 'n', '{"kind":"web","next":"/"}',
                   strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || i || ' seconds') FROM n`,
      args: [MAX_SIGN_INS_UNDER_WAY, t.clock.now().toISOString()],
    });
    const begin = await getPage(t, '/login/oidc');
    expect(begin.status).toBe(302);
    expect(await rows('sign_in_flows')).toBe(MAX_SIGN_INS_UNDER_WAY);
    const kept = async (hash: string) =>
      (await t.registry.client.execute({ sql: 'select 1 from sign_in_flows where state_hash = ?', args: [hash] })).rows
        .length;
    expect(await kept('flood-1')).toBe(0);
    expect(await kept('flood-2')).toBe(1);
    // The new one is among them, and finishes.
    const back = await provider.signIn(begin.location!, template.world.people.staff.email);
    const callback = await getPage(t, back.pathname + back.search, undefined, {
      cookie: cookieOf(begin, 'zuiver_oidc')!,
    });
    expect(callback.status).toBe(200);
  });
});
