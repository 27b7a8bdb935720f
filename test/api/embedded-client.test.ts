/**
 * The client of an embedded file (db/embedded-client.ts) answers as `@libsql/client` does, on real files: the same
 * rows, counts and errors for the same statements; a transaction of its own that others do not see until it
 * commits; prepared statements kept that still see the writes of other connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, type Client, type InStatement, type ResultSet } from '@libsql/client';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { EmbeddedClient } from '../../db/embedded-client.ts';

let dir: string;
let ours: EmbeddedClient;
let theirs: Client;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zuiver-client-'));
  ours = new EmbeddedClient(join(dir, 'ours.db'), 5000);
  theirs = createClient({ url: `file:${join(dir, 'theirs.db')}` });
});
afterEach(() => {
  ours.close();
  theirs.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a result says, in plain values: rows by index and by name, as JSON shows them. */
const plain = (r: ResultSet) => ({
  columns: r.columns,
  columnTypes: r.columnTypes,
  byIndex: r.rows.map((row) => Array.from({ length: row.length }, (_, i) => row[i])),
  byName: r.rows.map((row) => ({ ...row })),
  json: JSON.stringify(r.rows),
  rowsAffected: r.rowsAffected,
  lastInsertRowid: r.lastInsertRowid,
});

async function both(stmt: InStatement | string) {
  const settle = (p: Promise<ResultSet>) =>
    p.then(plain, (e) => ({ error: e.constructor.name, code: e.code, extendedCode: e.extendedCode }));
  const run = (c: Client) => settle(typeof stmt === 'string' ? c.execute(stmt) : c.execute(stmt));
  return { ours: await run(ours), theirs: await run(theirs) };
}

test('the same statements give the same rows, counts and errors as @libsql/client', async () => {
  const statements: (InStatement | string)[] = [
    'PRAGMA journal_mode = WAL',
    'PRAGMA foreign_keys',
    'create table kinds (id text primary key, label text not null, weight real, amount integer)',
    'create table items (id text primary key, kind_id text references kinds(id), name text)',
    { sql: 'insert into kinds values (?, ?, ?, ?)', args: ['k1', 'Gift', 1.5, 2500] },
    {
      sql: 'insert into kinds values (:id, :label, $weight, @amount)',
      args: { id: 'k2', label: 'Meal', weight: null, amount: 0 },
    },
    { sql: 'insert into items values (?, ?, ?)', args: ['i1', 'k1', true] },
    { sql: 'insert into items values (?, ?, ?)', args: ['i2', 'k2', 'Diner'] },
    'select * from kinds order by id',
    // Two columns named `id`: by name the first, by index both.
    'select items.id, kinds.id, items.name, kinds.label from items join kinds on kinds.id = items.kind_id order by 1',
    { sql: 'update kinds set amount = amount + 1 where id in (?, ?)', args: ['k1', 'k2'] },
    "insert into kinds values ('k3', 'Trip', 2, 3) returning id, amount",
    'select count(*) as n, sum(amount) as total from kinds',
    // Names that an index or the length already answer.
    'select 5, 6 as "0", 7 as length, 8 as "7"',
    { sql: 'insert into kinds values (?, ?, ?, ?)', args: ['k1', 'again', 0, 0] },
    { sql: 'insert into items values (?, ?, ?)', args: ['i3', 'nope', 'x'] },
    'select * from nowhere',
  ];
  for (const stmt of statements) {
    const { ours: a, theirs: b } = await both(stmt);
    expect(a, JSON.stringify(stmt)).toEqual(b);
  }
  const joined = (await ours.execute('select items.id, kinds.id from items join kinds on kinds.id = items.kind_id'))
    .rows[0];
  expect([joined[0], joined[1], joined.id, joined.length]).toEqual(['i1', 'k1', 'i1', 2]);
});

test('a transaction has a connection of its own: nothing is seen before the commit, nothing after a rollback', async () => {
  await ours.execute('create table t (x integer)');
  const count = async () => (await ours.execute('select count(*) as n from t')).rows[0].n;
  const kept = await ours.transaction('write');
  await kept.execute('insert into t values (1)');
  expect(await count()).toBe(0);
  await kept.commit();
  expect(await count()).toBe(1);
  const undone = await ours.transaction('write');
  await undone.execute('insert into t values (2)');
  await undone.rollback();
  expect(undone.closed).toBe(true);
  await expect(undone.execute('select 1')).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
  expect(await count()).toBe(1);
  // Ended inside (as a failed statement can end it): the commit says so, and the next transaction still begins.
  const ended = await ours.transaction('write');
  await ended.execute('ROLLBACK');
  await expect(ended.commit()).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
  const next = await ours.transaction('write');
  await next.execute('insert into t values (3)');
  await next.commit();
  expect(await count()).toBe(2);
});

test('a batch is one transaction: a statement that fails leaves nothing of the others, and is named', async () => {
  await ours.execute('create table t (x integer primary key)');
  const failed = await ours
    .batch(['insert into t values (1)', 'insert into t values (2)', 'insert into t values (1)'], 'write')
    .catch((e) => e);
  expect(failed).toBeInstanceOf(LibsqlBatchError);
  expect(failed).toMatchObject({ statementIndex: 2, code: 'SQLITE_CONSTRAINT' });
  expect((await ours.execute('select count(*) as n from t')).rows[0].n).toBe(0);
  const done = await ours.batch(['insert into t values (1)', 'select count(*) as n from t'], 'write');
  expect(done[1].rows[0].n).toBe(1);
});

test('kept statements see the writes of another connection, and hold no snapshot that stops a checkpoint', async () => {
  await ours.execute('PRAGMA journal_mode = WAL');
  await ours.execute('create table t (x integer)');
  const other = new EmbeddedClient(join(dir, 'ours.db'), 5000);
  try {
    const count = async () => (await ours.execute('select count(*) as n from t')).rows[0].n;
    expect(await count()).toBe(0);
    await other.execute('insert into t values (1)');
    expect(await count()).toBe(1);
    await other.execute('insert into t values (2)');
    expect((await ours.execute('select x from t order by x')).rows.map((r) => r.x)).toEqual([1, 2]);
    // A reader that kept a snapshot open would leave frames behind (busy = 1).
    const busy = (await other.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0][0];
    expect(busy).toBe(0);
  } finally {
    other.close();
  }
});

test('more distinct statements than a connection keeps still run, each with its own values', async () => {
  await ours.execute('create table t (x integer)');
  const values = Array.from({ length: 700 }, (_, i) => i);
  for (const n of values) await ours.execute(`insert into t values (${n})`);
  const sums = await Promise.all(values.map((n) => ours.execute(`select sum(x) + ${n} as s from t`)));
  const total = (699 * 700) / 2;
  expect(sums.map((r) => r.rows[0].s)).toEqual(values.map((n) => total + n));
});
