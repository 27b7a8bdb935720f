import { describe, expect, it } from 'vitest';
import { LEGAL_FORMS } from '../../core/matcher/legal-forms.ts';
import { splitName } from '../../core/matcher/names.ts';
import { EXPANDED, EXPANSIONS, FOLD, IGNORED, foldText, words } from '../../core/matcher/normalize.ts';
import { decodeFoldRuns, deriveFoldTable, encodeFoldRuns } from '../../core/matcher/fold-rules.ts';

describe('foldText', () => {
  it.each([
    ['case', 'KUIPERS Zonnepanelen', 'kuipers zonnepanelen'],
    ['diaeresis', 'Coöperatie', 'cooperatie'],
    ['Turkish dotless i', 'Yılmaz', 'yilmaz'],
    ['Turkish dotted capital I', 'İstanbul', 'istanbul'],
    ['g with breve, c with cedilla', 'Doğan Çelik', 'dogan celik'],
    ['Scandinavian o with stroke', 'Sørensen', 'sorensen'],
    ['sharp s', 'Großmann', 'grossmann'],
    ['capital sharp s', 'GROẞMANN', 'grossmann'],
    ['IJ ligature', 'Ĳsselmonde ĳzer', 'ijsselmonde ijzer'],
    ['ae and oe ligatures', 'Ærø Œuvre', 'aero oeuvre'],
    ['Polish l with stroke', 'Łódź', 'lodz'],
    ['decomposed (NFD) text', 'Bo\u0308gemann', 'bogemann'],
    ['typographic ligature', 'ﬁets', 'fiets'],
    ['full-width letters', 'ＫｖＫ', 'kvk'],
    ['soft hyphen inside a word', 'Zonne\u00adpanelen', 'zonnepanelen'],
    ['zero-width space inside a word', 'Zonne\u200bpanelen', 'zonnepanelen'],
    ['a CJK compatibility ideograph', '\uf900', '\u8c48'],
  ])('folds %s', (_, text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('folds no code unit into the values that mark expansions and ignored units', () => {
    const stray = [...FOLD.keys()].filter((unit) => {
      const folded = FOLD[unit];
      return folded >= EXPANDED && folded !== IGNORED && folded - EXPANDED >= EXPANSIONS.length;
    });
    expect(stray).toEqual([]);
  });
});

describe('words', () => {
  it.each([
    ['whitespace runs and line breaks', 'Kwast\n\n  \t& Co', ['kwast', 'en', 'co']],
    ['punctuation', 'Kwast & Co., Rijnmond; (V.O.F.)', ['kwast', 'en', 'co', 'rijnmond', 'v', 'o', 'f']],
    ['an ampersand without spaces', 'Fris&Fit', ['fris', 'en', 'fit']],
    ['an apostrophe', "van 't Hof", ['van', 't', 'hof']],
    ['a hyphen', 'Midden-Delfland', ['midden', 'delfland']],
    ['digits', 'Bouw 2000', ['bouw', '2000']],
    ['emoji (surrogate pairs)', 'Bouw😀Groep', ['bouw', 'groep']],
  ])('splits on %s', (_, text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('splitName', () => {
  const formsOf = (name: string) => splitName(name).forms;

  it.each([
    ['Kuipers Zonnepanelen B.V.', ['kuipers', 'zonnepanelen']],
    ['Kwast & Co Delfland Holding B.V.', ['kwast', 'en', 'co', 'delfland']],
    ['van de Ven Liftservice & Zn. B.V.', ['van', 'de', 'ven', 'liftservice']],
    ['Schoonmaakbedrijf Maasland en Zonen', ['schoonmaakbedrijf', 'maasland']],
    ['Ventilatietechniek Hoogvliet Besloten Vennootschap', ['ventilatietechniek', 'hoogvliet']],
    ['Coöperatie Woonkracht U.A.', ['woonkracht']],
    ['Stichting Humanitas', ['humanitas']],
    ['Vloerenhuis Midden-Delfland', ['vloerenhuis', 'midden', 'delfland']],
  ])('strips the legal forms at both ends of %s', (name, core) => {
    expect(splitName(name).core).toEqual(core);
  });

  it.each([
    [
      'B.V.',
      ['BV', 'bv', 'b.v.', 'B V', 'Besloten Vennootschap', 'besloten vennootschap met beperkte aansprakelijkheid'],
    ],
    ['N.V.', ['NV', 'n.v.', 'Naamloze Vennootschap']],
    ['V.O.F.', ['VOF', 'vof', 'v.o.f.', 'Vennootschap onder firma']],
    ['C.V.', ['CV', 'c.v.', 'Commanditaire Vennootschap']],
    ['& Zn.', ['en Zonen', '& Zonen', 'en Zn', '& Zoon']],
    ['U.A.', ['UA', 'u.a.']],
  ])('reads every written variant of %s as the same legal form', (canonical, variants) => {
    for (const variant of variants)
      expect(formsOf(`Kuipers Zonnepanelen ${variant}`)).toBe(formsOf(`Kuipers Zonnepanelen ${canonical}`));
  });

  it('records which words the name ties together with a hyphen', () => {
    expect(splitName('Vloerenhuis Midden-Delfland B.V.').joined).toEqual([false, false, true]);
    expect(splitName('Kwast & Co. Rijnmond').joined).toEqual([false, false, false, false]);
  });

  it('tells different legal forms apart', () => {
    expect(formsOf('Prins Bouw B.V.')).not.toBe(formsOf('Prins Bouw N.V.'));
    expect(formsOf('Prins Bouw Holding B.V.')).not.toBe(formsOf('Prins Bouw B.V.'));
  });

  it.each([
    ['Kuipers Zonnepanelen B.V.', 2],
    ['van den Heuvel Bouw', 2],
    ['van den Heuvel', 1],
    ['Stichting Humanitas', 1],
    ['Heijmans N.V.', 1],
    ['Holding B.V.', 0],
    ['B.V.', 0],
  ])('counts the distinctive words of %s (surname particles and legal forms do not count)', (name, count) => {
    expect(splitName(name).distinctive).toBe(count);
  });
});

describe('LEGAL_FORMS', () => {
  it('encodes every active ISO 20275 (ELF) legal form of the Netherlands', () => {
    const active = [
      '33MN',
      '4QXM',
      '54M6',
      '5WU6',
      '62Y3',
      '8VFX',
      '9AAK',
      'A0W7',
      'B5PM',
      'BBEB',
      'CODH',
      'DEO1',
      'EZQW',
      'GNXT',
      'JHK5',
      'L7HX',
      'M1IZ',
      'NFFH',
      'UNJ2',
      'V44D',
      'Y3ZB',
    ];
    expect(LEGAL_FORMS.flatMap((form) => form.elf ?? []).sort()).toEqual(active);
  });

  it('fits a set of legal forms in the 31 bits of a mask', () => {
    expect(LEGAL_FORMS.length).toBeLessThanOrEqual(31);
  });
});

describe('the precomputed fold table', () => {
  it('is exactly what the rules in fold-rules.ts derive (else run `npm run fold-table`)', () => {
    const derived = deriveFoldTable();
    const differing: string[] = [];
    for (let unit = 0; unit < 0x10000 && differing.length < 10; unit++) {
      if (FOLD[unit] !== derived.table[unit])
        differing.push(`U+${unit.toString(16).padStart(4, '0')}: ${FOLD[unit]} != ${derived.table[unit]}`);
    }
    expect(differing).toEqual([]);
    expect(EXPANSIONS).toEqual(derived.expansions);
  });

  it('round-trips through its run encoding', () => {
    const table = new Uint16Array(0x10000).map((_, unit) => (unit % 7 === 0 ? unit : unit >> 3));
    expect(decodeFoldRuns(encodeFoldRuns(table))).toEqual(table);
  });
});
