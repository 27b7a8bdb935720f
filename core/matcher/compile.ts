/**
 * Turns a watchlist into the compact, JSON-able form that browser tabs receive: the matcher's tables themselves
 * (see Tables), with names folded, identifiers parsed, the trie built and everything sorted, so that a tab only
 * decodes them (packed.ts) and fills the word table from the hashes that come with the words.
 */
import { normalizeDomain, normalizeKvk, normalizeVat } from '../identifiers.ts';
import { coreRule, coreText, nameCores as spellingsOf, type NameCore } from './name-variants.ts';
import { LEGAL_FORM_SPELLINGS } from './names.ts';
import { namesWithin } from './registered-names.ts';
import { TRADE_WORDS } from './compounds.ts';
import { FIRST_NAMES, TITLES } from './words/person-words.ts';
import { domainKeyOf, hashWord } from './normalize.ts';
import { COMPILED_FORMAT, PACKED_TABLES, type CompiledMatcher, type PackedTable } from './tables.ts';
import { packArrays } from './packed.ts';
import type { WatchEntry } from '../types.ts';

/** Whether a spelling of an entry's name is ambiguous; by default as the entry says (WatchEntry.ambiguous). */
export type IsAmbiguous = (core: NameCore, entry: WatchEntry) => boolean;

const listedAsAmbiguous: IsAmbiguous = (core, entry) => entry.ambiguous?.includes(coreText(core)) ?? false;

export function compileMatcher(entries: WatchEntry[], isAmbiguous: IsAmbiguous = listedAsAmbiguous): CompiledMatcher {
  const cores = nameCores(entries, isAmbiguous);
  const frequency = new Map<string, number>();
  const count = (word: string) => frequency.set(word, (frequency.get(word) ?? 0) + 1);
  for (const core of cores) core.words.forEach(count);
  for (const spelling of LEGAL_FORM_SPELLINGS) spelling.words.forEach(count);
  // The trade words, also where they are in no name of their own, so that a scan can read `Installatie Techniek`
  // as `Installatietechniek` (compounds.ts).
  for (const trade of TRADE_WORDS) if (!frequency.has(trade)) frequency.set(trade, 0);
  const vocabulary = [...frequency.keys()].sort((a, b) => frequency.get(b)! - frequency.get(a)!);
  const wordIndex = new Map(vocabulary.map((word, i) => [word, i]));

  const names = trieNode();
  const forms = trieNode();
  const indexes = (words: string[]) => words.map((word) => wordIndex.get(word)!);
  for (const core of cores) addPath(names, indexes(core.words), core.joined).owners.push(core);
  for (const spelling of LEGAL_FORM_SPELLINGS) {
    const end = addPath(forms, indexes(spelling.words), []);
    end.formBit |= spelling.bit;
    end.placement |= spelling.placement;
  }
  const emails = sortedIdentifiers(entries, (entry) => distinct(entry.emails, emailNumber));
  const domains = sortedIdentifiers(entries, (entry) => distinct(entry.domains, domainNumber));
  const kvk = sortedIdentifiers(entries, (entry) => distinct(entry.kvk, kvkNumber));
  const vat = sortedIdentifiers(entries, (entry) => distinct(entry.vat, vatNumber));
  const tables: Record<PackedTable, number[]> = {
    // Unsigned, so that they pack as 32-bit; the tab's table holds them signed again, as the scan computes them.
    wordHashes: vocabulary.map((word) => hashWord(word) >>> 0),
    ...breadthFirst([names, forms]),
    titleHashes: sortedHashes(TITLES),
    firstNameHashes: sortedHashes(FIRST_NAMES),
    emailKeys: emails.values,
    emailSuppliers: emails.suppliers,
    domainKeys: domains.values,
    domainSuppliers: domains.suppliers,
    kvkValues: kvk.values,
    kvkSuppliers: kvk.suppliers,
    vatValues: vat.values,
    vatSuppliers: vat.suppliers,
  };
  return {
    format: COMPILED_FORMAT,
    words: vocabulary.join(' '),
    longestName: cores.reduce((most, core) => Math.max(most, core.words.length), 1),
    tables: packArrays(PACKED_TABLES.map((name) => tables[name])),
  };
}

/** Every supplier's identifiers in ascending order (then by supplier), for a binary search. */
function sortedIdentifiers(
  entries: WatchEntry[],
  of: (entry: WatchEntry) => Set<number>,
): { values: number[]; suppliers: number[] } {
  const all = entries.flatMap((entry, supplier) => [...of(entry)].map((value) => ({ value, supplier })));
  all.sort((a, b) => a.value - b.value || a.supplier - b.supplier);
  return { values: all.map((one) => one.value), suppliers: all.map((one) => one.supplier) };
}

/** Hashes of folded words, unsigned and sorted, for a binary search. */
function sortedHashes(list: readonly string[]): number[] {
  return [...new Set(list.map((word) => hashWord(word) >>> 0))].sort((a, b) => a - b);
}

