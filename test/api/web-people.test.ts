/** The people pages and the policy for admins, and a person's own tokens and password, through `app.request()`. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildWorld, openTestApp, PASSWORD, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText, type WebSession } from './web-client.ts';

let t: TestApp;
let w: World;
let admin: WebSession;

beforeEach(async () => {
  t = await openTestApp();
  w = await buildWorld(t);
  admin = await sessionFor(t, w.people.admin.id);
});
afterEach(() => t.registry.close());

const text = async (path: string, session: WebSession) => visibleText((await getPage(t, path, session)).html);

describe('people and policy (admins)', () => {
  test('adding a person with an e-mail address in use keeps the form; a new one gets a manager', async () => {
    const dup = await postForm(t, '/people', admin, {
      email: w.people.staff.email,
      name: 'Dubbel',
      role: 'staff',
      managerId: '',
    });
    expect(dup.status).toBe(400);
    expect(visibleText(dup.html)).toContain('Er is al iemand met dit e-mailadres.');
    const added = await postForm(t, '/people', admin, {
      email: 'nieuw@zuiver.test',
      name: 'Nieuwe Collega',
      role: 'staff',
      managerId: w.people.manager.id,
      password: 'een lang wachtwoord',
    });
    expect(added.status).toBe(303);
    const list = await text('/people?q=nieuw', admin);
    expect(list).toContain('Nieuwe Collega');
    expect(list).toContain('Test manager');
  });

  test('a manager who changed role stays chosen on the edit form of the people they managed', async () => {
    const { staff, ownManager } = w.people;
    expect(
      (
        await postForm(t, `/people/${ownManager.id}`, admin, {
          name: 'Test ownManager',
          role: 'purchaser',
          managerId: '',
          active: 'on',
        })
      ).status,
    ).toBe(303);
    const edit = await getPage(t, `/people/${staff.id}`, admin);
    expect(edit.html).toMatch(new RegExp(`<option value="${ownManager.id}" selected`));
  });

  test('a preset is loaded into the form without saving; saving applies it to the next verdict', async () => {
    const loaded = await postForm(t, '/policy', admin, { action: 'preset', code: 'clavis' });
    expect(visibleText(loaded.html)).toContain('Neem geen persoonlijke geschenken aan');
    const staff = await sessionFor(t, w.people.staff.id);
    const gift = { kind: 'gift', supplierId: w.otherSupplierId, form: 'goods', valueEur: '20', action: 'check' };
    expect(visibleText((await postForm(t, '/declare', staff, gift)).html)).toContain('Toegestaan');
    const fields = Object.fromEntries(
      [...loaded.html.matchAll(/name="([^"]+)"[^>]*?value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    for (const m of loaded.html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      fields[m[1]] = m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const checkedBoxes = [...loaded.html.matchAll(/type="checkbox" name="([^"]+)" value="on" checked/g)].map(
      (m) => m[1],
    );
    for (const box of [
      'gifts.personalAllowed',
      'gifts.wholeCompanyAllowed',
      'invitations.onlyFromContracted',
      'invitations.multiDayAllowed',
    ])
      delete fields[box];
    for (const box of checkedBoxes) fields[box] = 'on';
    fields.code = 'clavis';
    const bad = await postForm(t, '/policy', admin, { ...fields, action: 'save', 'gifts.limitEur': 'vijftig' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('Vul een getal in.');
    expect((await postForm(t, '/policy', admin, { ...fields, action: 'save' })).status).toBe(303);
    expect(visibleText((await postForm(t, '/declare', staff, gift)).html)).toContain(
      'Persoonlijke geschenken neem je niet aan',
    );
  });
});

describe('my account', () => {
  test('a new token is shown once with the server address, works against the API, and can be revoked', async () => {
    const staff = await sessionFor(t, w.people.staff.id);
    const res = await postForm(t, '/account/tokens', staff, { name: 'laptop', scope: 'extension', expires: '90' });
    const token = /id="new-token" type="text" readonly="" value="([^"]+)"/.exec(res.html)![1];
    expect(res.html).toContain('value="http://127.0.0.1:8787"');
    expect((await t.call('GET', '/api/v1/watchlist', { token })).status).toBe(200);
    const again = await getPage(t, '/account', staff);
    expect(again.html).not.toContain(token);
    const id = /<td>laptop<\/td>[\s\S]*?action="\/account\/tokens\/([\w-]+)\/revoke"/.exec(again.html)![1];
    expect((await postForm(t, `/account/tokens/${id}/revoke`, staff, {})).location).toBe('/account?done=revoked');
    expect((await t.call('GET', '/api/v1/watchlist', { token })).status).toBe(401);
  });

  test('the password changes only with the current one, and the new one signs in', async () => {
    const staff = await sessionFor(t, w.people.staff.id);
    const wrong = await postForm(t, '/account/password', staff, {
      current: 'niet mijn wachtwoord',
      password: 'een nieuw wachtwoord',
      repeat: 'een nieuw wachtwoord',
    });
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.html)).toContain('Dit is niet je huidige wachtwoord.');
    const short = await postForm(t, '/account/password', staff, {
      current: PASSWORD,
      password: 'kort',
      repeat: 'kort',
    });
    expect(visibleText(short.html)).toContain('Minstens 10 tekens.');
    expect(
      (
        await postForm(t, '/account/password', staff, {
          current: PASSWORD,
          password: 'een nieuw wachtwoord',
          repeat: 'een nieuw wachtwoord',
        })
      ).status,
    ).toBe(303);
    const signIn = await t.call('POST', '/api/v1/auth/token', {
      body: { email: w.people.staff.email, password: 'een nieuw wachtwoord', name: 'test' },
    });
    expect(signIn.status).toBe(201);
  });

  test('a new password signs out every other session of that person, not the one that changed it', async () => {
    const here = await sessionFor(t, w.people.staff.id);
    const elsewhere = await sessionFor(t, w.people.staff.id);
    await postForm(t, '/account/password', here, {
      current: PASSWORD,
      password: 'een nieuw wachtwoord',
      repeat: 'een nieuw wachtwoord',
    });
    expect((await getPage(t, '/account', here)).status).toBe(200);
    const gone = await getPage(t, '/account', elsewhere);
    expect(gone.status).toBe(303);
    expect(gone.location).toMatch(/^\/login/);
  });
});
