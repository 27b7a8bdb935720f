import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const watchlist = async (who: keyof World['tokens'], headers: Record<string, string> = {}) => {
  const res = await t.call('GET', '/api/v1/watchlist', { token: w.tokens[who], headers });
  expect(res.status).toBe(200);
  return res.body;
};
const entry = (list: any, id: string) => list.entries.find((e: { id: string }) => e.id === id);
const post = (who: keyof World['tokens'], path: string, body: unknown) =>
  t.call('POST', path, { token: w.tokens[who], body });

/** The world: supplier in an open tender owned by ownerPurchaser, plus staff's relationship to it. */
describe('what each role sees of a conflict', () => {
  test('staff see only "decline gifts and invitations" for a negotiation, and their own declaration in full', async () => {
    const list = await watchlist('staff');
    const e = entry(list, w.supplierId);
    expect(e).toMatchObject({ name: 'Bouwbedrijf Testers B.V.', kvk: ['11112222'], domains: ['testers.nl'] });
    const [negotiation, related] = e.conflicts;
    expect(Object.keys(negotiation).sort()).toEqual(['advice', 'kind', 'since', 'summary']);
    expect(negotiation.summary).toBe('Geschenken en uitnodigingen weigeren');
    expect(related).toMatchObject({
      kind: 'related',
      count: 1,
      details: [{ relation: 'broer', description: 'Mijn broer werkt hier' }],
    });
    expect(related.declarants).toBeUndefined();
  });

  test("other staff see the negotiation but nothing of a colleague's relationship", async () => {
    const e = entry(await watchlist('otherStaff'), w.supplierId);
    expect(e.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['negotiation']);
    expect(JSON.stringify(e)).not.toMatch(/broer|Test staff|T-1|Test tender/);
  });

  test('purchasers see kind and count; names only where they own an open negotiation', async () => {
    const other = entry(await watchlist('purchaser'), w.supplierId);
    expect(other.conflicts[1]).toMatchObject({ kind: 'related', count: 1 });
    expect(Object.keys(other.conflicts[1]).sort()).toEqual(['advice', 'count', 'kind', 'since', 'summary']);
    expect(other.conflicts[0]).toMatchObject({ reference: 'T-1', stage: 'tender', owner: 'Test ownerPurchaser' });
    const owner = entry(await watchlist('ownerPurchaser'), w.supplierId);
    expect(owner.conflicts[1]).toMatchObject({ kind: 'related', count: 1, declarants: ['Test staff'] });
    expect(JSON.stringify(owner)).not.toMatch(/broer|Mijn broer/);
  });

  test('managers see everything, including relation and description', async () => {
    const e = entry(await watchlist('manager'), w.supplierId);
    expect(e.conflicts[1]).toMatchObject({
      declarants: ['Test staff'],
      details: [{ declarant: 'Test staff', relation: 'broer', status: 'submitted' }],
    });
  });

  test('only suppliers with a conflict are listed; a conflict ends with its cause', async () => {
    expect(entry(await watchlist('manager'), w.otherSupplierId)).toBeUndefined();
    await t.call('PATCH', `/api/v1/negotiations/${w.negotiationId}`, {
      token: w.tokens.ownerPurchaser,
      body: { status: 'closed' },
    });
    await post('staff', `/api/v1/declarations/${w.declarationId}/end`, undefined);
    expect(entry(await watchlist('manager'), w.supplierId)).toBeUndefined();
  });

  test('a private purchase counts for twelve months after its date', async () => {
    await post('staff', '/api/v1/declarations', {
      kind: 'private_purchase',
      supplierId: w.otherSupplierId,
      date: '2025-12-01',
      amountEur: 800,
      marketPrice: true,
      normalTerms: true,
    });
    expect(entry(await watchlist('manager'), w.otherSupplierId).conflicts[0]).toMatchObject({
      kind: 'purchase',
      since: '2025-12-01',
      details: [{ amountEur: 800 }],
    });
    t.clock.set(new Date('2026-12-02T10:00:00Z'));
    expect(entry(await watchlist('manager'), w.otherSupplierId)).toBeUndefined();
  });
});

