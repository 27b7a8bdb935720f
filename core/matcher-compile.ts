/**
 * Turns a watchlist into the compact, JSON-able form that browser tabs receive, so that no tab folds names or
 * parses identifiers again: `loadMatcher` only hashes the folded words into its tables.
 */
import { normalizeDomain, normalizeKvk, normalizeVat } from './identifiers.ts';
import { LEGAL_FORM_SPELLINGS, splitName } from './normalize.ts';
import type { WatchEntry } from './types.ts';

export const COMPILED_FORMAT = 1;

/**
 * Everything refers to a supplier by its index in `ids`, and lists are sorted by supplier so that each item
 * stores the difference to the previous item's supplier (mostly 0 or 1) instead of the index itself.
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
  /** `supplierDelta domain` pairs, all joined by spaces. */
  domains: string;
  /** `supplierDelta, kvk` pairs. */
  kvk: number[];
  /** `supplierDelta, vat` pairs, the VAT number `NL123456789B01` stored as 12345678901. */
  vat: number[];
}

/** Names whose core is one distinctive word (a surname, a place, a trade) match only with a legal form beside them. */
export const NEEDS_FORM = 1;

export function compileMatcher(entries: WatchEntry[]): CompiledMatcher {
  const cores: { supplier: number; flags: number; words: string[]; joined: boolean[] }[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, supplier) => {
    for (const name of entry.names) {
      const { core, joined, forms, distinctive } = splitName(name);
      if (distinctive === 0) continue;
      const flags = forms * 2 + (distinctive === 1 ? NEEDS_FORM : 0);
      const key = `${supplier} ${flags} ${core.map((word, i) => (joined[i] ? `-${word}` : word)).join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cores.push({ supplier, flags, words: core, joined });
    }
  });

  const frequency = new Map<string, number>();
  const count = (word: string) => frequency.set(word, (frequency.get(word) ?? 0) + 1);
  for (const core of cores) core.words.forEach(count);
  for (const spelling of LEGAL_FORM_SPELLINGS) spelling.words.forEach(count);
  const vocabulary = [...frequency.keys()].sort((a, b) => frequency.get(b)! - frequency.get(a)!);
  const wordIndex = new Map(vocabulary.map((word, i) => [word, i]));
  const indexes = (words: string[]) => words.map((word) => wordIndex.get(word)!);

  const forms = LEGAL_FORM_SPELLINGS.flatMap((s) => [s.bit, s.placement, s.words.length, ...indexes(s.words)]);
  const names = withDeltas(cores, (core) => [
    core.flags,
    core.words.length,
    ...indexes(core.words).map((word, i) => word * 2 + (i > 0 && core.joined[i] ? 1 : 0)),
  ]);
  const domains = withDeltas(listed(entries, (e) => e.domains, normalizeDomain), (d) => [d.value]);
  const kvk = withDeltas(listed(entries, (e) => e.kvk, kvkNumber), (k) => [k.value]);
  const vat = withDeltas(listed(entries, (e) => e.vat, vatNumber), (v) => [v.value]);
  return {
    format: COMPILED_FORMAT,
    ids: entries.map((entry) => entry.id),
    words: vocabulary.join(' '),
    forms,
    names,
    domains: domains.join(' '),
    kvk,
    vat,
  };
}

function withDeltas<T extends { supplier: number }, V>(items: T[], encode: (item: T) => V[]): (V | number)[] {
  let previous = 0;
  return items.flatMap((item) => {
    const delta = item.supplier - previous;
    previous = item.supplier;
    return [delta, ...encode(item)];
  });
}

function listed<V>(
  entries: WatchEntry[],
  pick: (entry: WatchEntry) => string[] | undefined,
  normalize: (raw: string) => V | undefined,
): { supplier: number; value: V }[] {
  return entries.flatMap((entry, supplier) => {
    const values = new Set((pick(entry) ?? []).map(normalize).filter((value) => value !== undefined));
    return [...values].map((value) => ({ supplier, value }));
  });
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
