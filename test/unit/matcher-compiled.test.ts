import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, createMatcher, loadMatcher, type CompiledMatcher } from '../../core/matcher/index.ts';
import { COMPILED_FORMAT, buildTables } from '../../core/matcher/tables.ts';
import { domainKeyOf, foldText } from '../../core/matcher/normalize.ts';
import type { WatchEntry } from '../../core/types.ts';

const WATCHLIST: WatchEntry[] = [
  {
    id: 's1',
    names: ['Kuipers Zonnepanelen B.V.', 'Kuipers Groep'],
    domains: ['https://www.Kuipers.nl/'],
    kvk: ['1234 5678'],
    vat: ['nl 1234.56.789.b01'],
  },
  {
    id: 's2',
    names: ['Coöperatie Woonkracht U.A.', 'Yılmaz & Zn. Bouw'],
    domains: ['woonkracht.nl'],
    kvk: ['87654321'],
  },
  { id: 's3', names: ['Holding B.V.'], domains: ['not a domain'], kvk: ['123'], vat: ['DE123456789'] },
];
const TEXTS = [
  'Offerte van KUIPERS ZONNEPANELEN BV (KvK 12345678, btw NL123456789B01), mail info@kuipers.nl',
  'Cooperatie Woonkracht, Yilmaz en Zonen Bouw, https://woonkracht.nl, 8765 4321',
];

describe('compiled matcher', () => {
  const compiled = compileMatcher(WATCHLIST);

  it('survives JSON and scans like the matcher built from the watchlist', () => {
    const loaded = loadMatcher(JSON.parse(JSON.stringify(compiled)) as CompiledMatcher);
    const direct = createMatcher(WATCHLIST);
    for (const text of TEXTS) {
      expect(loaded.scan(text).length).toBeGreaterThan(2);
      expect(direct.scan(text)).toEqual(loaded.scan(text).map((m) => ({ ...m, id: WATCHLIST[m.supplier].id })));
    }
  });

  it('leaves supplier ids out: tabs name a supplier by its position in the watchlist', () => {
    expect(JSON.stringify(compiled)).not.toMatch(/"s[123]"/);
  });

  it('holds names already folded, so loading does not fold again', () => {
    for (const word of compiled.words.split(' ')) expect(foldText(word)).toBe(word);
    expect(JSON.stringify(compiled)).not.toMatch(/Coöperatie|Kuipers|Yılmaz/);
  });

  it('normalizes identifiers, sorted, and leaves out what is no identifier', () => {
    const { domains, kvk, vat } = buildTables(compiled);
    const keys = [domainKeyOf('kuipers.nl'), domainKeyOf('woonkracht.nl')];
    expect([...domains.values]).toEqual([...keys].sort((a, b) => a - b));
    expect([...domains.suppliers]).toEqual(keys[0] < keys[1] ? [0, 1] : [1, 0]);
    expect([...kvk.values, ...kvk.suppliers]).toEqual([12345678, 87654321, 0, 1]);
    expect([...vat.values, ...vat.suppliers]).toEqual([12345678901, 0]);
  });

  it('keeps every value exact in the narrowest array it fits', () => {
    const { domains, kvk, vat, edges } = buildTables(compiled);
    // Domain keys and VAT numbers pass 32 bits; KvK numbers do not; three suppliers fit a byte.
    expect(domains.values).toBeInstanceOf(Float64Array);
    expect(vat.values).toBeInstanceOf(Float64Array);
    expect(kvk.values).toBeInstanceOf(Uint32Array);
    expect(kvk.suppliers).toBeInstanceOf(Uint8Array);
    expect(edges).toBeInstanceOf(Uint8Array);
  });

  it('finds every supplier of an identifier that several share, among many others', () => {
    const others: WatchEntry[] = Array.from({ length: 500 }, (_, i) => ({
      id: `x${i}`,
      names: [`Firma Nummer ${i} B.V.`],
      domains: [`firma${i}.nl`],
      kvk: [String(10_000_000 + i * 7919)],
      vat: [`NL${String(100_000_000 + i * 104_729)}B01`],
    }));
    const shared: WatchEntry[] = [
      { id: 'a', names: ['Alfa B.V.'], kvk: ['55555555'], vat: ['NL555555555B01'], domains: ['gedeeld.nl'] },
      { id: 'b', names: ['Beta B.V.'], kvk: ['55555555'], vat: ['NL555555555B01'], domains: ['gedeeld.nl'] },
    ];
    const watchlist = [...others.slice(0, 250), ...shared, ...others.slice(250)];
    const loaded = loadMatcher(JSON.parse(JSON.stringify(compileMatcher(watchlist))));
    const ids = (text: string) => loaded.scan(text).map((m) => `${m.kind}:${watchlist[m.supplier].id}`);
    expect(ids('KvK 55555555')).toEqual(['kvk:a', 'kvk:b']);
    expect(ids('btw NL555555555B01')).toEqual(['vat:a', 'vat:b']);
    // A domain belongs to one supplier on the page: the first that registered it.
    expect(ids('info@gedeeld.nl')).toEqual(['domain:a']);
    expect(ids(`KvK ${10_000_000 + 499 * 7919}, www.firma0.nl, NL${100_000_000 + 42 * 104_729}B01`)).toEqual([
      'kvk:x499',
      'domain:x0',
      'vat:x42',
    ]);
    expect(ids('KvK 55555556, firma500.nl')).toEqual([]);
  });

  it('holds the trie numbered breadth first, names that share words on one path', () => {
    const { words, edgeStart, edges, ownerStart, ownerSupplier, ownerForms } = buildTables(
      compileMatcher([
        { id: 'a', names: ['Alfa Beta B.V.'] },
        { id: 'b', names: ['Alfa Gamma'] },
      ]),
    );
    const word = (edge: number) => words[edges[edge] >> 1];
    // Node 0, the root of names, has one edge; it leads to node 2, the first after the two roots.
    expect(edgeStart[1] - edgeStart[0]).toBe(1);
    expect(word(0)).toBe('alfa');
    expect(edgeStart[3] - edgeStart[2]).toBe(2);
    const after = [edgeStart[2], edgeStart[2] + 1];
    expect(after.map(word).sort()).toEqual(['beta', 'gamma']);
    // Each name ends where its last word leads, with its supplier and the legal forms registered with it.
    const owners = (node: number) => [...ownerSupplier.slice(ownerStart[node], ownerStart[node + 1])];
    expect(after.map((edge) => owners(edge + 2))).toEqual(after.map((edge) => (word(edge) === 'beta' ? [0] : [1])));
    const beta = after.find((edge) => word(edge) === 'beta')! + 2;
    expect(ownerForms[ownerStart[beta]]).not.toBe(0);
    expect(owners(2)).toEqual([]);
  });

  it('leaves out names that are only a legal form', () => {
    expect(createMatcher(WATCHLIST).scan('Holding B.V.')).toEqual([]);
  });

  it('refuses a compiled form of another format', () => {
    expect(() => loadMatcher({ ...compiled, format: COMPILED_FORMAT + 1 } as unknown as CompiledMatcher)).toThrow(
      /format/,
    );
  });

  it('matches nothing with an empty watchlist', () => {
    expect(createMatcher([]).scan(TEXTS.join(' '))).toEqual([]);
  });
});

