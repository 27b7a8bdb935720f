/** Signing in and out of the web pages and what the session opens, with `app.request()` and a real database file. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildWorld, openTestApp, PASSWORD, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText, type WebSession } from './web-client.ts';

let t: TestApp;
let w: World;
let staff: WebSession;

beforeEach(async () => {
  t = await openTestApp();
  w = await buildWorld(t);
  staff = await sessionFor(t, w.people.staff.id);
});
afterEach(() => t.registry.close());

describe('signing in', () => {
  async function loginForm() {
    const res = await getPage(t, '/login');
    const token = /name="_login" value="([^"]+)"/.exec(res.html)![1];
    return { token, cookie: `zuiver_login=${token}` };
  }

  test('a right password starts a session: an HttpOnly, SameSite=Strict cookie that expires', async () => {
    const { token, cookie } = await loginForm();
    const res = await postForm(
      t,
      '/login',
      undefined,
      { _login: token, email: w.people.staff.email, password: PASSWORD, next: '/declare' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe('/declare');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('zuiver_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Max-Age=28800/);
    expect(session).not.toMatch(/Secure/);
    const home = await getPage(t, '/', { cookie: session.split(';')[0], csrf: '' });
    expect(home.status).toBe(200);
    expect(visibleText(home.html)).toContain('Aangemeld als Test staff');
  });

  test('the session cookie is Secure when the browser came over HTTPS', async () => {
    const { token, cookie } = await loginForm();
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ _login: token, email: w.people.staff.email, password: PASSWORD }).toString(),
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('zuiver_session='))).toMatch(/Secure/);
  });

  test('a wrong password says so and keeps the e-mail address, never the password', async () => {
    const { token, cookie } = await loginForm();
    const res = await postForm(
      t,
      '/login',
      undefined,
      { _login: token, email: w.people.staff.email, password: 'wrong-password' },
      { cookie },
    );
    expect(res.status).toBe(401);
    expect(visibleText(res.html)).toContain('E-mailadres of wachtwoord klopt niet.');
    expect(res.html).toContain(`value="${w.people.staff.email}"`);
    expect(res.html).not.toContain('wrong-password');
  });

  test('a sign-in form without its double-submit cookie is refused', async () => {
    const { token } = await loginForm();
    const res = await postForm(t, '/login', undefined, {
      _login: token,
      email: w.people.staff.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('zuiver_session='))).toBe(false);
  });

  test('without a session a page sends you to sign in, and back afterwards', async () => {
    const res = await getPage(t, `/declarations/${w.declarationId}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/login?next=${encodeURIComponent(`/declarations/${w.declarationId}`)}`);
  });

  test('a link from another site reloads itself same-site, so the Strict cookie can come along', async () => {
    const res = await getPage(t, `/declare?kind=gift&supplier=${w.supplierId}`, undefined, {
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(200);
    expect(res.html).toContain(`http-equiv="refresh" content="0;url=/declare?kind=gift&amp;supplier=${w.supplierId}"`);
  });

  test('the session cookie opens no API route: the API takes only tokens', async () => {
    const res = await t.app.request('/api/v1/me', { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(401);
  });

  test('signing out ends the session in the database', async () => {
    const res = await postForm(t, '/logout', staff, {});
    expect(res.status).toBe(303);
    expect((await getPage(t, '/', staff)).status).toBe(303);
  });

  test('a deactivated person’s session stops working at once', async () => {
    const admin = await sessionFor(t, w.people.admin.id);
    const res = await postForm(t, `/people/${w.people.staff.id}`, admin, {
      name: 'Test staff',
      role: 'staff',
      managerId: w.people.ownManager.id,
    });
    expect(res.status).toBe(303);
    expect((await getPage(t, '/', staff)).status).toBe(303);
  });
});
