/**
 * Finding a word of a text in the word table (tables.ts): by its hash, confirmed letter by letter. Also as
 * written with `y` for `ij`, the old spelling that Dutch surnames and places keep (`Kuypers`, `Meyer`,
 * `Ysselmonde`) and people write for the modern one: a name registered with `ij` is found either way, and the
 * compiler adds the `ij` spelling of a name registered with `y` (name-variants.ts).
 */
import * as normalize from './normalize.ts';
import type { Tables } from './tables.ts';

const { EXPANDED, EXPANSIONS, FOLD, HASH_PRIME, HASH_SEED, IGNORED, finishHash } = normalize;
export const Y = 0x79;
const I = 0x69;
const J = 0x6a;

export function hashExpansion(hash: number, folded: number): number {
  const letters = EXPANSIONS[folded - EXPANDED];
  for (let i = 0; i < letters.length; i++) hash = Math.imul(hash ^ letters.charCodeAt(i), HASH_PRIME);
  return hash;
}

/** The index of the word `text[start..end]` whose finished hash is `hash`, or -1; `yAsIj` reads each `y` as `ij`. */
export function lookUp(t: Tables, text: string, start: number, end: number, hash: number, yAsIj: boolean): number {
  if ((t.wordFilter[(hash >>> 5) & (t.wordFilter.length - 1)] & (1 << (hash & 31))) === 0) return -1;
  const { wordSlots, wordHashes, words } = t;
  const mask = wordSlots.length - 1;
  for (let slot = hash & mask, entry = wordSlots[slot]; entry !== 0; entry = wordSlots[(slot = (slot + 1) & mask)]) {
    if (wordHashes[slot] === hash && sameWord(text, start, end, words[entry - 1], yAsIj)) return entry - 1;
  }
  return -1;
}

/** The word `text[start..end]`, which has a `y`, as written with `ij`: `Kuypers` as `kuijpers`. */
export function lookUpWithIj(t: Tables, text: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) {
    const folded = FOLD[text.charCodeAt(i)];
    if (folded === Y) hash = Math.imul(Math.imul(hash ^ I, HASH_PRIME) ^ J, HASH_PRIME);
    else if (folded < EXPANDED) hash = Math.imul(hash ^ folded, HASH_PRIME);
    else if (folded !== IGNORED) hash = hashExpansion(hash, folded);
  }
  return lookUp(t, text, start, end, finishHash(hash), true);
}

/** Whether `text[start..end]` folds to `word`: the word table compares hashes, this rules out collisions. */
function sameWord(text: string, start: number, end: number, word: string, yAsIj: boolean): boolean {
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
  return j === word.length;
}
