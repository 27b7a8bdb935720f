/**
 * Tender teams through the API: the owner is on the team from the start, the owner or a manager adds and removes
 * colleagues, every member declares per negotiation, a conflicted member is kept out, and the award waits until
 * the team is clean. The world: `ownerPurchaser` owns tender T-1 with `staff` on its team; `staff` declared a
 * relationship with its supplier.
 */
import { describe, expect, test } from 'vitest';
import { callAs, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

type Who = keyof World['tokens'];
const as = (who: Who) => callAs(t, w.tokens[who], '/api/v1');
const N = () => `/negotiations/${w.negotiationId}`;
const teamOf = async (who: Who = 'ownerPurchaser', id = w.negotiationId) => {
  const res = await as(who).get(`/negotiations/${id}`);
  expect(res.status).toBe(200);
  return res.body.team as {
    personId: string;
    name: string;
    state?: string;
    declaration?: { conflict: boolean; note: string | null };
  }[];
};
const auditActions = async () =>
  (
    await t.registry.client.execute(`select action from audit where entity_id = '${w.negotiationId}' order by seq`)
  ).rows.map((r) => r.action);

describe('the team', () => {
  test('whoever opens a negotiation is on its team from the start, still to declare', async () => {
    const res = await as('purchaser').post('/negotiations', {
      supplierId: w.otherSupplierId,
      reference: 'T-2',
      subject: 'Schilderwerk',
      stage: 'talks',
    });
    expect(res.status).toBe(201);
    expect(await teamOf('purchaser', res.body.id)).toEqual([
      expect.objectContaining({ personId: w.people.purchaser.id, name: 'Test purchaser', state: 'to_declare' }),
    ]);
  });

  test('the owner adds a colleague, who then sees the negotiation; removed, they no longer do', async () => {
    expect((await as('otherStaff').get(N())).status).toBe(404);
    expect((await as('otherStaff').get('/negotiations')).body.items).toEqual([]);
    const added = await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.otherStaff.id });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      personId: w.people.otherStaff.id,
      name: 'Test otherStaff',
      state: 'to_declare',
    });
    expect((await as('otherStaff').get('/negotiations')).body.items.map((n: { id: string }) => n.id)).toEqual([
      w.negotiationId,
    ]);
    const seen = await as('otherStaff').get(N());
    expect(seen.status).toBe(200);
    // A member sees who is on the team, not how the others declared.
    expect(seen.body.team.map((m: { name: string }) => m.name)).toEqual([
      'Test ownerPurchaser',
      'Test otherStaff',
      'Test staff',
    ]);
    expect(seen.body.team.find((m: { personId: string }) => m.personId === w.people.staff.id)).toEqual({
      personId: w.people.staff.id,
      name: 'Test staff',
    });
    expect(seen.body).not.toHaveProperty('recusals');

    expect((await as('ownerPurchaser').del(`${N()}/team/${w.people.otherStaff.id}`)).status).toBe(204);
    expect((await as('otherStaff').get(N())).status).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(['team.add', 'team.remove']));
  });

  test('team=1 lists only the negotiations whose team the caller is on; the API document names the new routes', async () => {
    expect((await as('purchaser').get('/negotiations')).body.total).toBe(1);
    expect((await as('purchaser').get('/negotiations?team=1')).body.total).toBe(0);
    await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.purchaser.id });
    expect((await as('purchaser').get('/negotiations?team=1')).body.items.map((n: { id: string }) => n.id)).toEqual([
      w.negotiationId,
    ]);
    const paths = Object.keys((await t.call('GET', '/api/v1/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/negotiations/{id}/team',
        '/api/v1/negotiations/{id}/team/{personId}',
        '/api/v1/negotiations/{id}/declaration',
      ]),
    );
  });

  test('a manager may change any team; another purchaser may not, and sees no team', async () => {
    expect((await as('manager').post(`${N()}/team`, { personId: w.people.otherStaff.id })).status).toBe(201);
    const refused = await as('purchaser').post(`${N()}/team`, { personId: w.people.purchaser.id });
    expect(refused.status).toBe(403);
    expect((await as('purchaser').del(`${N()}/team/${w.people.staff.id}`)).status).toBe(403);
    const seen = await as('purchaser').get(N());
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('team');
  });

  test('adding is refused for someone already on it, unknown or inactive; the owner cannot be removed', async () => {
    expect((await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.staff.id })).status).toBe(409);
    expect((await as('ownerPurchaser').post(`${N()}/team`, { personId: 'nobody' })).status).toBe(400);
    expect((await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.deactivated.id })).status).toBe(400);
    const owner = await as('manager').del(`${N()}/team/${w.people.ownerPurchaser.id}`);
    expect(owner.status).toBe(409);
    expect(owner.body.error.message).toMatch(/owner/);
    expect((await as('ownerPurchaser').del(`${N()}/team/${w.people.otherStaff.id}`)).status).toBe(404);
  });
});

