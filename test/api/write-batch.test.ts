/**
 * Writes that arrive together commit together (db/write.ts): each is acknowledged only with its commit, and one
 * that fails leaves nothing while the others are stored, the audit chain intact.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { verifyAudit } from '../../db/audit.ts';
import { createPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { openTestApp, T0, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeEach(async () => void (t = await openTestApp()));
afterEach(() => t.registry.close());

test('twenty writes at once: the one that fails leaves nothing, the other nineteen are stored and chained', async () => {
  const { db, client } = t.registry;
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      writeTx(db, async (tx) => {
        const p = await createPerson(tx, T0, null, { email: `p${i}@zuiver.test`, name: `P${i}`, role: 'staff' });
        if (i === 7) throw new Error('refused halfway');
        return p.email;
      }),
    ),
  );
  expect(
    results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message),
  ).toEqual(['refused halfway']);
  expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))).toHaveLength(19);
  const emails = (await client.execute('select email from people order by email')).rows.map((r) => r.email);
  expect(emails).toHaveLength(19);
  expect(emails).not.toContain('p7@zuiver.test');
  expect((await client.execute("select count(*) as n from audit where action = 'person.create'")).rows[0].n).toBe(19);
  expect(await verifyAudit(db)).toMatchObject({ ok: true, rows: 19 });
});

test('a write that comes while others commit is acknowledged after its own commit, in order', async () => {
  const { db } = t.registry;
  const first = writeTx(db, (tx) => createPerson(tx, T0, null, { email: 'a@zuiver.test', name: 'A', role: 'staff' }));
  const later = first.then(() => writeTx(db, async (tx) => (await tx.query.people.findMany()).map((p) => p.email)));
  expect(await later).toEqual(['a@zuiver.test']);
});
