/** The supplier list as CSV: importing (with a preview and per-line rejections) and exporting it back. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { windows1252 } from '../support/windows-1252.ts';

const FIXTURE_CSV = readFileSync(new URL('../../../shared/fixtures/suppliers.csv', import.meta.url), 'utf8');
let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const asManager = (method: string, path: string, body?: unknown) =>
  t.call(method, path, { token: w.tokens.manager, body });

describe('CSV import and export', () => {
  const importCsv = (csv: string, query = '') =>
    t.call('POST', `/api/v1/suppliers/import${query}`, {
      token: w.tokens.manager,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });

  test('the ERP fixture imports whole; a second import changes nothing', async () => {
    const rows = FIXTURE_CSV.trim().split('\n').length - 1;
    const first = await importCsv(FIXTURE_CSV);
    expect(first.body).toMatchObject({ added: rows, updated: 0, rejected: [] });
    const again = await importCsv(FIXTURE_CSV);
    expect(again.body).toMatchObject({ added: 0, updated: 0, unchanged: rows, rejected: [] });
  });

  test('a preview reports the same counts and writes nothing', async () => {
    const preview = await importCsv(FIXTURE_CSV, '?dryRun=1');
    expect(preview.body.added).toBeGreaterThan(100);
    expect((await asManager('GET', '/api/v1/suppliers?limit=1')).body.total).toBe(2);
  });

  test('bad rows are rejected by line with their reasons; good rows still land', async () => {
    const csv = [
      'naam,kvk,btw,domein,status',
      'Goed Bouwbedrijf,12121212,,goedbouw.nl,contracted',
      ',13131313,,,prospect',
      'Fout Nummer,123,,,prospect',
      'Fout Status,14141414,,,vriend',
      'Dubbel,12121212,,,prospect',
      '"Schilders Proef V.O.F.",33334444,NL805077529B51,proef.nl,contracted',
    ].join('\r\n');
    const res = await importCsv(csv);
    expect(res.body).toMatchObject({ added: 1, updated: 1 });
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4, 5, 6]);
    expect(res.body.rejected[1].errors.join()).toMatch(/KvK "123"/);
    expect(res.body.rejected[1].errors.join()).not.toMatch(/spreadsheet/);
    const updated = await asManager('GET', `/api/v1/suppliers/${w.otherSupplierId}`);
    expect(updated.body).toMatchObject({ status: 'contracted', vat: ['NL805077529B51'], domains: ['proef.nl'] });
  });

  test('a KvK number of 7 digits is refused with the likely cause: a spreadsheet dropped its leading 0', async () => {
    const res = await importCsv('naam;kvk\nOude Inschrijving B.V.;9034016\n');
    expect(res.body).toMatchObject({ added: 0 });
    expect(res.body.rejected[0].errors.join()).toMatch(/KvK "9034016".*leading 0/);
  });

  test('a number repeated within one row, in two spellings, is imported once', async () => {
    const res = await importCsv('naam;kvk;btw\nHerhaald B.V.;12121212|1212 1212;NL812345678B01|nl 8123.45678.b01\n');
    expect(res.body).toMatchObject({ added: 1, rejected: [] });
    const got = await asManager('GET', `/api/v1/suppliers/${res.body.changes[0].supplierId}`);
    expect(got.body).toMatchObject({ kvk: ['12121212'], vat: ['NL812345678B01'] });
  });

  test('a VAT number on two new rows rejects the second by line; the rest of the file still lands', async () => {
    const csv = [
      'naam;kvk;btw',
      'Eerste B.V.;;NL812345678B01',
      'Tweede B.V.;;nl 8123.45678.b01',
      'Derde B.V.;15151515;',
    ].join('\n');
    const preview = await importCsv(csv, '?dryRun=1');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 2, updated: 0 });
    expect(res.body.rejected).toEqual([
      { line: 3, name: 'Tweede B.V.', errors: [expect.stringMatching(/NL812345678B01.*line 2/)] },
    ]);
    expect(preview.body).toMatchObject({ added: 2, rejected: res.body.rejected });
  });

  test('rows name a supplier whatever their case and diacritics, also one added earlier in the same file', async () => {
    const csv = [
      'naam;domein',
      'Nieuwe Firma;nieuw.nl',
      'NIEUWE FIRMA;nieuw-2.nl',
      'Schilders Pröef V.O.F.;proef.nl',
    ].join('\n');
    const preview = await importCsv(csv, '?dryRun=1');
    const res = await importCsv(csv);
    expect(res.body).toMatchObject({ added: 1, updated: 2, rejected: [] });
    expect(preview.body).toMatchObject({ added: 1, updated: 2, rejected: [] });
    const found = await asManager('GET', '/api/v1/suppliers?q=nieuwe');
    expect(found.body.items).toEqual([expect.objectContaining({ domains: ['nieuw.nl', 'nieuw-2.nl'] })]);
    expect((await asManager('GET', `/api/v1/suppliers/${w.otherSupplierId}`)).body.domains).toEqual(['proef.nl']);
  });

  test('a row that renames a supplier, then a row under its old name: both land, nothing of the first is lost', async () => {
    const alfa = await asManager('POST', '/api/v1/suppliers', { name: 'Alfa Hernoemd B.V.', kvk: ['13131313'] });
    const csv = [
      'naam;kvk;btw;domein',
      'Beta Nieuw B.V.;13131313;NL813131313B01;',
      'Alfa Hernoemd B.V.;;;alfa.nl',
    ].join('\n');
    const preview = await importCsv(csv, '?dryRun=1');
    const res = await importCsv(csv);
    expect(res.body).toMatchObject({ added: 0, updated: 2, rejected: [] });
    expect(preview.body).toMatchObject({ added: 0, updated: 2, rejected: [] });
    expect(res.body.changes[1].fields).toEqual(['name', 'aliases', 'domains']);
    const got = await asManager('GET', `/api/v1/suppliers/${alfa.body.id}`);
    expect(got.body).toMatchObject({
      name: 'Alfa Hernoemd B.V.',
      aliases: ['Beta Nieuw B.V.'],
      kvk: ['13131313'],
      vat: ['NL813131313B01'],
      domains: ['alfa.nl'],
    });
  });

  test('a file without a name column is a 400; a non-CSV content type a 415', async () => {
    expect((await importCsv('kvk;btw\n12345678;\n')).status).toBe(400);
    const json = await t.call('POST', '/api/v1/suppliers/import', { token: w.tokens.manager, body: { a: 1 } });
    expect(json.status).toBe(415);
  });

  test('a file Excel saved in Windows-1252 keeps its diacritics', async () => {
    const res = await t.app.request('/api/v1/suppliers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': 'text/csv' },
      body: windows1252('naam;kvk\nSchildersbedrijf Bögemann;55556666\n'),
    });
    expect(await res.json()).toMatchObject({ added: 1, rejected: [] });
    const found = await asManager('GET', '/api/v1/suppliers?q=55556666');
    expect(found.body.items.map((s: { name: string }) => s.name)).toEqual(['Schildersbedrijf Bögemann']);
  });

  test('a file Excel saved as Unicode Text (UTF-16, tab separated) imports whole', async () => {
    const res = await t.app.request('/api/v1/suppliers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': 'text/csv' },
      body: Buffer.from('\ufeffnaam\tkvk\r\nSchildersbedrijf Bögemann-Tab\t55557777\r\n', 'utf16le'),
    });
    expect(await res.json()).toMatchObject({ added: 1, rejected: [] });
    const found = await asManager('GET', '/api/v1/suppliers?q=55557777');
    expect(found.body.items.map((s: { name: string }) => s.name)).toEqual(['Schildersbedrijf Bögemann-Tab']);
  });

  test('the export starts with a byte order mark, so that Excel reads it as UTF-8', async () => {
    const res = await t.app.request('/api/v1/suppliers/export', {
      headers: { authorization: `Bearer ${w.tokens.manager}` },
    });
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('the export reads back in as the same suppliers, formulas neutralised', async () => {
    await asManager('POST', '/api/v1/suppliers', { name: '=HYPERLINK("x")' });
    const res = await asManager('GET', '/api/v1/suppliers/export');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.body).toMatch(/^naam;kvk;btw;domein;email;status;aliassen\r\n/);
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(res.body).toContain('Bouwbedrijf Testers B.V.;11112222;;testers.nl;;contracted;');
  });
});