describe('scan on any text', () => {
  const matcher = createMatcher(WATCHLIST);
  const pieces = fc.oneof(
    fc.constantFrom(
      'Kuipers',
      'Zonnepanelen',
      'B.V.',
      '&',
      'en',
      'Zn.',
      'Woonkracht',
      'Coöperatie',
      'U.A.',
      'kuipers.nl',
    ),
    fc.constantFrom('12345678', '1234', '5678', 'NL', '123456789', 'B01', '@', '-', '.', ' ', '\n', '😀', '\u0308'),
    fc.string({ maxLength: 6, unit: 'binary' }),
  );
  const texts = fc
    .tuple(fc.array(pieces, { maxLength: 30 }), fc.constantFrom('', ' '))
    .map(([parts, glue]) => parts.join(glue));

  it('returns sorted, non-overlapping matches inside the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const matches = matcher.scan(text);
        matches.forEach((m, i) => {
          expect(0 <= m.start && m.start < m.end && m.end <= text.length).toBe(true);
          const next = matches[i + 1];
          if (next && !(next.start === m.start && next.end === m.end)) expect(next.start).toBeGreaterThanOrEqual(m.end);
          if (next) expect(next.start).toBeGreaterThanOrEqual(m.start);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a registered name between any two texts it is separated from by spaces', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20, unit: 'binary' }),
        fc.string({ maxLength: 20, unit: 'binary' }),
        (before, after) => {
          const text = `${before} Kuipers Zonnepanelen ${after}`;
          const start = before.length + 1;
          const end = start + 'Kuipers Zonnepanelen'.length;
          const hit = matcher.scan(text).find((m) => m.kind === 'name' && m.start <= start && m.end >= end);
          expect(hit?.id).toBe('s1');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
