/**
 * Personal tokens end with the access they came from: a password change, a deactivation and an admin's "sign out
 * everywhere" end every session and every token of that person. And every token has an expiry: a default when
 * none is named, at most 365 days for full scope and 90 for the extension's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { PASSWORD, useWorld, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText } from './web-client.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => {
  t = app;
  w = world;
});

const DAY = 86_400_000;
const me = (token: string) => t.call('GET', '/api/v1/me', { token });
const later = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();

/** A full and an extension token of the staff member, made the ways a person makes them. */
async function staffTokens() {
  const full = (await t.call('POST', '/api/v1/me/tokens', { token: w.tokens.staff, body: { name: 'script' } })).body
    .token as string;
  const signedIn = await t.call('POST', '/api/v1/auth/token', {
    body: { email: w.people.staff.email, password: PASSWORD, name: 'laptop' },
  });
  expect(signedIn.status).toBe(201);
  const tokens = [w.tokens.staff, w.tokens.extension, full, signedIn.body.token as string];
  for (const token of tokens) expect((await me(token)).status).toBe(200);
  return tokens;
}

const liveTokens = async (personId: string) =>
  Number(
    (
      await t.registry.client.execute({
        sql: 'select count(*) as n from tokens where person_id = ? and revoked_at is null',
        args: [personId],
      })
    ).rows[0].n,
  );

describe('a password change, a deactivation and "sign out everywhere" end every session and token', () => {
  test('after a password change no token made before it works, and the other sessions are gone; the new password signs in', async () => {
    const tokens = await staffTokens();
    const here = await sessionFor(t, w.people.staff.id);
    const elsewhere = await sessionFor(t, w.people.staff.id);
    const changed = await postForm(t, '/account/password', here, {
      current: PASSWORD,
      password: 'een nieuw wachtwoord',
      repeat: 'een nieuw wachtwoord',
    });
    expect(changed.status).toBe(303);
    for (const token of tokens) expect((await me(token)).status).toBe(401);
    expect(await liveTokens(w.people.staff.id)).toBe(0);
    expect((await getPage(t, '/account', elsewhere)).status).toBe(303);
    // The session that changed it stays, and nobody else lost anything.
    expect((await getPage(t, '/account', here)).status).toBe(200);
    expect((await me(w.tokens.otherStaff)).status).toBe(200);
    const again = await t.call('POST', '/api/v1/auth/token', {
      body: { email: w.people.staff.email, password: 'een nieuw wachtwoord', name: 'laptop' },
    });
    expect((await me(again.body.token)).status).toBe(200);
  });

  test('after a deactivation no token or session of the person works', async () => {
    const tokens = await staffTokens();
    const session = await sessionFor(t, w.people.staff.id);
    expect(
      (await t.call('PATCH', `/api/v1/people/${w.people.staff.id}`, { token: w.tokens.admin, body: { active: false } }))
        .status,
    ).toBe(200);
    for (const token of tokens) expect((await me(token)).status).toBe(401);
    expect(await liveTokens(w.people.staff.id)).toBe(0);
    expect((await getPage(t, '/account', session)).status).toBe(303);
  });

  test('an admin signs a person out everywhere through the API: every token and session ends, the person stays and signs in again', async () => {
    const tokens = await staffTokens();
    const sessions = [await sessionFor(t, w.people.staff.id), await sessionFor(t, w.people.staff.id)];
    const res = await t.call('POST', `/api/v1/people/${w.people.staff.id}/sign-out`, { token: w.tokens.admin });
    expect(res).toMatchObject({ status: 200, body: { endedSessions: 2, revokedTokens: 4 } });
    for (const token of tokens) expect((await me(token)).status).toBe(401);
    for (const session of sessions) expect((await getPage(t, '/account', session)).status).toBe(303);
    const audit = await t.registry.client.execute({
      sql: "select actor_id from audit where action = 'person.sign_out_everywhere' and entity_id = ?",
      args: [w.people.staff.id],
    });
    expect(audit.rows.map((r) => r.actor_id)).toEqual([w.people.admin.id]);
    expect((await t.call('GET', `/api/v1/people/${w.people.staff.id}`, { token: w.tokens.admin })).body.active).toBe(
      true,
    );
    expect((await me(w.tokens.otherStaff)).status).toBe(200);
    const again = await t.call('POST', '/api/v1/auth/token', {
      body: { email: w.people.staff.email, password: PASSWORD, name: 'laptop' },
    });
    expect((await me(again.body.token)).status).toBe(200);
    expect((await t.call('POST', '/api/v1/people/no-such-person/sign-out', { token: w.tokens.admin })).status).toBe(
      404,
    );
  });

  test('the person page has the same button for the admin', async () => {
    const tokens = await staffTokens();
    const admin = await sessionFor(t, w.people.admin.id);
    const page = await getPage(t, `/people/${w.people.staff.id}`, admin);
    expect(page.html).toContain(`action="/people/${w.people.staff.id}/sign-out"`);
    const done = await postForm(t, `/people/${w.people.staff.id}/sign-out`, admin, {});
    expect(done.location).toBe(`/people/${w.people.staff.id}?done=signedOut`);
    expect(visibleText((await getPage(t, done.location!, admin)).html)).toContain('Overal afgemeld');
    for (const token of tokens) expect((await me(token)).status).toBe(401);
  });
});

