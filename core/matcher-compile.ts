/**
 * Turns a watchlist into the compact, JSON-able form that browser tabs receive, so that no tab folds names,
 * parses identifiers or sorts anything again: `loadMatcher` only hashes the folded words into its tables.
 */
import { normalizeDomain, normalizeKvk, normalizeVat } from './identifiers.ts';
import { LEGAL_FORM_SPELLINGS, hashReversed, splitName } from './normalize.ts';
import type { WatchEntry } from './types.ts';

export const COMPILED_FORMAT = 2;

/**
 * Identifiers (numbers) in ascending order, each beside the supplier it belongs to, so that a tab needs no table
 * to look them up: a binary search finds them. Each value is stored as its difference to the one before.
 */
export interface SortedIdentifiers {
  steps: number[];
  suppliers: number[];
}

/**
 * Everything refers to a supplier by its index in `ids`. Names are sorted by supplier so that each stores the
 * difference to the previous name's supplier (mostly 0 or 1) instead of the index itself.
 */
export interface CompiledMatcher {
  format: typeof COMPILED_FORMAT;
  ids: string[];
  /** Distinct folded words of names and legal forms, most frequent first, joined by spaces. */
  words: string;
  /** Per legal-form spelling: `bit, placement, wordCount, ...wordIndexes` (bits and placement as in legal-forms). */
  forms: number[];
  /**
   * Per name core: `supplierDelta, flags, wordCount, ...words`; flags are the registered legal forms shifted
   * left by one, plus 1 when the core is a single distinctive word that only counts next to a legal form. Each
   * word is its index times two, plus 1 when a hyphen ties it to the word before (`Midden-Delfland`).
   */
  names: number[];
  /** Domains by the hash of their text read backwards (`hashReversed`, as a scan reads host names), joined by spaces. */
  domains: string;
  domainHashes: SortedIdentifiers;
  kvk: SortedIdentifiers;
  /** The VAT number `NL123456789B01` stored as 12345678901. */
  vat: SortedIdentifiers;
}

/** Names whose core is one distinctive word (a surname, a place, a trade) match only with a legal form beside them. */
export const NEEDS_FORM = 1;

export function compileMatcher(entries: WatchEntry[]): CompiledMatcher {
  const cores = nameCores(entries);
  const frequency = new Map<string, number>();
  const count = (word: string) => frequency.set(word, (frequency.get(word) ?? 0) + 1);
  for (const core of cores) core.words.forEach(count);
  for (const spelling of LEGAL_FORM_SPELLINGS) spelling.words.forEach(count);
  const vocabulary = [...frequency.keys()].sort((a, b) => frequency.get(b)! - frequency.get(a)!);
  const wordIndex = new Map(vocabulary.map((word, i) => [word, i]));

  const forms: number[] = [];
  for (const spelling of LEGAL_FORM_SPELLINGS) {
    forms.push(spelling.bit, spelling.placement, spelling.words.length);
    for (const word of spelling.words) forms.push(wordIndex.get(word)!);
  }
  const names = new Runs();
  for (const core of cores) {
    names.start(core.supplier, core.flags, core.words.length);
    core.words.forEach((word, i) => names.items.push(wordIndex.get(word)! * 2 + (i > 0 && core.joined[i] ? 1 : 0)));
  }
  const domains = sortedIdentifiers(entries, (entry) => distinct(entry.domains, normalizeDomain), hashReversed);
  return {
    format: COMPILED_FORMAT,
    ids: entries.map((entry) => entry.id),
    words: vocabulary.join(' '),
    forms,
    names: names.items,
    domains: domains.items.join(' '),
    domainHashes: domains.sorted,
    kvk: sortedIdentifiers(entries, (entry) => distinct(entry.kvk, kvkNumber), (kvk) => kvk).sorted,
    vat: sortedIdentifiers(entries, (entry) => distinct(entry.vat, vatNumber), (vat) => vat).sorted,
  };
}

/** Every supplier's identifiers ordered by `key` (then by supplier), with the keys and suppliers in that order. */
function sortedIdentifiers<T>(entries: WatchEntry[], of: (entry: WatchEntry) => Set<T>, key: (item: T) => number) {
  const all = entries.flatMap((entry, supplier) => [...of(entry)].map((item) => ({ item, supplier, key: key(item) })));
  all.sort((a, b) => a.key - b.key || a.supplier - b.supplier);
  return {
    items: all.map((one) => one.item),
    sorted: { steps: all.map((one, i) => one.key - (i > 0 ? all[i - 1].key : 0)), suppliers: all.map((one) => one.supplier) },
  };
}

interface Core {
  supplier: number;
  flags: number;
  words: string[];
  joined: boolean[];
}

/** The names of every supplier without their legal forms, once each; names that are only a legal form are left out. */
function nameCores(entries: WatchEntry[]): Core[] {
  const cores: Core[] = [];
  entries.forEach((entry, supplier) => {
    const seen = new Set<string>();
    for (const name of entry.names) {
      const { core, joined, forms, distinctive } = splitName(name);
      if (distinctive === 0) continue;
      const flags = forms * 2 + (distinctive === 1 ? NEEDS_FORM : 0);
      const key = `${flags} ${core.join(' ')} ${joined.join()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cores.push({ supplier, flags, words: core, joined });
    }
  });
  return cores;
}

/** Records that start with the difference between their supplier and the previous record's. */
class Runs {
  readonly items: number[] = [];
  private previous = 0;

  start(supplier: number, ...values: number[]): void {
    this.items.push(supplier - this.previous, ...values);
    this.previous = supplier;
  }
}

function distinct<V>(raw: string[] | undefined, normalize: (raw: string) => V | undefined): Set<V> {
  const values = new Set<V>();
  for (const item of raw ?? []) {
    const value = normalize(item);
    if (value !== undefined) values.add(value);
  }
  return values;
}

// Numbers, not strings: they take less room in a JSON array and the scan computes them from digits anyway.
function kvkNumber(raw: string): number | undefined {
  const kvk = normalizeKvk(raw);
  return kvk === undefined ? undefined : Number(kvk);
}

/** `NL123456789B01` -> 12345678901. */
function vatNumber(raw: string): number | undefined {
  const vat = normalizeVat(raw);
  return vat === undefined ? undefined : Number(vat.slice(2, 11) + vat.slice(12));
}
