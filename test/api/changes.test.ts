/**
 * The change stamp that every cache (tokens, compiled watchlists, remembered 304s) trusts: it must change once
 * per write, at once for this process's writes, and within a poll for another process's.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { changeStamp, POLL_MS } from '../../db/changes.ts';
import { createDb } from '../../db/client.ts';
import { createPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { openTestApp, T0, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeEach(async () => void (t = await openTestApp()));
afterEach(() => t.registry.close());

const addPerson = (db: TestApp['registry']['db'], email: string) =>
  writeTx(db, (tx) => createPerson(tx, T0, null, { email, name: email, role: 'staff' }));

test('a write of this process changes the stamp at once, and the poll that later sees it changes nothing more', async () => {
  const { db } = t.registry;
  const before = await changeStamp(db, T0.getTime());
  await addPerson(db, 'a@zuiver.test');
  const after = await changeStamp(db, T0.getTime());
  expect(after).not.toBe(before);
  expect(await changeStamp(db, T0.getTime() + 2 * POLL_MS)).toBe(after);
});

test('a write of another process (its own connection) shows within one poll', async () => {
  const { db } = t.registry;
  const before = await changeStamp(db, T0.getTime());
  // The same file through a second client: for the first one's state, a write it did not make.
  const second = await createDb(`file:${t.dir}/zuiver.db`);
  await addPerson(second.db, 'b@zuiver.test');
  second.close();
  expect(await changeStamp(db, T0.getTime() + 1)).toBe(before);
  expect(await changeStamp(db, T0.getTime() + POLL_MS)).not.toBe(before);
});
