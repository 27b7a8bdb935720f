/**
 * The rules of folding: which code units belong to words and what each one folds to. Deriving the table from
 * them asks Unicode about every code unit of the BMP (~40 ms), far too slow for every frame a tab opens, so
 * `npm run fold-table` derives it once and writes it, run-length encoded, to fold-table.ts; normalize.ts
 * decodes that in well under a millisecond, and a unit test checks that the two still agree.
 */

/** `FOLD[unit]` is 0 for a unit that ends a word. */
export const SEPARATOR = 0;
/** Belongs to a word but adds nothing: combining marks (text in NFD), soft hyphens, zero-width characters. */
export const IGNORED = 0xdfff;
/** `EXPANDED + k` stands for the letters `EXPANSIONS[k]` (ß -> ss). Surrogates never fold, so the range is free. */
export const EXPANDED = 0xd800;

const PLAIN: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  Ø: 'o',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ŉ: 'n',
  ĸ: 'k',
  ſ: 's',
};
/**
 * Blocks whose letters decompose into plainer ones: Latin, Greek and Cyrillic with diacritics, and everything
 * from the CJK compatibility ideographs up (ligatures, presentation forms, full and half width), which must
 * fold below the surrogates anyway.
 */
const DECOMPOSING: readonly [number, number][] = [
  [0xc0, 0x24f],
  [0x370, 0x52f],
  [0x1e00, 0x1fff],
  [0x2c60, 0x2c7f],
  [0xa720, 0xa7ff],
  [0xf900, 0xffef],
];
const INVISIBLE = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

export interface FoldTable {
  table: Uint16Array;
  /** The letters each `EXPANDED + k` stands for. */
  expansions: string[];
}

export function deriveFoldTable(): FoldTable {
  const table = new Uint16Array(0x10000);
  const expansions: string[] = [];
  const wordish = /[\p{L}\p{N}\p{M}]/u;
  const mark = /\p{M}/u;
  const notWord = /[^\p{L}\p{N}]/gu;
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    const char = String.fromCharCode(unit);
    if (INVISIBLE.has(unit)) table[unit] = IGNORED;
    else if (!wordish.test(char)) continue;
    else if (mark.test(char)) table[unit] = IGNORED;
    else table[unit] = encode(foldChar(char, unit));
  }
  return { table, expansions };

  function foldChar(char: string, unit: number): string {
    if (PLAIN[char]) return PLAIN[char];
    const decomposes = DECOMPOSING.some(([from, to]) => unit >= from && unit <= to);
    return (decomposes ? char.normalize('NFKD') : char).toLowerCase().replace(notWord, '');
  }

  function encode(folded: string): number {
    if (folded.length === 0) return IGNORED;
    // A unit from the surrogates up would read as EXPANDED or IGNORED. The few letters there that do not
    // decompose (some CJK compatibility ideographs) end a word instead; no supplier name needs them.
    if (folded.length === 1) return folded.charCodeAt(0) < EXPANDED ? folded.charCodeAt(0) : SEPARATOR;
    let index = expansions.indexOf(folded);
    if (index < 0) index = expansions.push(folded) - 1;
    return EXPANDED + index;
  }
}

/**
 * The table as runs, each a pair: `length, value` for units that all fold to `value`, `-length, offset` for
 * units that each fold to themselves plus `offset` (a block of lowercase letters, an upper-case alphabet).
 */
export function encodeFoldRuns(table: Uint16Array): number[] {
  const runs: number[] = [];
  for (let unit = 0; unit < table.length;) {
    let same = 1;
    while (unit + same < table.length && table[unit + same] === table[unit]) same++;
    let shifted = 1;
    while (unit + shifted < table.length && table[unit + shifted] - (unit + shifted) === table[unit] - unit) shifted++;
    if (same >= shifted) runs.push(same, table[unit]);
    else runs.push(-shifted, table[unit] - unit);
    unit += Math.max(same, shifted);
  }
  return runs;
}

export function decodeFoldRuns(runs: readonly number[]): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let i = 0, unit = 0; i < runs.length; i += 2) {
    const length = runs[i];
    const value = runs[i + 1];
    if (length > 0) {
      table.fill(value, unit, unit + length);
      unit += length;
    } else {
      for (const end = unit - length; unit < end; unit++) table[unit] = unit + value;
    }
  }
  return table;
}
