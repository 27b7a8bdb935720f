/**
 * Domains, KvK and VAT numbers in a text. The scan calls these only where a cheap test passed (a dot followed by
 * a letter or digit, a word that starts with a digit or with `n`), so they may look around in the text freely.
 */
import type { Identifiers, Tables } from './tables.ts';
import * as normalize from './normalize.ts';
import type { MatchKind } from '../types.ts';

// Read once, as in scan.ts: the scan calls foldAt for every word that occurs in a name.
const { CHECK_PRIME, CHECK_SEED, FOLD, HASH_PRIME, HASH_SEED, domainKey } = normalize;

/** A scan records the kind of each match as its index here. */
export const MATCH_KINDS: readonly MatchKind[] = ['name', 'email', 'domain', 'kvk', 'vat'];
export const NAME = MATCH_KINDS.indexOf('name');
export const EMAIL = MATCH_KINDS.indexOf('email');
export const DOMAIN = MATCH_KINDS.indexOf('domain');
export const KVK = MATCH_KINDS.indexOf('kvk');
export const VAT = MATCH_KINDS.indexOf('vat');

/** Records a match: the scan passes its own, which appends to parallel arrays. */
export type AddMatch = (start: number, end: number, supplier: number, kind: number) => void;

/** ASCII units of host names: 1 for letters and digits, 2 for `-` and `.`, 3 for the rest of an e-mail user. */
const HOST = new Uint8Array(128);
for (let unit = 0; unit < 128; unit++) {
  const char = String.fromCharCode(unit);
  if (/[a-z0-9]/i.test(char)) HOST[unit] = 1;
  else if (char === '-' || char === '.') HOST[unit] = 2;
  else if ('_%+'.includes(char)) HOST[unit] = 3;
}

export function isLabelUnit(unit: number): boolean {
  return HOST[unit] === 1;
}

const isHostUnit = (unit: number) => HOST[unit] === 1 || HOST[unit] === 2;

/** The folded unit at `index`, or 0 (a separator) outside the text. */
export function foldAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? FOLD[text.charCodeAt(index)] : 0;
}

/**
 * The UTF-16 unit at `index`, or -1 outside the text. A read past either end, which charCodeAt answers with NaN,
 * throws optimised code back to the interpreter; every read that may fall outside goes through here or foldAt.
 * Measured on the bench page's text in Node: the second scan, still warming up, took 16 instead of 39 ms.
 */
export function unitAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
}

/**
 * Reads the host name around the dot at `dot` and reports the longest registered domain it ends with at a dot
 * boundary (`mail.example.nl` -> `example.nl`; never `notexample.nl` or `example.nl.evil.com`). For an e-mail
 * address the match covers the whole address. Returns where the host name ends, so the scan skips its other dots.
 */
export function scanHost(t: Tables, text: string, dot: number, found: AddMatch): number {
  let start = dot;
  while (start > 0 && isHostUnit(text.charCodeAt(start - 1))) start--;
  let end = dot + 1;
  while (end < text.length && isHostUnit(text.charCodeAt(end))) end++;
  const stop = end;
  while (start < end && !isLabelUnit(text.charCodeAt(start))) start++;
  while (end > start && !isLabelUnit(text.charCodeAt(end - 1))) end--;
  // Glued to a letter outside ASCII (`müller.nl`): not a host name this matcher can vouch for.
  if (foldAt(text, start - 1) !== 0 || foldAt(text, end) !== 0) return stop;

  let hash = HASH_SEED;
  let check = CHECK_SEED;
  let best = -1;
  for (let i = end - 1; i >= start; i--) {
    const unit = lowerAscii(text.charCodeAt(i));
    if (unit === 0x2e) best = domainAt(t, domainKey(hash, check), best);
    hash = Math.imul(hash ^ unit, HASH_PRIME);
    check = Math.imul(check ^ unit, CHECK_PRIME);
  }
  best = domainAt(t, domainKey(hash, check), best);
  if (best < 0) return stop;

  let from = start;
  if (start > 1 && text.charCodeAt(start - 1) === 0x40 && HOST[text.charCodeAt(start - 2)]) {
    from = start - 1;
    while (from > 0 && HOST[text.charCodeAt(from - 1)]) from--;
  }
  found(from, end, t.domains.suppliers[best], DOMAIN);
  return stop;
}

/**
 * At an `@`: the whole address around it, when it is registered. Whole means the longest run of address units
 * on either side (`xjan@gmail.com` is not `jan@gmail.com`, nor is `jan@gmail.com.example.net`); a dot at
 * either end, or a hyphen at the end, is punctuation, such as the full stop that ends a sentence.
 */
