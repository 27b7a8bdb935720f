/** Finding a colleague by name (admins' people list, a negotiation's team): as typed or folded, like suppliers. */
import { expect, test } from 'vitest';
import { migrateDb } from '../../db/client.ts';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const asAdmin = (method: string, path: string, body?: unknown) => t.call(method, path, { token: w.tokens.admin, body });
const found = async (q: string) =>
  (await asAdmin('GET', `/api/v1/people?q=${encodeURIComponent(q)}`)).body.items.map((p: { id: string }) => p.id);

test('a name is found without its diacritics and in any case, and follows a rename', async () => {
  const added = await asAdmin('POST', '/api/v1/people', {
    email: 'o.yilmaz@zuiver.test',
    name: 'Özlem Yılmaz-Sørensen',
    role: 'staff',
  });
  expect(added.status).toBe(201);
  for (const q of ['ozlem', 'YILMAZ', 'yilmaz sorensen', 'Özlem']) expect(await found(q), q).toEqual([added.body.id]);
  await asAdmin('PATCH', `/api/v1/people/${added.body.id}`, { name: 'Özlem Çelik' });
  expect(await found('sorensen')).toEqual([]);
  expect(await found('celik')).toEqual([added.body.id]);
  // `y` as `ij`, as the flags read it: the old spelling of a surname finds the new one.
  await asAdmin('PATCH', `/api/v1/people/${added.body.id}`, { name: 'Özlem Meijer' });
  expect(await found('meyer')).toEqual([added.body.id]);
  // A particle written short or in full, as colleagues write it: `v.d. Berg` for Van der Berg, and back.
  await asAdmin('PATCH', `/api/v1/people/${added.body.id}`, { name: 'Özlem van der Berg' });
  for (const q of ['v.d. berg', 'vd Berg', 'van der berg']) expect(await found(q), q).toEqual([added.body.id]);
  expect(await found('van den berg')).toEqual([]);
});

test('names stored before they were folded are folded when the registry opens', async () => {
  const added = await asAdmin('POST', '/api/v1/people', {
    email: 'b@zuiver.test',
    name: 'Björn Åkesson',
    role: 'staff',
  });
  await t.registry.client.execute("UPDATE people SET folded_name = ''");
  await migrateDb(t.registry.db);
  expect(await found('bjorn akesson')).toEqual([added.body.id]);
});
