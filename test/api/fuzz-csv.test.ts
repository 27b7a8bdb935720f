/**
 * CSV files, generated, sent to the supplier import: a preview of any file, however broken its encoding, quoting
 * or header, answers a report or a 4xx and never writes; an import whose every row is invalid changes nothing
 * and reports each row with its reasons. (Every other API route: fuzz.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { hostileString } from '../support/fuzz-input.ts';
import { openFuzzTarget, RUNS } from '../support/fuzz-target.ts';

// Built before the tests are collected, like the route tests' target.
const { t, w, routes, probe } = await openFuzzTarget();
afterAll(() => t.registry.close());

describe('CSV files', () => {
  const importRoute = () => routes.find((r) => r.method === 'POST' && r.path === '/api/v1/suppliers/import')!;
  const cell = fc.oneof(
    hostileString.filter((s) => s.length < 2_000),
    fc.stringMatching(/^\d{8}$/),
    fc.constantFrom('contracted', 'voormalig', 'NL123456789B01', 'bouw.nl', '"', '""', '";"', '\r', '\n'),
  );
  const separator = fc.constantFrom(';', ',', '\t', '|');
  const header = fc.oneof(
    fc.constantFrom(
      'naam;kvk;btw;domein;status',
      'name,kvk,vat,domains,status,aliases',
      'naam',
      '\uFEFFnaam;kvk',
      'kvk;btw',
      '',
    ),
    fc
      .array(
        hostileString.filter((s) => s.length < 200),
        { maxLength: 6 },
      )
      .map((h) => h.join(';')),
  );
  const csv = fc
    .tuple(header, separator, fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 20 }))
    .map(([h, sep, rows]) =>
      [h, ...rows.map((r) => r.join(sep))].join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]),
    );
  const bytes = fc.oneof(
    csv.map((s) => new TextEncoder().encode(s)),
    // Invalid UTF-8 and Windows-1252 bytes inside otherwise plain CSV.
    fc
      .tuple(csv, fc.uint8Array({ minLength: 1, maxLength: 50 }))
      .map(([s, b]) => new Uint8Array([...new TextEncoder().encode(s), 0x0a, ...b, 0x3b, 0xe9, 0xff, 0x0a])),
  );

  test('a preview (dryRun=1) of any file answers a report or a 4xx, and never writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fc.constantFrom(
          'text/csv',
          'text/csv; charset=windows-1252',
          'text/plain',
          'application/json',
          'application/octet-stream',
        ),
        async (body, type) => {
          const res = await probe({
            method: 'POST',
            path: `${importRoute().path}?dryRun=1`,
            headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': type },
            body,
          });
          expect(res.changed).toBe(false);
          if (res.status === 200)
            expect(JSON.parse(res.text)).toMatchObject({ added: expect.any(Number), rejected: expect.any(Array) });
        },
      ),
      { numRuns: RUNS * 4, endOnFailure: true },
    );
  });

  test('an import whose every row is invalid changes nothing and reports each row with its reasons', async () => {
    // Every row carries a KvK number that cannot be valid, so each must be rejected.
    const badRow = fc
      .tuple(
        hostileString.filter((s) => s.length < 500),
        fc.string({ maxLength: 12 }),
      )
      .map(([name, kvk]) => [name, `x${kvk}`]);
    await fc.assert(
      fc.asyncProperty(fc.array(badRow, { minLength: 1, maxLength: 15 }), async (rows) => {
        const text = ['naam;kvk', ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';'))].join('\n');
        const res = await probe({
          method: 'POST',
          path: importRoute().path,
          headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': 'text/csv' },
          body: text,
        });
        expect(res.status, res.text.slice(0, 300)).toBe(200);
        const report = JSON.parse(res.text);
        expect(report).toMatchObject({ added: 0, updated: 0 });
        expect(res.changed, 'a wholly rejected import changed the database').toBe(false);
        for (const r of report.rejected) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 2, endOnFailure: true },
    );
  });
});
