/** Declaring and reviewing through the web pages, with `app.request()` and a real database file. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import { buildWorld, openTestApp, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText, type WebSession } from './web-client.ts';

let t: TestApp;
let w: World;
let staff: WebSession;

beforeEach(async () => {
  t = await openTestApp();
  w = await buildWorld(t);
  staff = await sessionFor(t, w.people.staff.id);
});
afterEach(() => t.registry.close());

const count = async (table: string) =>
  Number((await t.registry.client.execute(`select count(*) as n from ${table}`)).rows[0].n);

describe('my declarations', () => {
  test('list only my own, with their status', async () => {
    const mine = visibleText((await getPage(t, '/', staff)).html);
    expect(mine).toContain('Relatie');
    expect(mine).toContain('Bouwbedrijf Testers B.V.');
    expect(mine).toContain('Ingediend');
    const other = await getPage(t, '/', await sessionFor(t, w.people.otherStaff.id));
    expect(visibleText(other.html)).not.toContain('Bouwbedrijf Testers B.V.');
    expect(visibleText(other.html)).toContain('Je hebt nog niets gemeld');
  });

  test('another person’s declaration is a 404 page', async () => {
    const res = await getPage(t, `/declarations/${w.declarationId}`, await sessionFor(t, w.people.otherStaff.id));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.html).not.toContain('Mijn broer');
  });

  test('a submitted declaration can be withdrawn by its declarant', async () => {
    const res = await postForm(t, `/declarations/${w.declarationId}/withdraw`, staff, {});
    expect(res.location).toBe(`/declarations/${w.declarationId}?done=withdrawn`);
    const detail = visibleText((await getPage(t, res.location!, staff)).html);
    expect(detail).toContain('Je melding is ingetrokken.');
    expect(detail).toContain('Ingetrokken');
  });
});

describe('declaring a gift', () => {
  test('from a supplier in negotiation: the form opened from the extension says decline before anything is typed', async () => {
    const res = await getPage(t, `/declare?kind=gift&supplier=${w.supplierId}`, staff);
    expect(res.status).toBe(200);
    const page = visibleText(res.html);
    expect(page).toContain('Van een leverancier in onderhandeling: weigeren.');
    expect(res.html).toMatch(new RegExp(`value="${w.supplierId}" checked`));
    expect(page).toContain('vertrouwenspersoon');
  });

  test('check shows the verdict without saving; submit saves it and shows it again', async () => {
    const fields = {
      kind: 'gift',
      supplierId: w.supplierId,
      form: 'goods',
      valueEur: '20',
      description: 'Fles wijn',
      accepted: 'no',
    };
    const before = await count('declarations');
    const checked = await postForm(t, '/declare', staff, { ...fields, action: 'check' });
    expect(checked.status).toBe(200);
    expect(visibleText(checked.html)).toContain('Niet toegestaan — Van een leverancier in onderhandeling: weigeren.');
    expect(await count('declarations')).toBe(before);

    const saved = await postForm(t, '/declare', staff, { ...fields, action: 'submit' });
    expect(saved.status).toBe(303);
    const detail = visibleText((await getPage(t, saved.location!, staff)).html);
    expect(detail).toContain('weigeren');
    expect(detail).toContain('Fles wijn');
    expect(await count('declarations')).toBe(before + 1);
  });

  test('in English the verdict says decline', async () => {
    const res = await postForm(t, '/declare?lang=en', staff, {
      kind: 'gift',
      supplierId: w.supplierId,
      form: 'goods',
      valueEur: '20',
      action: 'check',
    });
    expect(visibleText(res.html)).toContain('From a supplier in negotiation: decline.');
  });

  test('an amount is read as people type it: 1.250 is twelve hundred and fifty euros, not 1.25', async () => {
    for (const [typed, stored] of [
      ['1.250', 1250],
      ['€ 1.250,50', 1250.5],
      ['12,50', 12.5],
      ['25,-', 25],
    ] as const) {
      const saved = await postForm(t, '/declare', staff, {
        kind: 'gift',
        supplierId: w.supplierId,
        form: 'goods',
        valueEur: typed,
        action: 'submit',
      });
      expect(saved.status, typed).toBe(303);
      const id = saved.location!.split('/').pop();
      const declaration = await t.call('GET', `/api/v1/declarations/${id}`, { token: w.tokens.staff });
      expect(declaration.body.valueEur, typed).toBe(stored);
    }
  });

  test('bad input comes back with the field’s error and everything typed kept', async () => {
    const res = await postForm(t, '/declare', staff, {
      kind: 'gift',
      supplierId: w.supplierId,
      form: 'goods',
      valueEur: 'veel',
      description: 'Taart voor de afdeling',
      action: 'submit',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('aria-invalid="true"');
    expect(visibleText(res.html)).toContain('Vul een getal in.');
    expect(res.html).toContain('Taart voor de afdeling');
    expect(res.html).toContain('value="veel"');
  });

  test('a supplier is found by KvK number on the server, and an unregistered one can be named', async () => {
    const found = await postForm(t, '/declare', staff, {
      kind: 'relationship',
      supplierQuery: '3333 4444',
      relation: 'zus',
      action: 'search',
    });
    expect(found.html).toContain(`value="${w.otherSupplierId}"`);
    expect(found.html).toContain('value="zus"');
    const named = await postForm(t, '/declare', staff, {
      kind: 'relationship',
      supplierName: 'Nieuwe Aannemer B.V.',
      relation: 'zus',
      action: 'submit',
    });
    expect(named.status).toBe(303);
    expect(visibleText((await getPage(t, named.location!, staff)).html)).toContain(
      'Nieuwe Aannemer B.V. (nog niet in het register)',
    );
  });

  test('a side job may name an organisation that is no supplier; a gift may not', async () => {
    const job = await postForm(t, '/declare', staff, {
      kind: 'side_job',
      organisation: 'Voetbalclub VVV',
      description: 'Penningmeester',
      action: 'submit',
    });
    expect(job.status).toBe(303);
    const gift = await postForm(t, '/declare', staff, {
      kind: 'gift',
      organisation: 'Voetbalclub VVV',
      form: 'goods',
      valueEur: '5',
      action: 'submit',
    });
    expect(gift.status).toBe(400);
    expect(gift.html).not.toContain('name="organisation"');
  });

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const before = await count('declarations');
    const res = await postForm(
      t,
      '/declare',
      staff,
      { kind: 'gift', supplierId: w.supplierId, form: 'goods', valueEur: '20', action: 'submit' },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(visibleText(res.html)).toContain('Dit formulier is verlopen of kwam niet van deze site.');
    expect(await count('declarations')).toBe(before);
  });
});

describe('registry data is text, never markup', () => {
  test('a supplier named like an HTML tag is escaped in search results, declarations and lists', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const s = await writeTx(t.registry.db, (tx) =>
      createSupplier(tx, t.clock.now(), null, {
        name,
        aliases: [],
        kvk: ['99998888'],
        vat: [],
        domains: [],
        status: 'contracted',
        lastBusinessDate: null,
        notes: null,
      }),
    );
    const search = await postForm(t, '/declare', staff, { kind: 'gift', supplierQuery: '99998888', action: 'search' });
    expect(search.html).not.toContain('<img src=x');
    expect(search.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const saved = await postForm(t, '/declare', staff, {
      kind: 'gift',
      supplierId: s.id,
      form: 'goods',
      valueEur: '5',
      description: name,
      action: 'submit',
    });
    for (const path of [saved.location!, '/']) {
      const res = await getPage(t, path, staff);
      expect(res.html).not.toContain('<img src=x');
      expect(visibleText(res.html)).toContain(name);
    }
  });
});

describe('reviewing', () => {
  test('the declarant’s own manager decides, with the declarant’s history beside the form', async () => {
    const manager = await sessionFor(t, w.people.ownManager.id);
    const page = await getPage(t, `/declarations/${w.declarationId}`, manager);
    expect(page.html).toContain(`action="/declarations/${w.declarationId}/review"`);
    expect(visibleText(page.html)).toContain('Eerdere meldingen van Test staff');
    const res = await postForm(t, `/declarations/${w.declarationId}/review`, manager, {
      decision: 'acknowledged',
      note: 'Buiten de aanbesteding houden',
    });
    expect(res.status).toBe(303);
    const mine = visibleText((await getPage(t, `/declarations/${w.declarationId}`, staff)).html);
    expect(mine).toContain('Akkoord');
    expect(mine).toContain('Buiten de aanbesteding houden');
  });

  test('a review refused for want of a decision keeps the supplier the reviewer linked', async () => {
    const named = await postForm(t, '/declare', staff, {
      kind: 'relationship',
      supplierName: 'Testers Bouw',
      relation: 'zus',
      action: 'submit',
    });
    const id = /\/declarations\/([\w-]+)/.exec(named.location!)![1];
    const manager = await sessionFor(t, w.people.ownManager.id);
    expect((await getPage(t, `/declarations/${id}?link=Testers`, manager)).html).toContain(`value="${w.supplierId}"`);
    const refused = await postForm(t, `/declarations/${id}/review`, manager, { supplierId: w.supplierId, note: '' });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(new RegExp(`value="${w.supplierId}" checked`));
  });

  test('another manager sees the declaration but no review form, and is refused', async () => {
    const manager = await sessionFor(t, w.people.manager.id);
    const page = await getPage(t, `/declarations/${w.declarationId}`, manager);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(`${w.declarationId}/review"`);
    expect(
      (await postForm(t, `/declarations/${w.declarationId}/review`, manager, { decision: 'acknowledged' })).status,
    ).toBe(403);
  });

  test('a decision left out comes back as a field error', async () => {
    const res = await postForm(
      t,
      `/declarations/${w.declarationId}/review`,
      await sessionFor(t, w.people.ownManager.id),
      { note: 'x' },
    );
    expect(res.status).toBe(400);
    expect(visibleText(res.html)).toContain('Kies een van de mogelijkheden.');
  });
});

test('the language switch sets a cookie and goes back to the page', async () => {
  const res = await getPage(t, '/lang?to=en&next=%2Fdeclare', staff);
  expect(res.status).toBe(303);
  expect(res.location).toBe('/declare');
  expect(res.headers.getSetCookie()[0]).toMatch(/^lang=en;/);
  const english = await getPage(t, '/declare', { ...staff, cookie: `${staff.cookie}; lang=en` });
  expect(visibleText(english.html)).toContain('What do you want to declare?');
  expect((await getPage(t, '/lang?to=en&next=https%3A%2F%2Fevil.example', staff)).location).toBe('/');
});
