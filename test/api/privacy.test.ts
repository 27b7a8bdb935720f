/**
 * Retention: ended, withdrawn and not-relevant declarations are erased once they have been closed longer than
 * the policy's retention period, and nothing else is; each erasure leaves an audit row and the chain still
 * verifies. An erased declaration leaves no personal detail in any table or column of the database file.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { verifyAudit } from '../../db/audit.ts';
import { eraseExpiredDeclarations } from '../../db/declarations.ts';
import { runRetention } from '../../db/retention.ts';
import { writeTx } from '../../db/write.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';
import { startServer } from '../support/server.ts';

let tpl: { file: string; world: World };
let t: TestApp;
beforeAll(async () => {
  tpl = await worldTemplate();
});
afterEach(() => t?.registry.close());

const at = (iso: string) => t.clock.set(new Date(iso));
const as = (who: keyof World['tokens']) => ({
  post: async (path: string, body?: unknown) => {
    const res = await t.call('POST', path, { token: tpl.world.tokens[who], body });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  },
});

/** One declaration per way a declaration can end up, each closed (or not) at a chosen moment. */
async function declareEveryOutcome(closedAt: string, unique: string) {
  const w = tpl.world;
  const relationship = (tag: string) => ({
    kind: 'relationship',
    supplierId: w.supplierId,
    relation: `${unique} relation ${tag}`,
    description: `${unique} description ${tag}`,
  });
  at('2019-03-01T09:00:00Z');
  const ids: Record<string, string> = {};
  for (const tag of ['withdrawn', 'ended', 'notRelevant', 'acknowledged', 'notPermitted', 'submitted'])
    ids[tag] = (await as('staff').post('/api/v1/declarations', relationship(tag))).id;
  ids.purchase = (
    await as('staff').post('/api/v1/declarations', {
      kind: 'private_purchase',
      supplierId: w.otherSupplierId,
      date: '2019-02-01',
      amountEur: 4321.09,
      marketPrice: true,
      normalTerms: true,
      description: `${unique} description purchase`,
    })
  ).id;
  at('2019-06-01T09:00:00Z');
  await as('ownManager').post(`/api/v1/declarations/${ids.acknowledged}/review`, {
    decision: 'acknowledged',
    note: `${unique} note acknowledged`,
  });
  await as('ownManager').post(`/api/v1/declarations/${ids.notPermitted}/review`, {
    decision: 'not_permitted',
    note: `${unique} note notPermitted`,
  });
  at(closedAt);
  await as('staff').post(`/api/v1/declarations/${ids.withdrawn}/withdraw`);
  await as('staff').post(`/api/v1/declarations/${ids.ended}/end`);
  await as('ownManager').post(`/api/v1/declarations/${ids.notRelevant}/review`, {
    decision: 'not_relevant',
    note: `${unique} note notRelevant`,
  });
  await as('ownManager').post(`/api/v1/declarations/${ids.purchase}/review`, {
    decision: 'not_relevant',
    note: `${unique} note purchase`,
  });
  return ids;
}

/** The daily retention job, as api/server.ts runs it on an embedded file. */
const erase = () => writeTx(t.registry.db, (tx) => eraseExpiredDeclarations(tx, t.clock.now(), { embedded: true }));
const remaining = async () =>
  new Set((await t.registry.client.execute('select id from declarations')).rows.map((r) => String(r.id)));
const erasures = async () =>
  (await t.registry.client.execute(`select entity_id, actor_id, fields from audit where action = 'declaration.erase'`))
    .rows;

describe('the retention job', () => {
  test('erases ended, withdrawn and not-relevant declarations closed longer ago than the period, and nothing else', async () => {
    t = await openTestApp(tpl.file);
    const old = await declareEveryOutcome('2019-09-01T09:00:00Z', 'OLD');
    const recent = await declareEveryOutcome('2024-09-01T09:00:00Z', 'RECENT');
    const before = await remaining();

    // Five years (the default policy) after the old ones were closed, to the day, and one day before that.
    at('2024-08-31T09:00:00Z');
    expect(await erase()).toBe(0);
    at('2024-09-02T09:00:00Z');
    const erased = await erase();

    const closedOld = [old.withdrawn, old.ended, old.notRelevant, old.purchase];
    expect(erased).toBe(closedOld.length);
    const after = await remaining();
    expect([...before].filter((id) => !after.has(id)).sort()).toEqual([...closedOld].sort());
    // Still there: open and decided ones however old, and everything closed within the period.
    for (const id of [
      old.acknowledged,
      old.notPermitted,
      old.submitted,
      ...Object.values(recent),
      tpl.world.declarationId,
    ])
      expect(after.has(id)).toBe(true);

    // One audit row per erasure, by the system, naming no fields; the chain still verifies.
    const rows = await erasures();
    expect(rows.map((r) => String(r.entity_id)).sort()).toEqual([...closedOld].sort());
    for (const r of rows) expect(r).toMatchObject({ actor_id: null, fields: '[]' });
    expect(await verifyAudit(t.registry.db)).toMatchObject({ ok: true });
    expect((await t.call('GET', '/api/v1/audit/verify', { token: tpl.world.tokens.manager })).body).toMatchObject({
      ok: true,
    });

    // A second run the same day finds nothing more to do.
    expect(await erase()).toBe(0);
  });

  test('follows the policy: a longer retention period keeps what five years would erase', async () => {
    t = await openTestApp(tpl.file);
    const policy = (await t.call('GET', '/api/v1/policy', { token: tpl.world.tokens.admin })).body;
    expect(
      (await t.call('PUT', '/api/v1/policy', { token: tpl.world.tokens.admin, body: { ...policy, retentionYears: 7 } }))
        .status,
    ).toBe(200);
    const old = await declareEveryOutcome('2019-09-01T09:00:00Z', 'SEVEN');
    at('2025-09-02T09:00:00Z');
    expect(await erase()).toBe(0);
    at('2026-09-02T09:00:00Z');
    expect(await erase()).toBe(4);
    expect((await remaining()).has(old.acknowledged)).toBe(true);
  });
});