interface Core {
  supplier: number;
  /** The legal forms registered with the name, as bits (see LEGAL_FORM_SPELLINGS). */
  forms: number;
  /** What the name needs around it to count, as bits (NEEDS_FORM ..., see tables.ts). */
  rule: number;
  words: string[];
  joined: boolean[];
}

/**
 * Every way each supplier's names are written, without their legal forms, once each; names that are only a
 * legal form are left out.
 */
function nameCores(entries: WatchEntry[], isAmbiguous: IsAmbiguous): Core[] {
  const cores: Core[] = [];
  entries.forEach((entry, supplier) => {
    const seen = new Set<string>();
    for (const name of entry.names.flatMap(namesWithin)) {
      const spellings = spellingsOf(name);
      // Written another way, an ambiguous name stays as ambiguous: `Capelle a/d IJssel` is still the place.
      const ambiguous = spellings.length > 0 && isAmbiguous(spellings[0], entry);
      for (const spelling of spellings) {
        const rule = coreRule(spelling, ambiguous || isAmbiguous(spelling, entry));
        const key = `${spelling.forms} ${rule} ${spelling.words.join(' ')} ${spelling.joined.join()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cores.push({ supplier, forms: spelling.forms, rule, words: spelling.words, joined: spelling.joined });
      }
    }
  });
  return cores;
}

interface TrieNode {
  edges: Map<number, TrieNode>;
  /** Some name has a hyphen before the word of the edge that leads here. */
  joinable: boolean;
  owners: Core[];
  /** The legal form a spelling completes here (a bit), and where that form may stand. */
  formBit: number;
  placement: number;
}

const trieNode = (): TrieNode => ({ edges: new Map(), joinable: false, owners: [], formBit: 0, placement: 0 });

/** Follows or adds the path of `words` from `root`; `joined[i]`: a hyphen ties word i to the one before. */
function addPath(root: TrieNode, words: number[], joined: boolean[]): TrieNode {
  let node = root;
  words.forEach((word, i) => {
    let next = node.edges.get(word);
    if (!next) node.edges.set(word, (next = trieNode()));
    if (i > 0 && joined[i]) next.joinable = true;
    node = next;
  });
  return node;
}

/**
 * The trie's nodes numbered breadth first from its roots, so that the edges leaving each node are consecutive
 * and edge `e` leads to node `e + ROOTS`; per node, where its edges and its owners start, as Tables describes.
 */
function breadthFirst(roots: TrieNode[]) {
  const tables = {
    edgeStart: [0],
    edges: [] as number[],
    ownerStart: [0],
    ownerSupplier: [] as number[],
    ownerForms: [] as number[],
    ownerRule: [] as number[],
    formBit: [] as number[],
    formPlacement: [] as number[],
  };
  const queue = [...roots];
  for (let node = 0; node < queue.length; node++) {
    const { edges, owners, formBit, placement } = queue[node];
    for (const [word, child] of [...edges].sort(([a], [b]) => a - b)) {
      tables.edges.push(word * 2 + (child.joinable ? 1 : 0));
      queue.push(child);
    }
    tables.edgeStart.push(tables.edges.length);
    for (const core of owners) {
      tables.ownerSupplier.push(core.supplier);
      tables.ownerForms.push(core.forms);
      tables.ownerRule.push(core.rule);
    }
    tables.ownerStart.push(tables.ownerSupplier.length);
    tables.formBit.push(formBit);
    tables.formPlacement.push(placement);
  }
  return tables;
}

function distinct<V>(raw: string[] | undefined, normalize: (raw: string) => V | undefined): Set<V> {
  const values = new Set<V>();
  for (const item of raw ?? []) {
    const value = normalize(item);
    if (value !== undefined) values.add(value);
  }
  return values;
}

const EMAIL = /^[a-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z0-9-]+$/;

/** An address is known by its key, as a domain is: the scan reads it backwards from its end. */
function emailNumber(raw: string): number | undefined {
  const address = raw
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  const at = address.lastIndexOf('@');
  const domain = normalizeDomain(address.slice(at + 1));
  if (at < 1 || domain === undefined || !EMAIL.test(address)) return undefined;
  return domainKeyOf(`${address.slice(0, at)}@${domain}`);
}

function domainNumber(raw: string): number | undefined {
  const domain = normalizeDomain(raw);
  return domain === undefined ? undefined : domainKeyOf(domain);
}

// Numbers, not strings: they pack into 4 or 8 bytes and the scan computes them from digits anyway.
function kvkNumber(raw: string): number | undefined {
  const kvk = normalizeKvk(raw);
  return kvk === undefined ? undefined : Number(kvk);
}

/** `NL123456789B01` -> 12345678901. */
function vatNumber(raw: string): number | undefined {
  const vat = normalizeVat(raw);
  return vat === undefined ? undefined : Number(vat.slice(2, 11) + vat.slice(12));
}
