/** Searching the declaration lists: by supplier, declarant or the organisation named, typed as people type. */
import { describe, expect, test } from 'vitest';
import { migrateDb } from '../../db/client.ts';
import { callAs, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const as = (who: keyof World['tokens']) => callAs(t, w.tokens[who]);

describe('searching declarations', () => {
  test('a manager finds declarations by supplier or declarant, typed with or without diacritics', async () => {
    const supplier = await as('manager').post('/api/v1/suppliers', { name: 'Schildersbedrijf Bögemann' });
    await as('admin').patch(`/api/v1/people/${w.people.staff.id}`, { name: 'Jürgen Ørsted' });
    const declared = await as('staff').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: supplier.body.id,
      relation: 'zwager',
    });
    const ids = async (q: string, offset = 0) => {
      const list = await as('manager').get(`/api/v1/declarations?q=${encodeURIComponent(q)}&offset=${offset}`);
      return { ids: list.body.items.map((d: { id: string }) => d.id), total: list.body.total };
    };
    for (const q of ['Bögemann', 'bogemann']) expect(await ids(q), q).toEqual({ ids: [declared.body.id], total: 1 });
    expect((await ids('jurgen orsted')).ids).toContain(declared.body.id);
    expect(await ids('bogemann', 20)).toEqual({ ids: [], total: 1 });
    expect(await ids('nergens')).toEqual({ ids: [], total: 0 });
  });

  test('a manager finds a declaration against an unregistered supplier or organisation, typed without diacritics', async () => {
    const supplier = await as('staff').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierName: 'Klusbedrijf Özdemir',
      relation: 'neef',
    });
    const sideJob = await as('staff').post('/api/v1/declarations', {
      kind: 'side_job',
      organisation: 'Stichting Ærø',
      description: 'Penningmeester',
    });
    const ids = async (q: string) =>
      (await as('manager').get(`/api/v1/declarations?q=${encodeURIComponent(q)}`)).body.items.map(
        (d: { id: string }) => d.id,
      );
    expect(await ids('ozdemir')).toEqual([supplier.body.id]);
    expect(await ids('aero')).toEqual([sideJob.body.id]);
    // However its short forms are written, as the flags read them.
    const board = await as('staff').post('/api/v1/declarations', {
      kind: 'side_job',
      organisation: 'Stichting St. Jozef a/d Maas',
      description: 'Bestuurslid',
    });
    expect(await ids('sint jozef aan de maas')).toEqual([board.body.id]);
    // The folded names are for the search: the declaration reads as it was written.
    expect(supplier.body).not.toHaveProperty('foldedNames');
    await as('staff').patch(`/api/v1/declarations/${supplier.body.id}`, { supplierName: 'Klusbedrijf Çelik' });
    expect(await ids('ozdemir')).toEqual([]);
    expect(await ids('celik')).toEqual([supplier.body.id]);
    // Declarations stored before the column was there are folded when the registry opens.
    await t.registry.client.execute("UPDATE declarations SET folded_names = ''");
    await migrateDb(t.registry.db);
    expect(await ids('aero')).toEqual([sideJob.body.id]);
  });
});
