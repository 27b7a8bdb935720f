/**
 * The change stamp that every cache (tokens, compiled watchlists, remembered 304s) trusts: it must change once
 * per write, at once for this process's writes, and within a poll for another process's.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { changeStamp, credentialStamp, POLL_MS } from '../../db/changes.ts';
import { createToken, revokeToken } from '../../db/credentials.ts';
import { createDeclaration } from '../../db/declarations.ts';
import { createDb } from '../../db/client.ts';
import { createPerson } from '../../db/people.ts';
import { searchSuppliers } from '../../db/supplier-search.ts';
import { createSupplier } from '../../db/suppliers.ts';
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

test("the credential stamp changes with tokens and people, also another process's, and not with other writes", async () => {
  const { db } = t.registry;
  const person = await addPerson(db, 'c@zuiver.test');
  const first = await credentialStamp(db, T0.getTime());
  await writeTx(db, (tx) =>
    createDeclaration(
      tx,
      T0,
      { id: person.id, role: 'staff' },
      { kind: 'gift', supplierName: 'Firma X', valueEur: 10, form: 'goods' },
      'nl',
    ),
  );
  expect(await credentialStamp(db, T0.getTime())).toBe(first);
  const { row } = await writeTx(db, (tx) =>
    createToken(tx, T0, person.id, { personId: person.id, name: 'x', scope: 'full' }),
  );
  const afterToken = await credentialStamp(db, T0.getTime());
  expect(afterToken).not.toBe(first);
  const second = await createDb(`file:${t.dir}/zuiver.db`);
  await writeTx(second.db, (tx) => revokeToken(tx, T0, null, row.id));
  second.close();
  expect(await credentialStamp(db, T0.getTime() + POLL_MS)).not.toBe(afterToken);
});

test('a supplier search is remembered until a supplier changes: in this process at once, in another within a poll', async () => {
  const { db } = t.registry;
  const person = await addPerson(db, 'd@zuiver.test');
  const search = (at: number) => searchSuppliers(db, { q: 'Dakdekkers', limit: 10, offset: 0 }, new Date(at));
  const supplier = (name: string) => ({
    name,
    aliases: [],
    kvk: [],
    vat: [],
    domains: [],
    status: 'prospect' as const,
    lastBusinessDate: null,
    notes: null,
  });
  expect((await search(T0.getTime())).total).toBe(0);
  await writeTx(db, (tx) => createSupplier(tx, T0, null, supplier('Dakdekkers Noord')));
  const first = await search(T0.getTime());
  expect(first.items.map((s) => s.name)).toEqual(['Dakdekkers Noord']);
  // A write that leaves the suppliers as they were keeps the answer.
  await writeTx(db, (tx) =>
    createDeclaration(
      tx,
      T0,
      { id: person.id, role: 'staff' },
      { kind: 'gift', supplierName: 'Firma X', valueEur: 10, form: 'goods' },
      'nl',
    ),
  );
  expect(await search(T0.getTime())).toBe(first);
  const second = await createDb(`file:${t.dir}/zuiver.db`);
  await writeTx(second.db, (tx) => createSupplier(tx, T0, null, supplier('Dakdekkers Zuid')));
  second.close();
  expect((await search(T0.getTime() + 1)).total).toBe(1);
  expect((await search(T0.getTime() + POLL_MS)).items.map((s) => s.name)).toEqual([
    'Dakdekkers Noord',
    'Dakdekkers Zuid',
  ]);
});