describe('every token expires', () => {
  test('without a period a full token gets 90 days; 365 is the most; more is refused and naming the field', async () => {
    const plain = await t.call('POST', '/api/v1/me/tokens', { token: w.tokens.staff, body: { name: 'script' } });
    expect(plain.status).toBe(201);
    expect(plain.body.expiresAt).toBe(later(90));
    const year = await t.call('POST', '/api/v1/me/tokens', {
      token: w.tokens.staff,
      body: { name: 'year', expiresInDays: 365 },
    });
    expect(year.body.expiresAt).toBe(later(365));
    const tooLong = await t.call('POST', '/api/v1/me/tokens', {
      token: w.tokens.staff,
      body: { name: 'forever', expiresInDays: 366 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['expiresInDays']);
    // The token works until its expiry, to the millisecond, and not after.
    t.clock.set(new Date(Date.parse(plain.body.expiresAt) - 1));
    expect((await me(plain.body.token)).status).toBe(200);
    t.clock.set(new Date(plain.body.expiresAt));
    expect((await me(plain.body.token)).status).toBe(401);
  });

  test('an extension token lasts 90 days at most, made in the API or by signing in', async () => {
    const ext = await t.call('POST', '/api/v1/me/tokens', {
      token: w.tokens.staff,
      body: { name: 'ext', scope: 'extension' },
    });
    expect(ext.body.expiresAt).toBe(later(90));
    const tooLong = await t.call('POST', '/api/v1/me/tokens', {
      token: w.tokens.staff,
      body: { name: 'ext', scope: 'extension', expiresInDays: 91 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['expiresInDays']);
    const signedIn = await t.call('POST', '/api/v1/auth/token', {
      body: { email: w.people.staff.email, password: PASSWORD, name: 'laptop' },
    });
    expect(signedIn.body.expiresAt).toBe(later(90));
  });

  test('the registry refuses a token past its scope’s maximum whoever asks, and gives every token an expiry', async () => {
    const make = (scope: 'full' | 'extension', days?: number) =>
      writeTx(t.registry.db, (tx) =>
        createToken(tx, t.clock.now(), null, { personId: w.people.staff.id, name: 'direct', scope, days }),
      );
    await expect(make('full', 366)).rejects.toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    await expect(make('extension', 91)).rejects.toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    await expect(make('full', 0)).rejects.toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect((await make('extension')).row.expiresAt).toBe(later(90));
    const open = await t.registry.client.execute('select count(*) as n from tokens where expires_at is null');
    expect(Number(open.rows[0].n)).toBe(0);
  });

  test('the account page offers no token without an end, and refuses a year for the extension', async () => {
    const staff = await sessionFor(t, w.people.staff.id);
    const page = await getPage(t, '/account', staff);
    const options = [...page.html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toEqual(expect.arrayContaining(['30', '90', '365']));
    expect(options).not.toContain('never');
    const refused = await postForm(t, '/account/tokens', staff, { name: 'laptop', scope: 'extension', expires: '365' });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.html)).toContain('hoogstens 90 dagen');
    const never = await postForm(t, '/account/tokens', staff, { name: 'laptop', scope: 'full', expires: 'never' });
    expect(never.status).toBe(200);
    expect(
      await t.registry.client
        .execute('select count(*) as n from tokens where expires_at is null')
        .then((r) => Number(r.rows[0].n)),
    ).toBe(0);
  });

  test('the upgrade gives tokens made without an expiry one: their scope’s longest time, at least 30 days from now', async () => {
    const made = (id: string, scope: string, createdAt: string) =>
      t.registry.client.execute({
        sql: 'update tokens set scope = ?, created_at = ?, expires_at = null where id = ?',
        args: [scope, createdAt, id],
      });
    await made(w.tokenIds.staff, 'full', '2026-06-01T08:00:00.000Z');
    await made(w.tokenIds.extension, 'extension', '2026-11-01T08:00:00.000Z');
    await made(w.tokenIds.manager, 'full', '2020-01-01T08:00:00.000Z');
    const migration = readFileSync(new URL('../../db/migrations/0003_token_expiry.sql', import.meta.url), 'utf8');
    const before = Date.now();
    await t.registry.client.executeMultiple(migration);
    const expiry = async (id: string) =>
      String(
        (await t.registry.client.execute({ sql: 'select expires_at from tokens where id = ?', args: [id] })).rows[0]
          .expires_at,
      );
    expect(await expiry(w.tokenIds.staff)).toBe('2027-06-01T08:00:00.000Z');
    expect(await expiry(w.tokenIds.extension)).toBe('2027-01-30T08:00:00.000Z');
    const old = Date.parse(await expiry(w.tokenIds.manager));
    expect(old).toBeGreaterThanOrEqual(before + 30 * DAY - 1000);
    expect(old).toBeLessThanOrEqual(Date.now() + 30 * DAY);
  });
});
