/**
 * The SCIM endpoint as Microsoft Entra ID talks to it: the schema URNs, Entra ID's "Create User" body, and the test
 * world with an admin's SCIM token made fresh for each test.
 */
import { beforeEach } from 'vitest';
import { createToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { useWorld, type TestApp, type World } from './app.ts';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export const filter = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Entra ID's "Create User" request. */
export const entraUser = (suffix: string) => ({
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

/**
 * `useWorld` plus a SCIM token for the admin, handed over with the app and the world before each test; returns
 * calls and reads bound to the current test's app.
 */
export function useScimWorld(receive: (t: TestApp, w: World, scimToken: string) => void) {
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
    receive(t, w, scimToken);
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
  return { scim, person, auditActions };
}