describe('caching and transport', () => {
  test('a strong ETag answers If-None-Match with 304 until something changes', async () => {
    const first = await t.call('GET', '/api/v1/watchlist', { token: w.tokens.staff });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.body.version).toBe(etag.slice(1, -1));
    const again = await t.call('GET', '/api/v1/watchlist', {
      token: w.tokens.staff,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    await post('manager', '/api/v1/negotiations', {
      supplierId: w.otherSupplierId,
      reference: 'T-9',
      subject: 'Schilderwerk',
    });
    const changed = await t.call('GET', '/api/v1/watchlist', {
      token: w.tokens.staff,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  test.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ])(
    'the body is compressed as %s when the client accepts it, and personal responses are never cached',
    async (encoding, decode) => {
      // Two at once, as browsers ask when they start: both wait for the one compression of that version.
      const answers = await Promise.all(
        [1, 2].map(() =>
          t.app.request('/api/v1/watchlist', {
            headers: { authorization: `Bearer ${w.tokens.manager}`, 'accept-encoding': `${encoding}, deflate` },
          }),
        ),
      );
      for (const res of answers) {
        expect(res.headers.get('content-encoding')).toBe(encoding);
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        expect(res.headers.get('vary')).toMatch(/Authorization/);
        const body = JSON.parse(decode(Buffer.from(await res.arrayBuffer())).toString());
        expect(body.entries).toHaveLength(1);
      }
    },
  );

  test('CORS answers extension origins and nothing else', async () => {
    const ask = (origin: string) =>
      t.app.request('/api/v1/watchlist', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    expect((await ask('chrome-extension://abcdefghijklmnop')).headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    expect((await ask('moz-extension://1234-abcd')).headers.get('access-control-allow-origin')).toBe(
      'moz-extension://1234-abcd',
    );
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('POST /check', () => {
  test("finds watched suppliers in each text with offsets and the caller's view of the conflicts", async () => {
    const texts = ['Niets hier.', 'Offerte van Bouwbedrijf Testers B.V. ontvangen.'];
    const res = await post('otherStaff', '/api/v1/check', { texts });
    expect(res.status).toBe(200);
    expect(res.body.matches).toHaveLength(1);
    const [m] = res.body.matches;
    expect(m).toMatchObject({ text: 1, supplierId: w.supplierId, name: 'Bouwbedrijf Testers B.V.' });
    expect(texts[1].slice(m.start, m.end)).toMatch(/^Bouwbedrijf Testers/);
    expect(m.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['negotiation']);
  });

  test('a one-word alias flags on its own unless the word lists make it ambiguous, which the watchlist says', async () => {
    const patched = await t.call('PATCH', `/api/v1/suppliers/${w.supplierId}`, {
      token: w.tokens.manager,
      body: { aliases: ['Smits', 'Stedin'] },
    });
    expect(patched.status).toBe(200);
    expect(entry(await watchlist('staff'), w.supplierId).ambiguous).toEqual(['smits']);
    const texts = ['Overleg met Smits.', 'Stedin heeft de meter gewisseld.', 'Factuur van Smits B.V.'];
    const res = await post('staff', '/api/v1/check', { texts });
    expect(
      res.body.matches.map((m: { text: number; start: number; end: number }) => texts[m.text].slice(m.start, m.end)),
    ).toEqual(['Stedin', 'Smits B.V.']);
  });

  test('texts must be a list of strings', async () => {
    expect((await post('staff', '/api/v1/check', { texts: 'one' })).status).toBe(400);
    expect((await post('staff', '/api/v1/check', { texts: [1] })).body.error.details.fields[0].field).toBe('texts.0');
  });
});
