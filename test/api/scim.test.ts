/**
 * Provisioning as Microsoft Entra ID does it: the requests below are the shapes Entra ID documents in "Tutorial:
 * Develop and plan provisioning for a SCIM endpoint" (user names like Test_User_<guid>, the enterprise extension),
 * replayed against the real app and database. Changing and deactivating users is in scim-patch.test.ts.
 */
import { describe, expect, test } from 'vitest';
import type { TestApp, World } from '../support/app.ts';
import { ENTERPRISE, entraUser, ERROR, filter, PATCH, USER, useScimWorld } from '../support/scim.ts';

let t: TestApp;
let w: World;
let scimToken: string;
const { scim, person, auditActions } = useScimWorld(
  (app, world, token) => ((t = app), (w = world), (scimToken = token)),
);

describe('discovery', () => {
  test('ServiceProviderConfig says PATCH and filtering work, bulk, sort and etags do not', async () => {
    const res = await scim('GET', '/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
      sort: { supported: false },
    });
    expect(res.body.authenticationSchemes[0].type).toBe('oauthbearertoken');
  });

  test('Schemas and ResourceTypes describe User with the enterprise extension', async () => {
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, ENTERPRISE]);
    expect((await scim('GET', `/Schemas/${ENTERPRISE}`)).body.attributes[0].name).toBe('manager');
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources[0]).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
    });
    expect((await scim('GET', '/ResourceTypes/Group')).status).toBe(404);
  });
});

describe('users as Entra ID provisions them', () => {
  test('a user not there yet is looked up, created, read back and then found by the same filter', async () => {
    const body = entraUser('1');
    const none = await scim('GET', filter(body.userName));
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      Resources: [],
    });

    const created = await scim('POST', '/Users', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      userName: body.userName,
      externalId: body.externalId,
      active: true,
      emails: [{ value: body.emails[0].value.toLowerCase(), primary: true }],
    });
    expect(created.headers.get('location')).toBe(`http://127.0.0.1:8787/scim/v2/Users/${created.body.id}`);
    const row = await person(created.body.id);
    expect(row).toMatchObject({
      email: body.emails[0].value.toLowerCase(),
      name: 'givenName familyName',
      role: 'staff',
      manager_id: null,
      active: 1,
    });
    expect(await auditActions(created.body.id)).toEqual([
      `person.create by ${w.people.admin.id}`,
      `scim.user.save by ${w.people.admin.id}`,
    ]);

    expect((await scim('GET', `/Users/${created.body.id}`)).body).toEqual(created.body);
    const found = await scim('GET', filter(body.userName.toUpperCase()));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(created.body.id);
    const byExternalId = await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${body.externalId}"`)}`);
    expect(byExternalId.body.Resources.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
  });

  test('a second user with the same userName is refused as a SCIM uniqueness error', async () => {
    expect((await scim('POST', '/Users', entraUser('2'))).status).toBe(201);
    const again = await scim('POST', '/Users', {
      ...entraUser('2'),
      emails: [{ primary: true, type: 'work', value: 'other@testuser.com' }],
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
  });

  test('people added before provisioning are found by their e-mail address as userName, not duplicated', async () => {
    const found = await scim('GET', filter(w.people.staff.email));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({
      id: w.people.staff.id,
      userName: w.people.staff.email,
      [ENTERPRISE]: { manager: { value: w.people.ownManager.id } },
    });
  });

  test('an unknown id is a SCIM 404', async () => {
    const res = await scim('GET', '/Users/5d48a0a8e9f04aa38008');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  test('startIndex and count page the list', async () => {
    const all = await scim('GET', '/Users');
    expect(all.body.totalResults).toBe(Object.keys(w.people).length);
    const page = await scim('GET', '/Users?startIndex=3&count=2');
    expect(page.body).toMatchObject({ startIndex: 3, itemsPerPage: 2, totalResults: all.body.totalResults });
    expect(page.body.Resources.map((u: { id: string }) => u.id)).toEqual(
      all.body.Resources.slice(2, 4).map((u: { id: string }) => u.id),
    );
  });

  test('an unsupported filter is a 400 invalidFilter', async () => {
    const res = await scim('GET', `/Users?filter=${encodeURIComponent('name.familyName co "x"')}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});

describe('hostile or broken requests', () => {
  test.each([
    ['malformed JSON', 'POST', '/Users', '{"userName": '],
    ['a user without userName', 'POST', '/Users', JSON.stringify({ schemas: [USER], emails: [{ value: 'a@b.nl' }] })],
    ['a user without any e-mail address', 'POST', '/Users', JSON.stringify({ schemas: [USER], userName: 'no-mail' })],
    [
      'active as a word',
      'POST',
      '/Users',
      JSON.stringify({ schemas: [USER], userName: 'x@corp.nl', active: 'perhaps' }),
    ],
    [
      'Operations that are not a list',
      'PATCH',
      '/Users/ID',
      JSON.stringify({ schemas: [PATCH], Operations: { op: 'replace' } }),
    ],
    [
      'an add without a value object',
      'PATCH',
      '/Users/ID',
      JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'add', value: 'x' }] }),
    ],
    [
      'a remove without a path',
      'PATCH',
      '/Users/ID',
      JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'remove' }] }),
    ],
    [
      'an e-mail address that is none',
      'PATCH',
      '/Users/ID',
      JSON.stringify({
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'no' }],
      }),
    ],
  ])('%s: a SCIM 400, nothing written', async (_, method, path, body) => {
    const before = (await t.registry.client.execute('select count(*) as n from audit')).rows[0].n;
    const res = await t.call(method, `/scim/v2${path.replace('ID', w.people.otherStaff.id)}`, {
      token: scimToken,
      body,
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      schemas: [ERROR],
      status: '400',
      scimType: expect.any(String),
      detail: expect.any(String),
    });
    expect((await t.registry.client.execute('select count(*) as n from audit')).rows[0].n).toBe(before);
  });

  test('an endpoint SCIM does not have is a SCIM 404, not a page', async () => {
    const res = await scim('GET', '/Groups');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
  });
});