describe('declarations per negotiation', () => {
  test('only a team member declares, for themself; others get 403 or 404', async () => {
    expect((await as('otherStaff').post(`${N()}/declaration`, { conflict: false })).status).toBe(404);
    expect((await as('purchaser').post(`${N()}/declaration`, { conflict: false })).status).toBe(403);
    expect((await as('manager').post(`${N()}/declaration`, { conflict: false })).status).toBe(403);
    const own = await as('ownerPurchaser').post(`${N()}/declaration`, { conflict: false });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      personId: w.people.ownerPurchaser.id,
      conflict: false,
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    expect((await teamOf()).find((m) => m.personId === w.people.ownerPurchaser.id)).toMatchObject({
      state: 'clear',
      declaration: { conflict: false },
    });
    expect(await auditActions()).toContain('team.declare');
  });

  test('a member with a live relationship with the supplier cannot declare "no conflict" without saying why', async () => {
    const bare = await as('staff').post(`${N()}/declaration`, { conflict: false });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.fields).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await as('staff').post(`${N()}/declaration`, { conflict: false, note: '   ' })).status).toBe(400);
    const explained = await as('staff').post(`${N()}/declaration`, {
      conflict: false,
      note: 'Mijn broer werkt er niet meer aan dit project',
    });
    expect(explained.status).toBe(201);
    // Once the relationship has ended, nothing contradicts "no conflict" any more.
    expect((await as('staff').post(`/declarations/${w.declarationId}/end`)).status).toBe(200);
    expect((await as('staff').post(`${N()}/declaration`, { conflict: false })).status).toBe(201);
  });

  test('a member declares again and the latest counts', async () => {
    await as('staff').post(`${N()}/declaration`, { conflict: true, note: 'Broer' });
    t.clock.set(new Date('2026-11-23T11:00:00Z'));
    await as('staff').post(`${N()}/declaration`, { conflict: false, note: 'Broer is vertrokken' });
    const staff = (await teamOf()).find((m) => m.personId === w.people.staff.id);
    expect(staff).toMatchObject({ state: 'clear', declaration: { conflict: false, note: 'Broer is vertrokken' } });
    const rows = await t.registry.client.execute(
      `select count(*) as n from team_declarations where person_id = '${w.people.staff.id}'`,
    );
    expect(Number(rows.rows[0].n)).toBe(2);
  });

  test('a member taken off and put back must declare again', async () => {
    await as('staff').post(`${N()}/declaration`, { conflict: false, note: 'Geen rol in dit project' });
    await as('ownerPurchaser').del(`${N()}/team/${w.people.staff.id}`);
    t.clock.set(new Date('2026-11-23T11:00:00Z'));
    await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.staff.id });
    expect((await teamOf()).find((m) => m.personId === w.people.staff.id)).toMatchObject({ state: 'to_declare' });
  });
});

describe('the award waits for a clean team', () => {
  const award = () => as('ownerPurchaser').patch(N(), { status: 'awarded' });

  test('refused while a member has not declared, naming them', async () => {
    await as('ownerPurchaser').post(`${N()}/declaration`, { conflict: false });
    const res = await award();
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Test staff/);
    expect(res.body.error.details).toEqual({
      toDeclare: [{ personId: w.people.staff.id, name: 'Test staff' }],
      toKeepOut: [],
    });
    expect((await as('manager').get(N())).body.status).toBe('open');
  });

  test('a conflicted member is to keep out; recused, they leave the team and the award goes through', async () => {
    await as('ownerPurchaser').post(`${N()}/declaration`, { conflict: false });
    await as('staff').post(`${N()}/declaration`, { conflict: true, note: 'Mijn broer werkt bij de inschrijver' });
    const refused = await award();
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.toKeepOut).toEqual([{ personId: w.people.staff.id, name: 'Test staff' }]);
    expect(
      (
        await as('ownerPurchaser').post(`${N()}/recusals`, {
          personId: w.people.staff.id,
          reason: 'Broer werkt bij de inschrijver',
        })
      ).status,
    ).toBe(201);
    expect((await teamOf()).map((m) => m.personId)).toEqual([w.people.ownerPurchaser.id]);
    expect((await as('staff').get(N())).status).toBe(404);
    // Kept out means kept out: they cannot be put back on the team.
    expect((await as('ownerPurchaser').post(`${N()}/team`, { personId: w.people.staff.id })).status).toBe(409);
    const awarded = await award();
    expect(awarded.status).toBe(200);
    expect(awarded.body.status).toBe('awarded');
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['team.declare', 'team.recuse', 'recusal.create', 'negotiation.update']),
    );
  });

  test('the owner cannot be kept out of their own negotiation', async () => {
    const res = await as('manager').post(`${N()}/recusals`, { personId: w.people.ownerPurchaser.id, reason: 'Zwager' });
    expect(res.status).toBe(409);
  });

  test('closing without award is always possible', async () => {
    const res = await as('ownerPurchaser').patch(N(), { status: 'closed' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
  });

  test('the supplier of a negotiation cannot be changed', async () => {
    const res = await as('ownerPurchaser').patch(N(), { supplierId: w.otherSupplierId });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/open a new negotiation/);
    await as('ownerPurchaser').patch(N(), { status: 'closed' });
    expect((await as('ownerPurchaser').patch(N(), { supplierId: w.otherSupplierId })).status).toBe(409);
    expect((await as('manager').get(N())).body.supplierId).toBe(w.supplierId);
  });
});

test('the yearly overview counts per-tender declarations and recusals, without names', async () => {
  await as('ownerPurchaser').post(`${N()}/declaration`, { conflict: false });
  await as('staff').post(`${N()}/declaration`, { conflict: true, note: 'Broer' });
  await as('ownerPurchaser').post(`${N()}/recusals`, { personId: w.people.staff.id, reason: 'Broer' });
  const res = await as('manager').get('/reports/yearly?year=2026');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ teamDeclarations: { total: 2, conflicts: 1 }, recusals: 1 });
  const csv = await as('manager').get('/reports/yearly?year=2026&format=csv');
  expect(csv.body).toContain('2026;team_declarations;;conflict;1');
  expect((await as('manager').get('/reports/yearly?year=2025')).body.teamDeclarations).toEqual({
    total: 0,
    conflicts: 0,
  });
});
