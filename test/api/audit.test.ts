import { expect, test } from 'vitest';
import { createClient } from '@libsql/client';
import { join } from 'node:path';
import { seedDemo } from '../../db/seed.ts';
import { openTestApp, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const verify = async () => (await t.call('GET', '/api/v1/audit/verify', { token: w.tokens.manager })).body;

test('the chain verifies after many writes, and a write adds exactly one row', async () => {
  const before = await verify();
  expect(before.ok).toBe(true);
  const res = await t.call('POST', '/api/v1/declarations', {
    token: w.tokens.staff,
    body: { kind: 'gift', supplierId: w.supplierId, valueEur: 10, form: 'goods' },
  });
  expect(res.status).toBe(201);
  expect(await verify()).toEqual({ ok: true, rows: before.rows + 1 });
});

test("the demo seed's passwords were set by nobody, not by the people themselves", async () => {
  const demo = await openTestApp();
  try {
    await seedDemo(demo.registry.db, demo.clock.now());
    const rows = (await demo.registry.client.execute("select actor_id from audit where action = 'password.set'")).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.actor_id)).toEqual(rows.map(() => null));
  } finally {
    demo.registry.close();
  }
});

test("a row edited behind the API's back breaks verification at that row", async () => {
  const outside = createClient({ url: `file:${join(t.dir, 'zuiver.db')}` });
  await outside.execute("update audit set actor_id = 'someone-else' where seq = 5");
  outside.close();
  expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
});

test('a deleted row breaks the chain too', async () => {
  const outside = createClient({ url: `file:${join(t.dir, 'zuiver.db')}` });
  await outside.execute('delete from audit where seq = 3');
  outside.close();
  expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
});

test('audit rows name fields, never the values: no free text or amounts end up in the trail', async () => {
  const secret = 'Mijn geheime schoonvader bij de leverancier';
  const res = await t.call('POST', '/api/v1/declarations', {
    token: w.tokens.staff,
    body: { kind: 'relationship', supplierId: w.supplierId, relation: 'schoonvader', description: secret },
  });
  const trail = await t.call('GET', `/api/v1/audit?entityId=${res.body.id}`, { token: w.tokens.manager });
  expect(trail.body.items).toEqual([
    expect.objectContaining({
      action: 'declaration.create',
      actorId: w.people.staff.id,
      fields: ['description', 'kind', 'relation', 'supplierId'],
    }),
  ]);
  const dump = JSON.stringify((await t.registry.client.execute('select * from audit')).rows);
  expect(dump).not.toContain('schoonvader');
  expect(dump).not.toContain(w.people.staff.email);
});

test('the trail filters by entity, actor and action, and pages', async () => {
  const byActor = await t.call('GET', `/api/v1/audit?actorId=${w.people.ownerPurchaser.id}&action=negotiation`, {
    token: w.tokens.manager,
  });
  expect(byActor.body.items.map((r: { action: string }) => r.action)).toEqual(['negotiation.create']);
  const page = await t.call('GET', '/api/v1/audit?limit=2', { token: w.tokens.manager });
  expect(page.body.items).toHaveLength(2);
  expect(page.body.total).toBeGreaterThan(2);
  expect((await t.call('GET', '/api/v1/audit?from=2026-13-01', { token: w.tokens.manager })).status).toBe(400);
});
