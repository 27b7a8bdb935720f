/**
 * Folding: the one definition of when two pieces of text spell the same word. Case, diacritics and the letters
 * people write plainly (ı, ø, ß, Ĳ, æ) fold away; words are runs of letters and digits, and `&` is a word of its
 * own that reads `en`. The matcher folds text through the same table, one UTF-16 code unit at a time, so what
 * `words()` returns for a name is exactly what the matcher sees in a text.
 */
import { EXPANDED, IGNORED, SEPARATOR, decodeFoldRuns } from './fold-rules.ts';
import { FOLD_EXPANSIONS, FOLD_RUNS } from './fold-table.ts';

export { EXPANDED, IGNORED, SEPARATOR };
/** The letters each `EXPANDED + k` folds to (ß -> ss). */
export const EXPANSIONS = FOLD_EXPANSIONS;
export const AMPERSAND = 0x26;
export const AND_WORD = 'en';

/** Unit -> what it folds to; precomputed (see fold-rules.ts), since deriving it costs every frame ~40 ms. */
export const FOLD: Uint16Array = decodeFoldRuns(FOLD_RUNS);

/** The folded words of a text, in order: `Kwast & Co.` -> `['kwast', 'en', 'co']`. */
export function words(text: string): string[] {
  return tokenize(text).words;
}

/**
 * Hyphens, dots, `@` and `_` directly between two letters or digits join them: `Midden-Delfland` (one place),
 * `Jansen-Visser` (another firm than Jansen), `kuipers.nl`.
 */
export function isJoiner(unit: number): boolean {
  return isHyphen(unit) || unit === 0x2e || unit === 0x40 || unit === 0x5f;
}

/** A hyphen, or a dash written in its place. */
export function isHyphen(unit: number): boolean {
  return unit === 0x2d || (unit >= 0x2010 && unit <= 0x2013);
}

/** Words, and for each whether a joiner ties it to the word before it. */
export function tokenize(text: string): { words: string[]; joined: boolean[] } {
  const result = { words: [] as string[], joined: [] as boolean[] };
  let word = '';
  let joined = false;
  const end = (i: number) => {
    if (word) {
      result.words.push(word);
      result.joined.push(joined);
    }
    word = '';
    joined = i > 0 && isJoiner(text.charCodeAt(i)) && FOLD[text.charCodeAt(i - 1)] !== SEPARATOR;
  };
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const folded = FOLD[unit];
    if (folded === SEPARATOR) {
      end(i);
      if (unit === AMPERSAND) {
        result.words.push(AND_WORD);
        result.joined.push(false);
      }
    } else if (folded < EXPANDED) word += String.fromCharCode(folded);
    else if (folded !== IGNORED) word += EXPANSIONS[folded - EXPANDED];
  }
  end(text.length);
  return result;
}

/** A text as its folded words joined by single spaces: the form in which two names can be compared. */
export function foldText(text: string): string {
  return words(text).join(' ');
}

/**
 * FNV-1a over folded code units, with a final mix so the low bits can index a table. The matcher computes the
 * same hash inline while it reads a text.
 */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;

export function finishHash(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return mixed ^ (mixed >>> 16);
}

export function hashWord(word: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), HASH_PRIME);
  return finishHash(hash);
}

/** A second hash, with a seed and multiplier of its own, so that a domain's key holds two independent ones. */
export const CHECK_SEED = 0x9747b28c | 0;
export const CHECK_PRIME = 0x5bd1e995;

/**
 * A domain's key: 32 bits of one hash and 20 of the other, as an exact number. A tab tells domains apart by key
 * alone, without their text: two of 10,000 domains share one with a chance of about one in 10^8, and a page's host
 * names hit one by chance about once in 10^7 pages.
 */
export function domainKey(hash: number, check: number): number {
  return (finishHash(hash) >>> 0) * 0x100000 + (finishHash(check) & 0xfffff);
}

/** The key of a host name read from its last character to its first, as the matcher reads host names. */
export function domainKeyOf(host: string): number {
  let hash = HASH_SEED;
  let check = CHECK_SEED;
  for (let i = host.length - 1; i >= 0; i--) {
    hash = Math.imul(hash ^ host.charCodeAt(i), HASH_PRIME);
    check = Math.imul(check ^ host.charCodeAt(i), CHECK_PRIME);
  }
  return domainKey(hash, check);
}
