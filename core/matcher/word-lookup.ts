/**
 * Finding a word of a text in the word table (tables.ts): by its hash, confirmed letter by letter. Two other ways
 * people write a word, for a word in no name as written:
 * - with `y` for `ij`, the old spelling that Dutch surnames and places keep (`Kuypers`, `Meyer`, `Ysselmonde`): a
 *   name registered with `ij` is found either way, and the compiler adds the `ij` spelling of a name registered
 *   with `y` (name-variants.ts);
 * - with a possessive `'s` that the registered name writes without an apostrophe (`Piet's` for `Piets
 *   Tegelwerken`); the compiler adds the other way round.
 */
import * as normalize from './normalize.ts';
import type { Tables } from './tables.ts';

const { EXPANDED, EXPANSIONS, FOLD, HASH_PRIME, HASH_SEED, IGNORED, SEPARATOR, finishHash, foldText } = normalize;
export const Y = 0x79;
const I = 0x69;
const J = 0x6a;
const S = 0x73;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

export function hashExpansion(hash: number, folded: number): number {
  const letters = EXPANSIONS[folded - EXPANDED];
  for (let i = 0; i < letters.length; i++) hash = Math.imul(hash ^ letters.charCodeAt(i), HASH_PRIME);
  return hash;
}

/**
 * The index of the word `text[start..end]` whose finished hash is `hash`, or -1; `yAsIj` reads each `y` as `ij`,
 * and a `possessive` has an `s` after it. Callers pass every argument: with a default for the last one, the scan
 * of a long text ran 10-20% slower (matcher bench).
 */
export function lookUp(
  t: Tables,
  text: string,
  start: number,
  end: number,
  hash: number,
  yAsIj: boolean,
  possessive: boolean,
): number {
  if (!mayBeWord(t, hash)) return -1;
  const { wordSlots, wordHashes, words } = t;
  const mask = wordSlots.length - 1;
  for (let slot = hash & mask, entry = wordSlots[slot]; entry !== 0; entry = wordSlots[(slot = (slot + 1) & mask)]) {
    if (wordHashes[slot] === hash && sameWord(text, start, end, words[entry - 1], yAsIj, possessive)) return entry - 1;
  }
  return -1;
}

/** Whether the word filter lets the hash through: most words of a text, in no name, stop here. */
const mayBeWord = (t: Tables, hash: number) =>
  (t.wordFilter[(hash >>> 5) & (t.wordFilter.length - 1)] & (1 << (hash & 31))) !== 0;

/** The word `text[start..end]`, which has a `y`, as written with `ij`: `Kuypers` as `kuijpers`. */
export function lookUpWithIj(t: Tables, text: string, start: number, end: number): number {
  return lookUp(t, text, start, end, finishHash(hashOf(text, start, end, true)), true, false);
}

/**
 * The hash of `text[start..end]` as the scan computes it while reading (`yAsIj`: each `y` as `ij`), not finished;
 * going on from `hash`, the hash of the text before it.
 */
function hashOf(text: string, start: number, end: number, yAsIj: boolean, hash = HASH_SEED): number {
  for (let i = start; i < end; i++) {
    const folded = FOLD[text.charCodeAt(i)];
    if (folded === Y && yAsIj) hash = Math.imul(Math.imul(hash ^ I, HASH_PRIME) ^ J, HASH_PRIME);
    else if (folded < EXPANDED) hash = Math.imul(hash ^ folded, HASH_PRIME);
    else if (folded !== IGNORED) hash = hashExpansion(hash, folded);
  }
  return hash;
}

/** `'` or `’`, as a possessive is written. */
export const isApostrophe = (unit: number) => unit === APOSTROPHE || unit === RIGHT_QUOTE;

/** Where the word that ends at `end` starts. */
export function wordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && FOLD[text.charCodeAt(start - 1)] !== SEPARATOR) start--;
  return start;
}

/**
 * The word before the apostrophe at `at`, with the possessive `s` after it, read as one word (`Piet's` as
 * `piets`), or -1.
 */
export function lookUpPossessive(t: Tables, text: string, at: number): number {
  const start = wordStart(text, at);
  const end = at + 2;
  if (
    start === at ||
    FOLD[text.charCodeAt(at + 1)] !== S ||
    (end < text.length && FOLD[text.charCodeAt(end)] !== SEPARATOR)
  )
    return -1;
  const hash = Math.imul(hashOf(text, start, at, false) ^ S, HASH_PRIME);
  return lookUp(t, text, start, at, finishHash(hash), false, true);
}

/**
 * Whether `text[start..end]` folds to `word` (`possessive`: to all of it but a last `s`): the word table compares
 * hashes, this rules out collisions.
 */
function sameWord(text: string, start: number, end: number, word: string, yAsIj: boolean, possessive: boolean) {
  let j = 0;
  for (let i = start; i < end; i++) {
    const folded = FOLD[text.charCodeAt(i)];
    if (folded === Y && yAsIj) {
      if (word.charCodeAt(j) !== I || word.charCodeAt(j + 1) !== J) return false;
      j += 2;
    } else if (folded < EXPANDED) {
      if (j >= word.length || word.charCodeAt(j++) !== folded) return false;
    } else if (folded !== IGNORED) {
      const letters = EXPANSIONS[folded - EXPANDED];
      for (let k = 0; k < letters.length; k++)
        if (j >= word.length || word.charCodeAt(j++) !== letters.charCodeAt(k)) return false;
    }
  }
  return possessive ? j === word.length - 1 && word.charCodeAt(j) === S : j === word.length;
}

const POSSESSIVE = /(\p{L})['’]s(?![\p{L}\p{N}])/gu;

/** Folded text with each `y` as `ij`: the spelling that both ways of writing a word have in common. */
export const withIj = (folded: string) => folded.replaceAll('y', 'ij');

/**
 * A text folded with the two other readings above applied, for the registry's search (db/folded-names.ts) to find
 * what the flags find: `y` as `ij`, and a possessive without its apostrophe (`Piet's` as `piets`).
 */
export const foldAsRead = (text: string) => withIj(foldText(text.replace(POSSESSIVE, '$1s')));

/**
 * The words `text[start..gapStart]` and `text[gapEnd..end]` read as one, the gap left out (`Installatie Techniek`
 * as `installatietechniek`), or -1. Builds the joined text only for a hash the filter lets through.
 */
export function lookUpJoined(t: Tables, text: string, start: number, gapStart: number, gapEnd: number, end: number) {
  const hash = finishHash(hashOf(text, gapEnd, end, false, hashOf(text, start, gapStart, false)));
  if (!mayBeWord(t, hash)) return -1;
  const joined = text.slice(start, gapStart) + text.slice(gapEnd, end);
  return lookUp(t, joined, 0, joined.length, hash, false, false);
}
