import { describe, expect, it } from 'vitest';
import { PARAGRAPH_SEPARATOR, createMatcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';
import { foundBy } from '../support/matched.ts';

const WATCHLIST: WatchEntry[] = [
  {
    id: 'kuipers',
    names: ['Kuipers Zonnepanelen B.V.', 'Kuipers Zonnepanelen', 'Kuipers Groep'],
    domains: ['kuiperszonnepanelen.nl'],
    kvk: ['12345678'],
    vat: ['NL123456789B01'],
  },
  { id: 'jansen-vlaardingen', names: ['Bouwbedrijf Jansen Vlaardingen B.V.'] },
  { id: 'jansen', names: ['Bouwbedrijf Jansen'] },
  { id: 'midden-delfland', names: ['Vloerenhuis Midden-Delfland'] },
  { id: 'kwast', names: ['Kwast & Co Rijnmond V.O.F.'] },
  { id: 'verbeek', names: ['Installatiebedrijf Verbeek en Zonen'] },
  { id: 'van-dam', names: ['Stukadoorsbedrijf van Dam & Zn. B.V.'] },
  { id: 'yilmaz', names: ['Metselbedrijf Yılmaz'] },
  { id: 'sorensen', names: ['Liftservice Sørensen BV'] },
  { id: 'bogemann', names: ['Schildersbedrijf Bögemann N.V.'] },
  { id: 'ijsselmonde', names: ['Polderkracht IJsselmonde N.V.'] },
  { id: 'grossmann', names: ['Großmann Dakwerken'] },
  { id: 'woonkracht', names: ['Coöperatie Woonkracht U.A.'] },
  { id: 'humanitas', names: ['Stichting Humanitas'] },
  { id: 'heijmans', names: ['Heijmans N.V.'] },
  { id: 'only-a-form', names: ['Holding B.V.'] },
  { id: 'prins-holding', names: ['Prins Bouw Holding B.V.'] },
  { id: 'prins', names: ['Prins Bouw B.V.'] },
];
const matcher = createMatcher(WATCHLIST);

const found = foundBy(matcher, { kinds: true });

describe('names', () => {
  it.each([
    [
      'the registered name',
      'Offerte van Kuipers Zonnepanelen B.V. ontvangen',
      'kuipers:name[Kuipers Zonnepanelen B.V.]',
    ],
    ['no legal form', 'offerte van kuipers zonnepanelen', 'kuipers:name[kuipers zonnepanelen]'],
    ['upper case', 'KUIPERS ZONNEPANELEN BV', 'kuipers:name[KUIPERS ZONNEPANELEN BV]'],
    [
      'another spelling of the legal form',
      'Kuipers Zonnepanelen Besloten Vennootschap',
      'kuipers:name[Kuipers Zonnepanelen Besloten Vennootschap]',
    ],
    ['the legal form spelled b.v.', 'Kuipers Zonnepanelen b.v., Delft', 'kuipers:name[Kuipers Zonnepanelen b.v.]'],
    ['a legal form the registry does not have', 'Bouwbedrijf Jansen B.V.', 'jansen:name[Bouwbedrijf Jansen B.V.]'],
    ['runs of whitespace', 'Kuipers   Zonnepanelen', 'kuipers:name[Kuipers   Zonnepanelen]'],
    ['a line break', 'Kuipers\r\nZonnepanelen', 'kuipers:name[Kuipers\r\nZonnepanelen]'],
    ['punctuation between words', 'Kuipers, Zonnepanelen', 'kuipers:name[Kuipers, Zonnepanelen]'],
    ['& written as en', 'Kwast en Co Rijnmond', 'kwast:name[Kwast en Co Rijnmond]'],
    ['en written as &', 'Installatiebedrijf Verbeek & Zonen', 'verbeek:name[Installatiebedrijf Verbeek & Zonen]'],
    ['& without spaces, Co. with a dot', 'KWAST&CO. RIJNMOND VOF', 'kwast:name[KWAST&CO. RIJNMOND VOF]'],
    ['en Zonen as & Zn.', 'Installatiebedrijf Verbeek & Zn.', 'verbeek:name[Installatiebedrijf Verbeek & Zn.]'],
    ['& Zn. left out', 'Stukadoorsbedrijf van Dam B.V.', 'van-dam:name[Stukadoorsbedrijf van Dam B.V.]'],
    ['& Zn. as en Zonen', 'Stukadoorsbedrijf van Dam en Zonen', 'van-dam:name[Stukadoorsbedrijf van Dam en Zonen]'],
    ['Yılmaz as Yilmaz', 'Metselbedrijf Yilmaz', 'yilmaz:name[Metselbedrijf Yilmaz]'],
    ['Yılmaz upper case', 'METSELBEDRIJF YILMAZ', 'yilmaz:name[METSELBEDRIJF YILMAZ]'],
    ['Sørensen as Sorensen', 'Liftservice Sorensen', 'sorensen:name[Liftservice Sorensen]'],
    ['Bögemann as Bogemann', 'Schildersbedrijf Bogemann', 'bogemann:name[Schildersbedrijf Bogemann]'],
    ['decomposed diacritics', 'Schildersbedrijf Bo\u0308gemann', 'bogemann:name[Schildersbedrijf Bo\u0308gemann]'],
    ['IJ as the ligature Ĳ', 'Polderkracht Ĳsselmonde', 'ijsselmonde:name[Polderkracht Ĳsselmonde]'],
    ['ß as ss', 'Grossmann Dakwerken', 'grossmann:name[Grossmann Dakwerken]'],
    ['Coöperatie as Cooperatie', 'Cooperatie Woonkracht UA', 'woonkracht:name[Cooperatie Woonkracht UA]'],
    [
      'the hyphen of the registered name',
      'Vloerenhuis Midden-Delfland',
      'midden-delfland:name[Vloerenhuis Midden-Delfland]',
    ],
    ['that hyphen as a space', 'Vloerenhuis Midden Delfland', 'midden-delfland:name[Vloerenhuis Midden Delfland]'],
    ['an alias', 'Kuipers Groep', 'kuipers:name[Kuipers Groep]'],
    ['a one-word name with its legal form before it', 'Stichting Humanitas', 'humanitas:name[Stichting Humanitas]'],
    ['a one-word name with its legal form after it', 'Heijmans NV', 'heijmans:name[Heijmans NV]'],
    ['a one-word name with another legal form', 'Heijmans B.V.', 'heijmans:name[Heijmans B.V.]'],
    ['a one-word name no word list holds, on its own', 'Ook Woonkracht deed mee', 'woonkracht:name[Woonkracht]'],
    ['the first part of a compound noun', 'de Woonkracht-huurders', 'woonkracht:name[Woonkracht]'],
    ['a compound noun with an en dash', 'de Woonkracht\u2013huurders', 'woonkracht:name[Woonkracht]'],
  ])('match with %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['inside a longer word', 'Kuiperszonnepanelenmaterialen'],
    ['glued together', 'KuipersZonnepanelen'],
    ['with a longer last word', 'Bouwbedrijf Jansenbouw'],
    ['joined by a hyphen to another name', 'Bouwbedrijf Jansen-Visser'],
    ['a compound noun that goes on as a host name', 'woonkracht-huurders.nl'],
    ['a compound noun that goes on as an address', 'woonkracht-huurders@example.nl'],
    ['joined by a hyphen to the name before', 'Noord-Kuipers Zonnepanelen'],
    ['a registered hyphenated name joined once more', 'Vloerenhuis Midden-Delfland-Noord'],
    ['with a hyphen the registered name does not have', 'Bouwbedrijf-Jansen'],
    ['inside a longer registered name joined to another word', 'Bouwbedrijf Jansen Vlaardingen-Noord'],
    ['joined by a dot (a host name)', 'www.kuipers.zonnepanelen.com'],
    ['split by an @', 'kuipers@zonnepanelen.com'],
    ['split by a paragraph separator (two table cells)', `Kuipers${PARAGRAPH_SEPARATOR}Zonnepanelen`],
    ['a lone surname', 'Kuipers'],
    ['a lone trade word', 'Zonnepanelen'],
    ['a lone place', 'Midden-Delfland'],
    ['the surname with a particle', 'de heer van Dam'],
    ['the trade and a surname of another firm', 'Bouwbedrijf Kuipers'],
    ['a one-word name after the legal form of another firm', 'Jansen B.V. Heijmans'],
    ['only legal forms', 'Holding B.V.'],
    ['a lone legal form', 'Stichting'],
  ])('no match %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('domains', () => {
  it.each([
    ['an e-mail address', 'mail info@kuiperszonnepanelen.nl.', 'kuipers:domain[info@kuiperszonnepanelen.nl]'],
    [
      'an e-mail address at a subdomain',
      'offerte@mail.kuiperszonnepanelen.nl',
      'kuipers:domain[offerte@mail.kuiperszonnepanelen.nl]',
    ],
    ['a URL', 'zie https://www.kuiperszonnepanelen.nl/contact', 'kuipers:domain[www.kuiperszonnepanelen.nl]'],
    [
      'a bare host name at the end of a sentence',
      'Zie kuiperszonnepanelen.nl.',
      'kuipers:domain[kuiperszonnepanelen.nl]',
    ],
    ['a host name in capitals', 'KuipersZonnepanelen.NL', 'kuipers:domain[KuipersZonnepanelen.NL]'],
  ])('match %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['with a longer first label', 'notkuiperszonnepanelen.nl'],
    ['as a subdomain of another domain', 'kuiperszonnepanelen.nl.evil.com'],
    ['with a longer last label', 'kuiperszonnepanelen.nlx'],
    ['under another top-level domain', 'kuiperszonnepanelen.com'],
    ['glued to a letter outside ASCII', 'ökuiperszonnepanelen.nl'],
  ])('no match %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('KvK numbers', () => {
  it.each([
    ['8 digits', 'KvK 12345678', 'kuipers:kvk[12345678]'],
    ['written on to its label', 'KvK12345678', 'kuipers:kvk[12345678]'],
    ['4 + 4 digits', 'KvK-nr.: 1234 5678, Delft', 'kuipers:kvk[1234 5678]'],
    ['4 + 4 digits with a dot', 'KvK 1234.5678', 'kuipers:kvk[1234.5678]'],
    ['at the end of a sentence', 'ingeschreven onder 12345678.', 'kuipers:kvk[12345678]'],
    ['in pairs', 'KvK nr. 12 34 56 78', 'kuipers:kvk[12 34 56 78]'],
    ['in pairs with dots', 'KvK 12.34.56.78.', 'kuipers:kvk[12.34.56.78]'],
  ])('match %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['with a digit after', 'KvK 123456789'],
    ['with a digit before', 'telefoon 012345678'],
    ['as the end of a phone number', 'mobiel 06 12345678'],
    ['as part of a grouped number', 'rekening 1234 5678 90'],
    ['with five digits in the second group', 'KvK 1234 56789'],
    ['as an amount with more decimals', 'EUR 1234.5678.90'],
    ['as a date', 'op 12.34.5678'],
    ['as the end of a phone number in pairs', 'bel 06 12 34 56 78'],
    ['in pairs with mixed gaps', 'KvK 12 34.56 78'],
    ['in pairs inside a longer number', 'rekening 12 34 56 78 90'],
    ['inside a code', 'order A12345678'],
    ['written on to its label, with a digit after', 'KvK123456789'],
  ])('no match %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('VAT numbers', () => {
  it.each([
    ['compact', 'btw NL123456789B01', 'kuipers:vat[NL123456789B01]'],
    ['with dots and spaces', 'BTW: NL 1234.56.789.B01', 'kuipers:vat[NL 1234.56.789.B01]'],
    ['with spaces', 'NL 123456789 B 01.', 'kuipers:vat[NL 123456789 B 01]'],
    ['in lower case', 'nl123456789b01', 'kuipers:vat[nl123456789b01]'],
  ])('match %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['with a third digit at the end', 'NL123456789B012'],
    ['with eight digits', 'NL12345678B01'],
    ['inside a longer word', 'XNL123456789B01'],
    ['with another letter than B', 'NL123456789C01'],
  ])('no match %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('offsets', () => {
  it.each([
    [
      'emoji (surrogate pairs) before and between mentions',
      '👷🏽 Offerte 😀 van Kuipers Zonnepanelen B.V. en 🏗️ info@kuiperszonnepanelen.nl',
    ],
    [
      'diacritics, decomposed and composed',
      'Coördinatie: Schildersbedrijf Bo\u0308gemann N.V. en Liftservice Sørensen BV',
    ],
    ['line breaks and tabs', '\tVan:\r\n\r\nKUIPERS\n\tZONNEPANELEN\n'],
  ])('are UTF-16 offsets into the original text with %s', (_, text) => {
    const matches = matcher.scan(text);
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) {
      const sliced = text.slice(m.start, m.end);
      expect(sliced.trim()).toBe(sliced);
      expect(matcher.scan(sliced)).toEqual([{ ...m, start: 0, end: sliced.length }]);
    }
  });

  it('point at the mention itself', () => {
    const text = '😀 Kuipers Zonnepanelen B.V.';
    expect(matcher.scan(text)).toEqual([{ id: 'kuipers', supplier: 0, start: 3, end: text.length, kind: 'name' }]);
  });
});