/** Every value in every column of every table (`sqlite_master` lists them), as text. */
async function everyValue(client: TestApp['registry']['client']) {
  const tables = (await client.execute(`select name from sqlite_master where type = 'table'`)).rows.map((r) =>
    String(r.name),
  );
  const values: { table: string; column: string; value: string }[] = [];
  for (const table of tables) {
    const res = await client.execute(`select * from "${table}"`);
    for (const row of res.rows)
      res.columns.forEach((column, i) => row[i] !== null && values.push({ table, column, value: String(row[i]) }));
  }
  return { tables, values };
}

describe('an erased declaration', () => {
  test('leaves no personal detail in any table or column, nor in the bytes of the database file', async () => {
    t = await openTestApp(tpl.file);
    const old = await declareEveryOutcome('2019-09-01T09:00:00Z', 'ZQX-ERASE-ME');
    const { tables } = await everyValue(t.registry.client);
    expect(tables).toEqual(expect.arrayContaining(['declarations', 'audit', 'people', 'suppliers']));
    const found = (values: { value: string }[], needle: string) => values.filter((v) => v.value.includes(needle));
    // Before: the details are there (the search can find them).
    expect(found((await everyValue(t.registry.client)).values, 'ZQX-ERASE-ME description withdrawn')).not.toEqual([]);

    at('2025-01-01T09:00:00Z');
    expect(await runRetention(t.registry.db, t.clock.now(), { embedded: true })).toBe(4);
    const { values } = await everyValue(t.registry.client);
    for (const tag of ['withdrawn', 'ended', 'notRelevant', 'purchase']) {
      expect(found(values, `ZQX-ERASE-ME description ${tag}`), tag).toEqual([]);
      expect(found(values, `ZQX-ERASE-ME note ${tag}`), tag).toEqual([]);
      expect(found(values, `ZQX-ERASE-ME relation ${tag}`), tag).toEqual([]);
    }
    // The amount (stored in cents) appears nowhere, in any spelling.
    expect(values.filter((v) => ['432109', '4321.09', '4321,09'].some((n) => v.value.includes(n)))).toEqual([]);
    // The erasure's audit rows name the declaration's id and nothing about it.
    const audit = values.filter((v) => v.table === 'audit' && v.value.includes(old.withdrawn));
    expect(audit.map((v) => v.column)).toEqual(expect.arrayContaining(['entity_id']));

    // Nor do the bytes of the file: the job blanks the rows and rebuilds the file, so no stale copy survives
    // in free space or in the write-ahead log.
    expect(statSync(join(t.dir, 'zuiver.db-wal'), { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const bytes = readFileSync(join(t.dir, 'zuiver.db')).toString('latin1');
    for (const tag of ['withdrawn', 'ended', 'notRelevant', 'purchase']) {
      for (const field of ['description', 'note', 'relation'])
        expect(bytes.includes(`ZQX-ERASE-ME ${field} ${tag}`), `${field} ${tag}`).toBe(false);
    }
    expect(bytes.includes('ZQX-ERASE-ME description acknowledged')).toBe(true);
  });

  test('the server process runs the job when it starts, on the real file', async () => {
    t = await openTestApp(tpl.file);
    const old = await declareEveryOutcome('2019-09-01T09:00:00Z', 'ZQX-AT-START');
    const file = join(t.dir, 'old.db');
    await t.registry.client.execute({ sql: 'VACUUM INTO ?', args: [file] });
    const server = await startServer({ env: { DATABASE_URL: `file:${file}` } });
    try {
      expect(server.output()).toMatch(/Retention: erased 4 declaration/);
      const me = await fetch(`${server.url}/api/v1/declarations/${old.acknowledged}`, {
        headers: { authorization: `Bearer ${tpl.world.tokens.manager}` },
      });
      expect(me.status).toBe(200);
      const gone = await fetch(`${server.url}/api/v1/declarations/${old.withdrawn}`, {
        headers: { authorization: `Bearer ${tpl.world.tokens.manager}` },
      });
      expect(gone.status).toBe(404);
      const verify = await fetch(`${server.url}/api/v1/audit/verify`, {
        headers: { authorization: `Bearer ${tpl.world.tokens.manager}` },
      });
      expect(await verify.json()).toMatchObject({ ok: true });
    } finally {
      await server.stop();
    }
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes.includes('ZQX-AT-START description withdrawn')).toBe(false);
    expect(bytes.includes('ZQX-AT-START description acknowledged')).toBe(true);
  });
});
