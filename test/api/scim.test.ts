/**
 * Provisioning as Microsoft Entra ID does it: the requests below are the shapes Entra ID documents in "Tutorial:
 * Develop and plan provisioning for a SCIM endpoint" (user names like Test_User_<guid>, capitalised ops, string
 * booleans, the enterprise manager), replayed against the real app and database.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { createToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { sessionFor, getPage } from './web-client.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let t: TestApp;
let w: World;
let scimToken: string;
useWorld((app, world) => ((t = app), (w = world)));
beforeEach(async () => {
  const admin = w.people.admin.id;
  scimToken = (
    await writeTx(t.registry.db, (tx) =>
      createToken(tx, t.clock.now(), admin, { personId: admin, name: 'Entra ID', scope: 'scim' }),
    )
  ).token;
});

const scim = (method: string, path: string, body?: unknown) =>
  t.call(method, `/scim/v2${path}`, {
    token: scimToken,
    body,
    headers: body === undefined ? {} : { 'content-type': 'application/scim+json' },
  });
const person = async (id: string) =>
  (await t.registry.client.execute({ sql: 'select * from people where id = ?', args: [id] })).rows[0];
const auditActions = async (entityId: string) =>
  (
    await t.registry.client.execute({
      sql: 'select action, actor_id from audit where entity_id = ? order by seq',
      args: [entityId],
    })
  ).rows.map((r) => `${r.action} by ${r.actor_id}`);
const filter = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Entra ID's "Create User" request. */
const entraUser = (suffix: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId: `0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e${suffix}`,
  userName: `Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd${suffix}`,
  active: true,
  emails: [
    { primary: true, type: 'work', value: `Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2${suffix}@testuser.com` },
  ],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
});

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

describe('PATCH as Entra ID sends it', () => {
  let id: string;
  beforeEach(async () => {
    id = (await scim('POST', '/Users', entraUser('3'))).body.id;
  });

  test('multi-valued and single-valued attributes: the work e-mail, the family name and the user name', async () => {
    const res = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' },
        { op: 'Add', path: 'title', value: 'Ignored: Zuiver keeps no titles' },
      ],
    });
    expect([200, 204]).toContain(res.status);
    expect(await person(id)).toMatchObject({ email: 'updatedemail@microsoft.com', name: 'givenName familyName' });
    expect((await scim('GET', `/Users/${id}`)).body).toMatchObject({
      userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
      name: { familyName: 'updatedFamilyName' },
    });
  });

  test('displayName, when mapped, becomes the person’s name', async () => {
    await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'displayName', value: 'Ellen Reckert' }],
    });
    expect((await person(id)).name).toBe('Ellen Reckert');
  });

  test.each([
    ['a bare id', (m: string) => ({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: m })],
    ['{ value }', (m: string) => ({ op: 'Add', path: `${ENTERPRISE}:manager`, value: { value: m } })],
    ['an operation without a path', (m: string) => ({ op: 'replace', value: { [`${ENTERPRISE}:manager`]: m } })],
  ])('the enterprise manager, given as %s, becomes the person’s manager; Remove clears it', async (_, op) => {
    const res = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [op(w.people.manager.id)] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await person(id)).manager_id).toBe(w.people.manager.id);
    expect(res.body[ENTERPRISE].manager.value).toBe(w.people.manager.id);
    await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
    });
    expect((await person(id)).manager_id).toBeNull();
  });

  test('a manager who cannot review (staff) or does not exist is a 400 invalidValue and changes nothing', async () => {
    for (const managerId of [w.people.otherStaff.id, 'not-a-person']) {
      const res = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: managerId }],
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      expect((await person(id)).manager_id).toBeNull();
    }
  });

  test('roles from Entra ID app roles set the role', async () => {
    await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'roles', value: [{ value: 'purchaser', primary: true }] }],
    });
    expect((await person(id)).role).toBe('purchaser');
    const wrong = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'roles', value: [{ value: 'superuser' }] }],
    });
    expect(wrong.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  test('an unknown op is a 400 and changes nothing', async () => {
    const res = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Move', path: 'active', value: false }],
    });
    expect(res.status).toBe(400);
    expect((await person(id)).active).toBe(1);
  });
});

describe('deactivation stops access at once', () => {
  test.each([
    ['{"op":"Replace","path":"active","value":false}', { op: 'Replace', path: 'active', value: false }],
    [
      '{"op":"Replace","path":"active","value":"False"} (Entra ID’s string boolean)',
      { op: 'Replace', path: 'active', value: 'False' },
    ],
    ['{"op":"replace","value":{"active":false}}', { op: 'replace', value: { active: false } }],
  ])('%s ends the person’s session and tokens', async (_, op) => {
    const staff = w.people.staff;
    const session = await sessionFor(t, staff.id);
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(200);
    expect((await getPage(t, '/', session)).status).toBe(200);

    const res = await scim('PATCH', `/Users/${staff.id}`, { schemas: [PATCH], Operations: [op] });
    expect([200, 204]).toContain(res.status);
    expect((await person(staff.id)).active).toBe(0);
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/watchlist', { token: w.tokens.extension })).status).toBe(401);
    expect((await getPage(t, '/', session)).status).toBe(303);
    const live = await t.registry.client.execute({
      sql: 'select count(*) as n from tokens where person_id = ? and revoked_at is null',
      args: [staff.id],
    });
    expect(Number(live.rows[0].n)).toBe(0);
    expect(await auditActions(staff.id)).toContain(`person.deactivate by ${w.people.admin.id}`);

    // And back: Entra ID re-enables with "True"; old tokens stay revoked.
    await scim('PATCH', `/Users/${staff.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect((await person(staff.id)).active).toBe(1);
    expect((await t.call('GET', '/api/v1/me', { token: w.tokens.staff })).status).toBe(401);
  });

  test('PUT replaces the user; active false in it deactivates', async () => {
    const { id } = (await scim('POST', '/Users', entraUser('4'))).body;
    const res = await scim('PUT', `/Users/${id}`, {
      ...entraUser('4'),
      active: false,
      name: { givenName: 'Ellen', familyName: 'Reckert' },
    });
    expect(res.status).toBe(200);
    expect(await person(id)).toMatchObject({ active: 0, name: 'Ellen Reckert' });
  });

  test('DELETE deactivates the person, keeps them for the audit trail, and the user is gone for SCIM', async () => {
    const { id, userName } = (await scim('POST', '/Users', entraUser('5'))).body;
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await person(id)).active).toBe(0);
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    expect((await scim('GET', filter(userName))).body.totalResults).toBe(0);
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404);
    expect(await auditActions(id)).toContain(`scim.user.delete by ${w.people.admin.id}`);
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
