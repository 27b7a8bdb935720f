/**
 * Compounds written apart (compounds.ts): a firm's name ending in a trade word is found as people write it,
 * apart, with a hyphen, or together where it was registered apart, and each of two words joined to one trade word
 * (`Bouw- en Aannemingsbedrijf`) on its own; nothing else becomes a name by it.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';
import { foundBy } from '../support/matched.ts';

const WATCHLIST: WatchEntry[] = [
  { id: 'noord', names: ['Installatietechniek Noord B.V.'] },
  { id: 'brouwer', names: ['Van Dijk Isolatiebedrijf'] },
  // `Isolatie` is a word of a name here, so that a scan reads it before it meets the trade word after it.
  { id: 'windkracht', names: ['Windkracht Isolatie B.V.'] },
  { id: 'schilders', names: ['Van Leeuwen Schildersbedrijf'] },
  { id: 'breman', names: ['Breman Installatiegroep B.V.'] },
  { id: 'van-dijk', names: ['Van Dijk Installatie Techniek B.V.'] },
  { id: 'bos', names: ['Bos Bouw'] },
  { id: 'jansen', names: ['Bouw- en Aannemingsbedrijf Jansen B.V.'] },
  { id: 'smit', names: ['Schilders en Bouwbedrijf'] },
];
const matcher = createMatcher(WATCHLIST);
const found = foundBy(matcher);

describe('a compound name written apart', () => {
  it.each([
    ['Installatie Techniek Noord', 'noord[Installatie Techniek Noord]'],
    ['installatie-techniek noord B.V.', 'noord[installatie-techniek noord B.V.]'],
    ['Installatie  Techniek Noord', 'noord[Installatie  Techniek Noord]'],
    ['Installatie-\ntechniek Noord', 'noord[Installatie-\ntechniek Noord]'],
    ['Installatie\r\nTechniek Noord', 'noord[Installatie\r\nTechniek Noord]'],
    ['Van Dijk Isolatie Bedrijf', 'brouwer[Van Dijk Isolatie Bedrijf]'],
    ['Van Dijk Isolatie-bedrijf', 'brouwer[Van Dijk Isolatie-bedrijf]'],
    ['van leeuwen schilders bedrijf', 'schilders[van leeuwen schilders bedrijf]'],
    ['Breman Installatie Groep', 'breman[Breman Installatie Groep]'],
  ])('%s', (text, expected) => {
    expect(found(`Offerte van ${text} ontvangen`)).toEqual([expected]);
  });

  it('still reads the words on their own', () => {
    expect(found('Windkracht Isolatie B.V.')).toEqual(['windkracht[Windkracht Isolatie B.V.]']);
  });
});

describe('a name registered apart, written together', () => {
  it.each([
    ['Van Dijk Installatietechniek', 'van-dijk[Van Dijk Installatietechniek]'],
    ['Van Dijk Installatie Techniek', 'van-dijk[Van Dijk Installatie Techniek]'],
    ['Van Dijk Installatie-Techniek', 'van-dijk[Van Dijk Installatie-Techniek]'],
  ])('%s', (text, expected) => {
    expect(found(`Offerte van ${text} ontvangen`)).toEqual([expected]);
  });

  it('only while two distinctive words remain: `Bos Bouw` is no `bosbouw`', () => {
    expect(found('De bosbouw in Drenthe, en Bos Bouw')).toEqual(['bos[Bos Bouw]']);
  });
});

describe('two words joined to one trade word', () => {
  it.each([
    ['Bouwbedrijf Jansen', 'jansen[Bouwbedrijf Jansen]'],
    ['Aannemingsbedrijf Jansen B.V.', 'jansen[Aannemingsbedrijf Jansen B.V.]'],
    ['Bouw Bedrijf Jansen', 'jansen[Bouw Bedrijf Jansen]'],
    ['Bouw- & Aannemingsbedrijf Jansen', 'jansen[Bouw- & Aannemingsbedrijf Jansen]'],
  ])('each on its own: %s', (text, expected) => {
    expect(found(`Offerte van ${text} ontvangen`)).toEqual([expected]);
  });

  it('only while two distinctive words remain', () => {
    expect(found('Het schildersbedrijf en het bouwbedrijf')).toEqual([]);
  });
});

describe('nothing else becomes a name', () => {
  it.each([
    ['half a compound', 'Het isolatie bedrijf belde'],
    ['a trade word inside a longer word', 'Installatie Technieklokaal Noord'],
    ['another word between', 'Installatie en Techniek Noord'],
  ])('%s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
