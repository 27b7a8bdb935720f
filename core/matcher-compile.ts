/**
 * Turns a watchlist into the compact, JSON-able form that browser tabs receive, so that no tab folds names,
 * parses identifiers, builds a trie or sorts anything again: `loadMatcher` only hashes the folded words into a
 * table and turns counts into offsets.
 */
import { normalizeDomain, normalizeKvk, normalizeVat } from './identifiers.ts';
import { LEGAL_FORM_SPELLINGS, domainKeyOf, splitName } from './normalize.ts';
import type { WatchEntry } from './types.ts';

export const COMPILED_FORMAT = 4;

/**
 * Identifiers (numbers) in ascending order, each beside the supplier it belongs to, so that a tab needs no table
 * to look them up: a binary search finds them. Each value is stored as its difference to the one before.
 */
export interface SortedIdentifiers {
  steps: number[];
  suppliers: number[];
}

/**
 * Everything refers to a supplier by its position in the watchlist, and to a word by its index in `words`: ids
 * stay out, as the tabs that receive this need none. Records sorted by trie node store the difference to the
 * previous record's node (`nodeStep`) instead of the node itself.
 */
export interface CompiledMatcher {
  format: typeof COMPILED_FORMAT;
  /** Distinct folded words of names and legal forms, most frequent first, joined by spaces. */
  words: string;
  /**
   * One trie over words: the cores of names hang from node 0, the spellings of legal forms from node 1. Nodes are
   * numbered breadth first, so the edges leaving each node are consecutive, and edge `e` (counting from node 0's
   * first edge) leads to node `e + 2`. Per node, how many edges leave it.
   */
  edgeCounts: number[];
  /**
   * Per edge, sorted by word within its node: the word index times two, plus 1 when some name has a hyphen
   * before this word (`Midden-Delfland`), so that the text may join the two words too.
   */
  edges: number[];
  /**
   * Per name core, by the node where its words end: `nodeStep, supplier, flags`. Flags are the registered legal
   * forms shifted left by one, plus 1 when the core is a single distinctive word that only counts next to a
   * legal form.
   */
  owners: number[];
  /** Per node that completes a spelling of a legal form: `nodeStep, bits, placement` (as in legal-forms). */
  forms: number[];
  /** The most words in one name core: the most name paths that can be open at once. */
  longestName: number;
  /** Domains by their key (`domainKeyOf`: two hashes of the text read backwards, as a scan reads host names). */
  domains: SortedIdentifiers;
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

  const names = trieNode();
  const forms = trieNode();
  const indexes = (words: string[]) => words.map((word) => wordIndex.get(word)!);
  for (const core of cores) addPath(names, indexes(core.words), core.joined).owners.push(core);
  for (const spelling of LEGAL_FORM_SPELLINGS) {
    const end = addPath(forms, indexes(spelling.words), []);
    end.formBits |= spelling.bit;
    end.placement |= spelling.placement;
  }
  return {
    format: COMPILED_FORMAT,
    words: vocabulary.join(' '),
    ...breadthFirst([names, forms]),
    longestName: cores.reduce((most, core) => Math.max(most, core.words.length), 1),
    domains: sortedIdentifiers(entries, (entry) => distinct(entry.domains, domainNumber)),
    kvk: sortedIdentifiers(entries, (entry) => distinct(entry.kvk, kvkNumber)),
    vat: sortedIdentifiers(entries, (entry) => distinct(entry.vat, vatNumber)),
  };
}

/** Every supplier's identifiers in ascending order (then by supplier). */
function sortedIdentifiers(entries: WatchEntry[], of: (entry: WatchEntry) => Set<number>): SortedIdentifiers {
  const all = entries.flatMap((entry, supplier) => [...of(entry)].map((value) => ({ value, supplier })));
  all.sort((a, b) => a.value - b.value || a.supplier - b.supplier);
  return { steps: all.map((one, i) => one.value - (i > 0 ? all[i - 1].value : 0)), suppliers: all.map((one) => one.supplier) };
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

interface TrieNode {
  edges: Map<number, TrieNode>;
  /** Some name has a hyphen before the word of the edge that leads here. */
  joinable: boolean;
  owners: Core[];
  formBits: number;
  placement: number;
}

const trieNode = (): TrieNode => ({ edges: new Map(), joinable: false, owners: [], formBits: 0, placement: 0 });

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

/** The trie's nodes numbered breadth first from its roots, written as CompiledMatcher describes. */
function breadthFirst(roots: TrieNode[]) {
  const edgeCounts: number[] = [];
  const edges: number[] = [];
  const owners: number[] = [];
  const forms: number[] = [];
  const queue = [...roots];
  let ownerNode = 0;
  let formNode = 0;
  for (let node = 0; node < queue.length; node++) {
    const { edges: out, owners: cores, formBits, placement } = queue[node];
    const sorted = [...out].sort(([a], [b]) => a - b);
    edgeCounts.push(sorted.length);
    for (const [word, child] of sorted) {
      edges.push(word * 2 + (child.joinable ? 1 : 0));
      queue.push(child);
    }
    for (const core of cores) {
      owners.push(node - ownerNode, core.supplier, core.flags);
      ownerNode = node;
    }
    if (formBits) {
      forms.push(node - formNode, formBits, placement);
      formNode = node;
    }
  }
  return { edgeCounts, edges, owners, forms };
}

function distinct<V>(raw: string[] | undefined, normalize: (raw: string) => V | undefined): Set<V> {
  const values = new Set<V>();
  for (const item of raw ?? []) {
    const value = normalize(item);
    if (value !== undefined) values.add(value);
  }
  return values;
}

function domainNumber(raw: string): number | undefined {
  const domain = normalizeDomain(raw);
  return domain === undefined ? undefined : domainKeyOf(domain);
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
