/**
 * Who reaches /scim/v2: only an admin's token of scope `scim`, and such a token reaches nothing else. Every SCIM
 * route of the app must have a row here (the sibling of access.test.ts, which leaves SCIM to this file). The last
 * test makes the token as an operator does, with the real CLI, and uses it against the real server.
 */
import { describe, expect, test } from 'vitest';
import { createToken, revokeToken } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { auditRows, useAccessTable } from '../support/access-table.ts';
import { openTestApp, type TestApp, type World } from '../support/app.ts';
import { startServer } from '../support/server.ts';

type Caller = 'anonymous' | 'admin' | 'staff' | 'extension' | 'scim' | 'scimRevoked' | 'scimDemoted';
const CALLERS: Caller[] = ['anonymous', 'admin', 'staff', 'extension', 'scim', 'scimRevoked', 'scimDemoted'];

/** `ok` for the admin's scim token; the others never get in. */
const onlyScim = (ok: number): Record<Caller, number> => ({
  anonymous: 401,
  admin: 403,
  staff: 403,
  extension: 403,
  scim: ok,
  scimRevoked: 401,
  scimDemoted: 403,
});

const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'nieuw@zuiver.test',
  emails: [{ value: 'nieuw@zuiver.test', type: 'work', primary: true }],
  active: true,
};

const TABLE: Record<string, { ok: number; path?: (w: World) => string; body?: unknown }> = {
  'GET /scim/v2/ServiceProviderConfig': { ok: 200 },
  'GET /scim/v2/Schemas': { ok: 200 },
  'GET /scim/v2/Schemas/:id': { ok: 200, path: () => '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User' },
  'GET /scim/v2/ResourceTypes': { ok: 200 },
  'GET /scim/v2/ResourceTypes/:id': { ok: 200, path: () => '/scim/v2/ResourceTypes/User' },
  'GET /scim/v2/Users': { ok: 200 },
  'POST /scim/v2/Users': { ok: 201, body: USER },
  'GET /scim/v2/Users/:id': { ok: 200, path: (w) => `/scim/v2/Users/${w.people.otherStaff.id}` },
  'PUT /scim/v2/Users/:id': {
    ok: 200,
    path: (w) => `/scim/v2/Users/${w.people.otherStaff.id}`,
    body: { ...USER, userName: 'otherstaff@zuiver.test', emails: [{ value: 'otherstaff@zuiver.test', primary: true }] },
  },
  'PATCH /scim/v2/Users/:id': {
    ok: 200,
    path: (w) => `/scim/v2/Users/${w.people.otherStaff.id}`,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    },
  },
  'DELETE /scim/v2/Users/:id': { ok: 204, path: (w) => `/scim/v2/Users/${w.people.otherStaff.id}` },
};

/** Scim tokens: a live one of the admin, a revoked one, and one whose owner is no admin any more. */
async function scimTokens(t: TestApp, w: World) {
  const now = t.clock.now();
  return writeTx(t.registry.db, async (tx) => {
    const make = async (personId: string) => createToken(tx, now, null, { personId, name: 'Entra ID', scope: 'scim' });
    const scim = await make(w.people.admin.id);
    const revoked = await make(w.people.admin.id);
    await revokeToken(tx, now, null, revoked.row.id);
    const demoted = await make(w.people.manager.id);
    return { scim: scim.token, scimRevoked: revoked.token, scimDemoted: demoted.token };
  });
}

const template = useAccessTable({
  table: TABLE,
  callers: CALLERS,
  covers: (r) => !!r.spec.scim,
  coverage: {
    title: 'every SCIM route has a row in this table, and every row a route',
    routesWithoutRow: 'SCIM routes without a row',
    rowsWithoutRoute: 'rows without a SCIM route',
  },
  check: async ({ t, w, who, method, pattern, row }) => {
    const tokens = {
      ...(await scimTokens(t, w)),
      admin: w.tokens.admin,
      staff: w.tokens.staff,
      extension: w.tokens.extension,
    };
    const before = await auditRows(t);
    const res = await t.call(method, row.path?.(w) ?? pattern, {
      token: who === 'anonymous' ? undefined : tokens[who],
      body: row.body,
      headers: row.body ? { 'content-type': 'application/scim+json' } : {},
    });
    expect(res.status, JSON.stringify(res.body)).toBe(onlyScim(row.ok)[who]);
    if (res.status >= 400)
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(res.status),
      });
    const after = await auditRows(t);
    if (res.status >= 400 || method === 'GET') expect(after).toBe(before);
    else expect(after).toBeGreaterThan(before);
  },
});

describe('a scim token reaches nothing but /scim/v2', () => {
  test.each([
    'GET /api/v1/me',
    'GET /api/v1/people',
    'GET /api/v1/watchlist',
    'GET /api/v1/audit',
    'POST /api/v1/people',
  ])('%s: 403', async (route) => {
    const t = await openTestApp(template().file);
    const { scim } = await scimTokens(t, template().world);
    const [method, path] = route.split(' ');
    const res = await t.call(method, path, {
      token: scim,
      body: method === 'POST' ? { email: 'x@zuiver.test', name: 'X', role: 'staff' } : undefined,
    });
    expect(res.status).toBe(403);
    // Nor a web page: a token never opens one.
    expect((await t.app.request('/people', { headers: { authorization: `Bearer ${scim}` } })).status).toBe(303);
    t.registry.close();
  });
});

test('cli token create --scope scim prints a token on its last line that provisions through the real server', async () => {
  const server = await startServer();
  try {
    await server.cli(['user', 'add', '--email', 'it@corp.test', '--name', 'IT', '--role', 'admin']);
    await server.cli(['user', 'add', '--email', 'staff@corp.test', '--name', 'Staff', '--role', 'staff']);
    const token = await server.cliToken([
      'token',
      'create',
      '--email',
      'it@corp.test',
      '--scope',
      'scim',
      '--name',
      'Entra ID',
    ]);
    const config = await fetch(`${server.url}/scim/v2/ServiceProviderConfig`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(config.status).toBe(200);
    expect((await config.json()).patch.supported).toBe(true);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      403,
    );
    await expect(server.cli(['token', 'create', '--email', 'staff@corp.test', '--scope', 'scim'])).rejects.toThrow(
      /must belong to an admin/,
    );
  } finally {
    await server.stop();
  }
}, 60_000);