export function scanEmail(t: Tables, text: string, at: number, found: AddMatch): void {
  let start = at;
  while (start > 0 && HOST[text.charCodeAt(start - 1)]) start--;
  let end = at + 1;
  while (end < text.length && isHostUnit(text.charCodeAt(end))) end++;
  // No address starts with a dot; `_jan@` or `-jan@` is another address than `jan@`.
  while (start < at && text.charCodeAt(start) === 0x2e) start++;
  while (end > at + 1 && !isLabelUnit(text.charCodeAt(end - 1))) end--;
  if (start === at || end === at + 1 || foldAt(text, start - 1) !== 0 || foldAt(text, end) !== 0) return;
  let hash = HASH_SEED;
  let check = CHECK_SEED;
  for (let i = end - 1; i >= start; i--) {
    const unit = lowerAscii(text.charCodeAt(i));
    hash = Math.imul(hash ^ unit, HASH_PRIME);
    check = Math.imul(check ^ unit, CHECK_PRIME);
  }
  foundEach(t.emails, domainKey(hash, check), start, end, EMAIL, found);
}

function lowerAscii(unit: number): number {
  return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
}

/** The first of the sorted identifiers with this value, or where it would be. */
function firstOf(sorted: Identifiers, value: number): number {
  let low = 0;
  let high = sorted.values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted.values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first registered domain with this key (see domainKey), or `otherwise`. */
function domainAt(t: Tables, key: number, otherwise: number): number {
  const at = firstOf(t.domains, key);
  return t.domains.values[at] === key ? at : otherwise;
}

function foundEach(
  sorted: Identifiers,
  value: number,
  start: number,
  end: number,
  kind: number,
  found: AddMatch,
): void {
  for (let at = firstOf(sorted, value); at < sorted.values.length && sorted.values[at] === value; at++) {
    found(start, end, sorted.suppliers[at], kind);
  }
}

/** Spaces, dots and dashes that keep digit groups one number (`06 12345678`, `12.345.678`, `1234 5678 90`). */
function isNumberGap(unit: number): boolean {
  return (
    unit === 0x20 ||
    unit === 0xa0 ||
    unit === 0x2009 ||
    unit === 0x202f ||
    unit === 0x2e ||
    unit === 0x2c ||
    unit === 0x2d ||
    unit === 0x2f
  );
}

function digitAt(text: string, index: number): number {
  const digit = foldAt(text, index) - 0x30;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = digitAt(text, i);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * At a word of 2, 4 or 8 digits: a KvK number is 8 digits, or groups of 4 or 2 with one kind of gap between them
 * (`1234 5678`, `1234.5678`, `12 34 56 78`), standing alone, not part of a longer number or a phone number.
 */
export function scanKvk(t: Tables, text: string, start: number, end: number, found: AddMatch): void {
  let value = digitsValue(text, start, end);
  if (value < 0) return;
  const size = end - start;
  if (size !== 8) {
    const gap = unitAt(text, end);
    if (gap !== 0x20 && gap !== 0xa0 && gap !== 0x2e) return;
    for (let digits = size; digits < 8; digits += size) {
      const group = unitAt(text, end) === gap ? digitsValue(text, end + 1, end + 1 + size) : -1;
      if (group < 0 || foldAt(text, end + 1 + size) !== 0) return;
      value = value * 10 ** size + group;
      end += 1 + size;
    }
  }
  if (isNumberGap(unitAt(text, start - 1)) && digitAt(text, start - 2) >= 0) return;
  if (isNumberGap(unitAt(text, end)) && digitAt(text, end + 1) >= 0) return;
  foundEach(t.kvk, value, start, end, KVK, found);
}

/** At a word of 11 letters and digits that starts with `k`: a KvK number written on to its label (`KvK12345678`). */
export function scanLabelledKvk(t: Tables, text: string, start: number, end: number, found: AddMatch): void {
  if (foldAt(text, start + 1) === 0x76 && foldAt(text, start + 2) === 0x6b) scanKvk(t, text, start + 3, end, found);
}

function skipVatGap(text: string, index: number): number {
  const unit = unitAt(text, index);
  return unit === 0x20 || unit === 0xa0 || unit === 0x2e ? index + 1 : index;
}

/** At a word that starts with `nl`: `NL` + 9 digits + `B` + 2 digits, with or without spaces and dots. */
export function scanVat(t: Tables, text: string, start: number, found: AddMatch): void {
  let i = skipVatGap(text, start + 2);
  let value = 0;
  for (let digits = 0; digits < 9;) {
    const digit = digitAt(text, i);
    if (digit >= 0) {
      value = value * 10 + digit;
      digits++;
      i++;
    } else if (digits > 0 && skipVatGap(text, i) > i && digitAt(text, i + 1) >= 0) i++;
    else return;
  }
  i = skipVatGap(text, i);
  if (foldAt(text, i) !== 0x62) return;
  i = skipVatGap(text, i + 1);
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  if (tens < 0 || ones < 0 || foldAt(text, i + 2) !== 0) return;
  foundEach(t.vat, value * 100 + tens * 10 + ones, start, i + 2, VAT, found);
}
