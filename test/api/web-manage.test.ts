/**
 * The pages of purchasers and managers through `app.request()`: suppliers and their CSV, negotiations and
 * recusals, what each role sees of a conflict, the audit trail and the yearly overview.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import { buildWorld, openTestApp, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText, type WebSession } from './web-client.ts';
import { windows1252 } from '../support/windows-1252.ts';

let t: TestApp;
let w: World;
let manager: WebSession;

beforeEach(async () => {
  t = await openTestApp();
  w = await buildWorld(t);
  manager = await sessionFor(t, w.people.manager.id);
});
afterEach(() => t.registry.close());

const text = async (path: string, session: WebSession) => visibleText((await getPage(t, path, session)).html);
const supplierFields = {
  name: 'Nieuw Bouwbedrijf B.V.',
  aliases: '',
  kvk: '',
  vat: '',
  domains: '',
  status: 'prospect',
  lastBusinessDate: '',
  notes: '',
};

describe('suppliers', () => {
  test('a duplicate KvK number comes back on its field, with everything typed kept', async () => {
    const res = await postForm(t, '/suppliers', manager, {
      ...supplierFields,
      kvk: '1111 2222',
      notes: 'Gevonden via de beurs',
    });
    expect(res.status).toBe(400);
    expect(visibleText(res.html)).toContain('Dit KvK-nummer staat al bij een andere leverancier.');
    expect(res.html).toContain('Gevonden via de beurs');
  });

  test('a malformed KvK number names the rule', async () => {
    const res = await postForm(t, '/suppliers', manager, { ...supplierFields, kvk: '123' });
    expect(res.status).toBe(400);
    expect(visibleText(res.html)).toContain('Een KvK-nummer heeft 8 cijfers.');
  });

  test('create, edit, archive and merge', async () => {
    const created = await postForm(t, '/suppliers', manager, {
      ...supplierFields,
      kvk: '55556666',
      aliases: 'Nieuwbouw\nNB, Holding',
    });
    expect(created.status).toBe(303);
    const id = /\/suppliers\/([\w-]+)/.exec(created.location!)![1];
    expect(await text(created.location!, manager)).toContain('Nieuwbouw, NB, Holding');
    expect(
      (await postForm(t, `/suppliers/${id}`, manager, { ...supplierFields, name: 'Nieuwbouw B.V.', kvk: '55556666' }))
        .status,
    ).toBe(303);
    expect(await text(`/suppliers/${id}`, manager)).toContain('Nieuwbouw B.V.');
    expect((await postForm(t, `/suppliers/${id}/archive`, manager, {})).location).toBe(
      `/suppliers/${id}?done=archived`,
    );
    expect(await text('/suppliers', manager)).not.toContain('Nieuwbouw B.V.');
    expect(await text('/suppliers?status=archived', manager)).toContain('Nieuwbouw B.V.');
    const candidates = await getPage(t, `/suppliers/${w.otherSupplierId}?merge=Testers`, manager);
    expect(candidates.html).toContain(`value="${w.supplierId}"`);
    const merged = await postForm(t, `/suppliers/${w.otherSupplierId}/merge`, manager, { into: w.supplierId });
    expect(merged.location).toBe(`/suppliers/${w.supplierId}?done=merged`);
    expect(await text(merged.location!, manager)).toContain('33334444');
  });

  test('lists page on the server and say what to do when empty', async () => {
    await writeTx(t.registry.db, async (tx) => {
      for (let i = 0; i < 30; i++)
        await createSupplier(tx, t.clock.now(), null, {
          name: `Aannemer ${String(i).padStart(2, '0')}`,
          aliases: [],
          kvk: [],
          vat: [],
          domains: [],
          status: 'prospect',
          lastBusinessDate: null,
          notes: null,
        });
    });
    const first = await getPage(t, '/suppliers?q=Aannemer', manager);
    expect(visibleText(first.html)).toContain('1–25 van 30');
    expect(first.html).toContain('href="/suppliers?q=Aannemer&amp;page=2"');
    const second = visibleText((await getPage(t, '/suppliers?q=Aannemer&page=2', manager)).html);
    expect(second).toContain('Aannemer 29');
    expect(second).not.toContain('Aannemer 00');
    expect(await text('/suppliers?q=bestaat-niet', manager)).toContain('Geen leverancier gevonden.');
  });

  test('staff see names, numbers and the last business date, as the API shows them, but not the managers’ notes or the edit forms', async () => {
    const staff = await sessionFor(t, w.people.staff.id);
    const page = await getPage(t, `/suppliers/${w.supplierId}`, staff);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(`action="/suppliers/${w.supplierId}"`);
    expect(visibleText(page.html)).toContain('Btw-nummers');
    expect(visibleText(page.html)).toContain('Laatste zakelijke datum');
    expect(visibleText(page.html)).not.toContain('Notities');
  });
});

describe('what each role sees of a supplier’s conflicts', () => {
  test('staff: only that gifts and invitations are declined; the owning purchaser: counts and names; managers: the declaration', async () => {
    const staff = await text(`/suppliers/${w.supplierId}`, await sessionFor(t, w.people.otherStaff.id));
    expect(staff).toContain('Geschenken en uitnodigingen weigeren');
    expect(staff).not.toContain('T-1');
    expect(staff).not.toContain('Test staff');
    const owner = await text(`/suppliers/${w.supplierId}`, await sessionFor(t, w.people.ownerPurchaser.id));
    expect(owner).toContain('T-1');
    expect(owner).toContain('1 gemelde relatie');
    expect(owner).toContain('Gemeld door: Test staff');
    expect(owner).not.toContain('broer');
    const other = await text(`/suppliers/${w.supplierId}`, await sessionFor(t, w.people.purchaser.id));
    expect(other).toContain('1 gemelde relatie');
    expect(other).not.toContain('Test staff');
    expect(await text(`/suppliers/${w.supplierId}`, manager)).toContain('broer');
  });
});

describe('the CSV import', () => {
  const csv =
    'naam;kvk;btw;domein;status\nNieuw Bouwbedrijf B.V.;55556666;;nieuwbouw.nl;prospect\nZonder KvK;12;;;prospect\n';

  test('a preview shows the counts, the changes and each rejected line, and writes nothing', async () => {
    const res = await postForm(t, '/suppliers/import', manager, { action: 'preview', text: csv });
    const page = visibleText(res.html);
    expect(page).toContain('Voorbeeld — nog niets opgeslagen');
    expect(page).toContain('Toegevoegd: 1 · bijgewerkt: 0 · ongewijzigd: 0 · afgewezen: 1');
    expect(page).toContain('3 Zonder KvK KvK "12" is ongeldig');
    expect(await text('/suppliers?q=Nieuw', manager)).toContain('Geen leverancier gevonden.');
    const confirmed = await postForm(t, '/suppliers/import', manager, {
      action: 'confirm',
      text: /name="text" value="([^"]*)"/.exec(res.html)![1].replace(/&#10;|\n/g, '\n'),
    });
    expect(visibleText(confirmed.html)).toContain('Geïmporteerd');
    expect(await text('/suppliers?q=Nieuw', manager)).toContain('Nieuw Bouwbedrijf B.V.');
  });

  test('an uploaded file works like pasted text; a file that is no supplier list says why', async () => {
    const form = new FormData();
    form.set('_csrf', manager.csrf);
    form.set('action', 'preview');
    form.set('file', new File([csv], 'leveranciers.csv', { type: 'text/csv' }));
    const res = await t.app.request('/suppliers/import', {
      method: 'POST',
      headers: { cookie: manager.cookie },
      body: form,
    });
    expect(visibleText(await res.text())).toContain('Toegevoegd: 1');
    const bad = await postForm(t, '/suppliers/import', manager, { action: 'preview', text: 'iets;anders\n1;2\n' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('de eerste regel moet een kopregel zijn');
  });

  test('a file Excel saved in Windows-1252 keeps its diacritics', async () => {
    const form = new FormData();
    form.set('_csrf', manager.csrf);
    form.set('action', 'preview');
    form.set('file', new File([windows1252('naam;kvk\nSchildersbedrijf Bögemann;55556666\n')], 'leveranciers.csv'));
    const res = await t.app.request('/suppliers/import', {
      method: 'POST',
      headers: { cookie: manager.cookie },
      body: form,
    });
    const page = visibleText(await res.text());
    expect(page).toContain('Toegevoegd: 1');
    expect(page).toContain('Schildersbedrijf Bögemann');
  });

  test('the export is a CSV download', async () => {
    const res = await getPage(t, '/suppliers/export', manager);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.html).toContain('Bouwbedrijf Testers B.V.;11112222');
  });
});

describe('negotiations', () => {
  test('the owner advances one and keeps a colleague out of it; another purchaser may only look', async () => {
    const owner = await sessionFor(t, w.people.ownerPurchaser.id);
    expect(
      (await postForm(t, `/negotiations/${w.negotiationId}`, owner, { stage: 'negotiation', status: 'open' })).status,
    ).toBe(303);
    const search = await getPage(t, `/negotiations/${w.negotiationId}?person=staff`, owner);
    expect(search.html).toContain(`value="${w.people.staff.id}"`);
    const missing = await postForm(t, `/negotiations/${w.negotiationId}/recusals`, owner, {
      personId: w.people.staff.id,
      reason: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.html).toMatch(new RegExp(`value="${w.people.staff.id}" checked`));
    expect(
      (
        await postForm(t, `/negotiations/${w.negotiationId}/recusals`, owner, {
          personId: w.people.staff.id,
          reason: 'Broer werkt bij de inschrijver',
        })
      ).status,
    ).toBe(303);
    const detail = await text(`/negotiations/${w.negotiationId}`, owner);
    expect(detail).toContain('Onderhandeling · Lopend');
    expect(detail).toMatch(/Test staff\s*: Broer werkt bij de inschrijver/);
    const other = await sessionFor(t, w.people.purchaser.id);
    const seenByOther = await text(`/negotiations/${w.negotiationId}`, other);
    expect(seenByOther).toContain('Alleen de inkoper van dit traject of een leidinggevende kan het wijzigen.');
    // Who was kept out, and why, is not another purchaser's business.
    expect(seenByOther).not.toContain('Broer werkt bij de inschrijver');
    expect(seenByOther).not.toContain('Test staff');
    expect(
      (await postForm(t, `/negotiations/${w.negotiationId}`, other, { stage: 'talks', status: 'closed' })).status,
    ).toBe(403);
  });

  test('opening one: the supplier search shows each candidate’s conflicts before choosing', async () => {
    const purchaser = await sessionFor(t, w.people.purchaser.id);
    const found = await postForm(t, '/negotiations', purchaser, {
      action: 'search',
      supplierQuery: 'Testers',
      reference: 'T-9',
      subject: 'Dakwerk',
      stage: 'talks',
    });
    expect(visibleText(found.html)).toContain(
      'Bouwbedrijf Testers B.V. · KvK 11112222 · In inkooptraject, Gemelde relatie',
    );
    expect(found.html).toContain('value="T-9"');
    const opened = await postForm(t, '/negotiations', purchaser, {
      action: 'submit',
      supplierId: w.otherSupplierId,
      reference: 'T-9',
      subject: 'Dakwerk',
      stage: 'talks',
    });
    expect(opened.status).toBe(303);
    expect(await text('/negotiations?mine=on', purchaser)).toContain('T-9');
  });
});

describe('reviewing, audit and the yearly overview', () => {
  test('the queue holds the declarations of the people a manager reviews, and nobody else’s', async () => {
    expect(await text('/review', await sessionFor(t, w.people.ownManager.id))).toContain('Test staff');
    expect(await text('/review', manager)).toContain('Er wacht niets op je oordeel.');
  });

  test('the audit trail filters, and says when its chain was broken behind Zuiver’s back', async () => {
    expect(await text('/audit', manager)).toMatch(/De keten klopt: \d+ regels gecontroleerd\./);
    const suppliers = await text('/audit?entity=supplier', manager);
    expect(suppliers).toContain('supplier.create');
    expect(suppliers).not.toContain('person.create');
    const bad = await getPage(t, '/audit?from=2026-13-45', manager);
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('Vul een datum in');
    await t.registry.client.execute("update audit set action = 'person.tampered' where seq = 2");
    expect(await text('/audit', manager)).toContain('De keten is verbroken bij regel 2');
  });

  test('the yearly overview counts, and downloads as CSV', async () => {
    const page = await text('/reports?year=2026', manager);
    expect(page).toContain('Jaaroverzicht integriteit 2026');
    expect(page).toContain('Relatie Ingediend 1');
    const csv = await getPage(t, '/reports/yearly.csv?year=2026', manager);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.html).toContain('2026;declarations;relationship;submitted;1');
  });
});
