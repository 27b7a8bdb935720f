/**
 * Changing and deactivating users as Microsoft Entra ID does it: PATCH in the shapes Entra ID sends (capitalised
 * ops, string booleans, the enterprise manager), PUT and DELETE, replayed against the real app and database.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import type { TestApp, World } from '../support/app.ts';
import { ENTERPRISE, entraUser, filter, PATCH, ERROR, useScimWorld } from '../support/scim.ts';
import { sessionFor, getPage } from './web-client.ts';

let t: TestApp;
let w: World;
const { scim, person, auditActions } = useScimWorld((app, world) => ((t = app), (w = world)));

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
