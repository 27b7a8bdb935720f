/**
 * Text checks for the few names that need them, run when such a name completes: whether a person's title,
 * initials or first name stands right before it (or, after a comma, right after it), and whether it is written in
 * capitals.
 */
import type { NumberArray } from './packed.ts';
import type { Tables } from './tables.ts';
import * as normalize from './normalize.ts';

const { EXPANDED, EXPANSIONS, FOLD, HASH_PRIME, HASH_SEED, IGNORED, SEPARATOR, finishHash } = normalize;

const isSpace = (unit: number) => unit === 0x20 || unit === 0xa0 || unit === 0x09 || unit === 0x202f;
const isUpper = (char: string) => char !== char.toLowerCase() && char === char.toUpperCase();

/**
 * Whether the word before `start` shows a person: a title or form of address (`dhr.`, `mevrouw`, `de heer`, in
 * any case), an initial (`J.`, `J.P.`: one capital and a dot) or a first name written with a capital (`Anne`).
 * Only spaces, and the dot of an abbreviation, may stand between.
 */
export function isPersonBefore(t: Tables, text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (i === start - 1) return false;
  const dotted = i >= 0 && text.charCodeAt(i) === 0x2e;
  if (dotted) i--;
  const end = i + 1;
  while (i >= 0 && FOLD[text.charCodeAt(i)] !== SEPARATOR) i--;
  const from = i + 1;
  if (from === end) return false;
  const first = text.charAt(from);
  if (end - from === 1) return dotted && isUpper(first);
  const hash = foldedHash(text, from, end) >>> 0;
  if (contains(t.titleHashes, hash)) return true;
  return !dotted && isUpper(first) && contains(t.firstNameHashes, hash);
}

/**
 * Whether a comma and a person's initial or first name (written with a capital) follow `end`: the surname first,
 * as address books and mail headers write a person (`Heijmans, J.`, `Heijmans, Anne`).
 */
export function isPersonAfter(t: Tables, text: string, end: number): boolean {
  let i = skipSpaces(text, end);
  if (text.charCodeAt(i) !== 0x2c) return false;
  const from = (i = skipSpaces(text, i + 1));
  while (i < text.length && FOLD[text.charCodeAt(i)] !== SEPARATOR) i++;
  if (from === i || !isUpper(text.charAt(from))) return false;
  if (i - from === 1) return text.charCodeAt(i) === 0x2e;
  return contains(t.firstNameHashes, foldedHash(text, from, i) >>> 0);
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether `text[start..end]` has letters and none of them in lower case: `BAM`, not `Bam` or `bam`. */
export function isWrittenInCapitals(text: string, start: number, end: number): boolean {
  const written = text.slice(start, end);
  return written === written.toUpperCase() && written !== written.toLowerCase();
}

/** The hash of the folded word `text[from..to]`, as hashWord computes it. */
function foldedHash(text: string, from: number, to: number): number {
  let hash = HASH_SEED;
  for (let i = from; i < to; i++) {
    const folded = FOLD[text.charCodeAt(i)];
    if (folded < EXPANDED) hash = Math.imul(hash ^ folded, HASH_PRIME);
    else if (folded !== IGNORED) {
      const letters = EXPANSIONS[folded - EXPANDED];
      for (let k = 0; k < letters.length; k++) hash = Math.imul(hash ^ letters.charCodeAt(k), HASH_PRIME);
    }
  }
  return finishHash(hash);
}

function contains(sorted: NumberArray, value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] === value) return true;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return false;
}
