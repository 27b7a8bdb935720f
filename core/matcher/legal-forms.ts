/**
 * Dutch legal forms as people write them around a firm's name. The matcher treats these words as optional on
 * both sides: `Kuipers Zonnepanelen B.V.` and `Kuipers Zonnepanelen` name the same supplier.
 *
 * Source: ISO 20275 Entity Legal Forms (ELF) code list, version 1.6 (GLEIF, 2026-02-19), every active entry for
 * country NL, with its local name and the abbreviations the list gives. Added by hand, as `common`: spellings
 * people use that the list leaves out (`Besloten Vennootschap`, `Stg.` for stichting, `i.o.` for in oprichting), the
 * liability suffix (U.A., W.A., B.A.) that book 2 of the Burgerlijk Wetboek requires at the end of a coöperatie's
 * name, three qualifiers that are no legal form but say as little about which firm is meant: `Holding`, `Firma`
 * (`Fa.`) and `& Zn.`, and the forms of suppliers from abroad (`GmbH`, `Ltd`, `BVBA`, `Sp. z o.o.`).
 *
 * Spellings are compared after folding (case, diacritics, punctuation), so `B.V.`, `b.v.` and `B V` are one
 * spelling; both are listed anyway where the ELF list does, to keep this file a faithful copy of it.
 */

/** Where a form may stand in running text: before the name (`Stichting Humanitas`) and/or after it. */
export const BEFORE = 1;
export const AFTER = 2;

export interface LegalForm {
  /** ELF code; undefined for the additions that are no legal form in the list. */
  elf?: string;
  /** Local name and abbreviations exactly as the ELF list gives them. */
  spellings: readonly string[];
  /** Spellings in common use that the ELF list leaves out. */
  common?: readonly string[];
  placement: number;
}

export const LEGAL_FORMS: readonly LegalForm[] = [
  {
    elf: '54M6',
    spellings: ['besloten vennootschap met beperkte aansprakelijkheid', 'BV', 'bv', 'B.V.', 'b.v.'],
    common: ['Besloten Vennootschap'],
    placement: AFTER,
  },
  { elf: 'B5PM', spellings: ['naamloze vennootschap', 'NV', 'nv', 'N.V.', 'n.v.'], placement: AFTER },
  { elf: '62Y3', spellings: ['vennootschap onder firma', 'VOF', 'vof', 'V.O.F.', 'v.o.f.'], placement: AFTER },
  { elf: 'CODH', spellings: ['commanditaire vennootschap', 'CV', 'cv', 'C.V.', 'c.v.'], placement: AFTER },
  { elf: 'V44D', spellings: ['stichting'], common: ['Stg.'], placement: BEFORE },
  { elf: 'NFFH', spellings: ['coöperatie', 'coöp'], common: ['Coöperatieve Vereniging'], placement: BEFORE | AFTER },
  { elf: '33MN', spellings: ['vereniging met volledige rechtsbevoegdheid'], common: ['Vereniging'], placement: BEFORE },
  { elf: '8VFX', spellings: ['vereniging met beperkte rechtsbevoegdheid'], placement: BEFORE },
  { elf: 'GNXT', spellings: ['vereniging van eigenaars', 'VvE', 'VVE', 'V.v.E.', 'V.V.E.'], placement: BEFORE },
  {
    elf: 'DEO1',
    spellings: ['onderlinge waarborgmaatschappij', 'OWM', 'owm', 'O.W.M.', 'o.w.m.'],
    placement: BEFORE | AFTER,
  },
  { elf: '9AAK', spellings: ['maatschap'], placement: BEFORE },
  { elf: 'L7HX', spellings: ['kerkgenootschap'], placement: BEFORE },
  { elf: 'UNJ2', spellings: ['rederij'], placement: BEFORE },
  {
    elf: 'BBEB',
    spellings: ['Europese naamloze vennootschap (Societas Europaea)', 'SE', 'S.E.'],
    common: ['Europese naamloze vennootschap', 'Societas Europaea'],
    placement: AFTER,
  },
  { elf: 'Y3ZB', spellings: ['Societas Cooperativa Europaea', 'SCE', 'S.C.E.'], placement: AFTER },
  { elf: '5WU6', spellings: ['Europees Economisch Samenwerkingsverband', 'EESV', 'E.E.S.V.'], placement: AFTER },
  {
    elf: 'EZQW',
    spellings: ['rechtspersoon in oprichting', 'rp io', 'RP io', 'R.P. io'],
    common: ['i.o.', 'in oprichting'],
    placement: AFTER,
  },
  // Never written into a firm's name, but part of the list.
  { elf: '4QXM', spellings: ['eenmanszaak'], placement: AFTER },
  { elf: 'A0W7', spellings: ['publiekrechtelijke rechtspersoon'], placement: AFTER },
  { elf: 'JHK5', spellings: ['fonds voor gemene rekening'], placement: AFTER },
  { elf: 'M1IZ', spellings: ['Overige Privaatrechtelijke Rechtspersoon'], placement: AFTER },
  {
    spellings: [],
    common: ['U.A.', 'UA', 'uitsluiting van aansprakelijkheid', 'uitgesloten aansprakelijkheid'],
    placement: AFTER,
  },
  { spellings: [], common: ['W.A.', 'WA', 'wettelijke aansprakelijkheid'], placement: AFTER },
  { spellings: [], common: ['B.A.', 'BA', 'beperkte aansprakelijkheid'], placement: AFTER },
  { spellings: [], common: ['Holding'], placement: AFTER },
  { spellings: [], common: ['Firma', 'Fa.'], placement: BEFORE },
  { spellings: [], common: ['& Zn.', '& Zonen', '& Zoon', 'en Zn.', 'en Zonen', 'en Zoon'], placement: AFTER },
  // Suppliers from abroad, as their names carry their forms: German, British, American, Belgian, French, Nordic
  // and Polish. One form for all; none that a firm's name could be (`SAS`, `Spa`).
  {
    spellings: [],
    common: [
      'GmbH',
      'AG',
      'KG',
      'Ltd',
      'Limited',
      'PLC',
      'Inc',
      'LLC',
      'BVBA',
      'SRL',
      'SARL',
      'S.A.',
      'SA',
      'A/S',
      'AB',
      'Oy',
      'Sp. z o.o.',
    ],
    placement: AFTER,
  },
];

/**
 * Words that do not tell one firm from another on their own: Dutch surname particles (`van den Heuvel` is one
 * surname) and the `&`/`en` that joins names. A name with one word outside this list and the legal forms may be
 * ambiguous (`De Zon`, `Van Wijnen`; see name-rules.ts).
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  't',
  'te',
  'ten',
  'ter',
  'in',
  'op',
  'aan',
  'bij',
  'uit',
  'onder',
  'voor',
  'over',
  'd',
  'l',
  'la',
  'le',
  'les',
  'du',
  'des',
  'di',
  'da',
  'del',
  'dos',
  'el',
  'von',
  'vom',
  'zu',
  'zum',
  'en',
]);