describe('overlaps and order', () => {
  it('keeps a name inside one paragraph when a longer one would run into the next', () => {
    expect(found(`Bouwbedrijf Jansen${PARAGRAPH_SEPARATOR}Vlaardingen B.V.`)).toEqual([
      'jansen:name[Bouwbedrijf Jansen]',
    ]);
  });

  it('keeps only the longest of overlapping names', () => {
    expect(found('Bouwbedrijf Jansen Vlaardingen B.V.')).toEqual([
      'jansen-vlaardingen:name[Bouwbedrijf Jansen Vlaardingen B.V.]',
    ]);
    expect(found('bouwbedrijf jansen vlaardingen')).toEqual([
      'jansen-vlaardingen:name[bouwbedrijf jansen vlaardingen]',
    ]);
  });

  it('returns mentions in text order', () => {
    expect(found('KvK 12345678 van Bouwbedrijf Jansen, zie kuiperszonnepanelen.nl')).toEqual([
      'kuipers:kvk[12345678]',
      'jansen:name[Bouwbedrijf Jansen]',
      'kuipers:domain[kuiperszonnepanelen.nl]',
    ]);
  });

  it('reports a supplier with two names for one mention once', () => {
    expect(found('Kuipers Zonnepanelen')).toEqual(['kuipers:name[Kuipers Zonnepanelen]']);
  });

  it('chooses between suppliers that share a name by the legal form written', () => {
    expect(found('Prins Bouw B.V.')).toEqual(['prins:name[Prins Bouw B.V.]']);
    expect(found('Prins Bouw Holding B.V.')).toEqual(['prins-holding:name[Prins Bouw Holding B.V.]']);
    expect(found('Prins Bouw Holding')).toEqual(['prins-holding:name[Prins Bouw Holding]']);
  });

  it('leaves out the legal form of a supplier from abroad, as of a Dutch one', () => {
    const abroad = createMatcher([
      { id: 'vaillant', names: ['Vaillant Deutschland GmbH'] },
      { id: 'budimex', names: ['Budimex Sp. z o.o.'] },
      { id: 'kingspan', names: ['Kingspan Insulation Ltd'] },
    ]);
    const text = 'Vaillant Deutschland, Budimex en Kingspan Insulation Limited';
    expect(foundBy(abroad)(text)).toEqual([
      'vaillant[Vaillant Deutschland]',
      'budimex[Budimex]',
      'kingspan[Kingspan Insulation Limited]',
    ]);
  });

  it('reports every supplier that shares a name when nothing tells them apart', () => {
    expect(found('Prins Bouw')).toEqual(['prins-holding:name[Prins Bouw]', 'prins:name[Prins Bouw]']);
  });
});
