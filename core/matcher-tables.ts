/**
 * The lookup tables a scan runs on, built from the compiled form: open-addressing hash tables in typed arrays,
 * so that a lookup allocates nothing and most words of a text cost one probe.
 */
import { COMPILED_FORMAT, NEEDS_FORM, type CompiledMatcher } from './matcher-compile.ts';
import { AND_WORD, HASH_PRIME, HASH_SEED, finishHash, hashWord } from './normalize.ts';

export interface Tables {
  ids: string[];
  words: string[];
  /** Word table: slot -> word index + 1 (0 = empty), and the hash kept there. */
  wordSlots: Int32Array;
  wordHashes: Int32Array;
  /** Index of the word `en`, which `&` stands for; -1 when no name uses it. */
  andWord: number;
  /** Edges of one trie over words: names hang from node 0, legal-form spellings from a root of their own. */
  edgeFrom: Int32Array;
  edgeWord: Int32Array;
  edgeTo: Int32Array;
  /** Per edge: 1 when some name has a hyphen before this word, so the text may join the two words too. */
  edgeJoinable: Uint8Array;
  /** Word -> the node it leads to from the root of names / of legal forms, or -1: the two edges every word tries. */
  nameChild: Int32Array;
  formChild: Int32Array;
  /** Node -> its suppliers `ownerSupplier/ownerForms[ownerStart[node] .. ownerStart[node + 1]]`. */
  ownerStart: Int32Array;
  ownerSupplier: Int32Array;
  ownerForms: Int32Array;
  needsForm: Uint8Array;
  /** Node -> the legal form a spelling completes there (a bit), and where that form may stand. */
  formBit: Int32Array;
  formPlacement: Uint8Array;
  /** Most words in a name: the most name paths that can be open at once. */
  longestName: number;
  /** Domains by the hash of their reversed text (the scan reads host names from the right). */
  domainSlots: Int32Array;
  domainHashes: Int32Array;
  domains: string[];
  domainOwner: Int32Array;
  kvk: Map<number, number[]>;
  vat: Map<number, number[]>;
}

export function buildTables(compiled: CompiledMatcher): Tables {
  if (compiled.format !== COMPILED_FORMAT) throw new Error(`unknown compiled matcher format ${compiled.format}`);
  const words = compiled.words ? compiled.words.split(' ') : [];

  const trie = new TrieBuilder(wordsIn(compiled.names) + wordsIn(compiled.forms));
  const owners: Owner[] = [];
  let longestName = 1;
  for (let i = 0, supplier = 0; i < compiled.names.length; ) {
    supplier += compiled.names[i];
    const flags = compiled.names[i + 1];
    const count = compiled.names[i + 2];
    const node = trie.path(0, compiled.names, i + 3, count, true);
    owners.push({ node, supplier, forms: flags >>> 1, needsForm: (flags & NEEDS_FORM) !== 0 });
    longestName = Math.max(longestName, count);
    i += 3 + count;
  }
  const formRoot = trie.node();
  const formBit = new Map<number, number>();
  const formPlacement = new Map<number, number>();
  for (let i = 0; i < compiled.forms.length; ) {
    const count = compiled.forms[i + 2];
    const node = trie.path(formRoot, compiled.forms, i + 3, count, false);
    formBit.set(node, (formBit.get(node) ?? 0) | compiled.forms[i]);
    formPlacement.set(node, (formPlacement.get(node) ?? 0) | compiled.forms[i + 1]);
    i += 3 + count;
  }

  return {
    ids: compiled.ids,
    words,
    ...wordTable(words),
    andWord: words.indexOf(AND_WORD),
    ...trie.edges(),
    nameChild: Int32Array.from(words, (_, word) => trie.find(0, word)),
    formChild: Int32Array.from(words, (_, word) => trie.find(formRoot, word)),
    ...ownerTable(trie.nodes, owners),
    formBit: perNode(Int32Array, trie.nodes, formBit),
    formPlacement: perNode(Uint8Array, trie.nodes, formPlacement),
    longestName,
    ...domainTable(compiled.domains),
    kvk: byValue(compiled.kvk),
    vat: byValue(compiled.vat),
  };
}

/** How many words the `supplier/bit, flags/placement, count, ...words` records hold: the most edges they can add. */
function wordsIn(records: number[]): number {
  let words = 0;
  for (let i = 0; i < records.length; i += 3 + records[i + 2]) words += records[i + 2];
  return words;
}

interface Owner {
  node: number;
  supplier: number;
  forms: number;
  needsForm: boolean;
}

function wordTable(words: string[]) {
  // Most words of a text are in no name: a sparse table lets most of them stop at the first, empty, slot.
  const wordSlots = new Int32Array(tableSize(words.length * 4));
  const wordHashes = new Int32Array(wordSlots.length);
  words.forEach((word, index) => {
    const hash = hashWord(word);
    let slot = hash & (wordSlots.length - 1);
    while (wordSlots[slot] !== 0) slot = (slot + 1) & (wordSlots.length - 1);
    wordSlots[slot] = index + 1;
    wordHashes[slot] = hash;
  });
  return { wordSlots, wordHashes };
}

/** The owners of each node side by side, in the order they were registered. */
function ownerTable(nodes: number, owners: Owner[]) {
  const ownerStart = new Int32Array(nodes + 1);
  for (const owner of owners) ownerStart[owner.node + 1]++;
  for (let node = 0; node < nodes; node++) ownerStart[node + 1] += ownerStart[node];
  const next = ownerStart.slice(0, nodes);
  const ownerSupplier = new Int32Array(owners.length);
  const ownerForms = new Int32Array(owners.length);
  const needsForm = new Uint8Array(nodes);
  for (const owner of owners) {
    const at = next[owner.node]++;
    ownerSupplier[at] = owner.supplier;
    ownerForms[at] = owner.forms;
    if (owner.needsForm) needsForm[owner.node] = 1;
  }
  return { ownerStart, ownerSupplier, ownerForms, needsForm };
}

function perNode<T extends Int32Array | Uint8Array>(Type: new (length: number) => T, nodes: number, values: Map<number, number>): T {
  const array = new Type(nodes);
  for (const [node, value] of values) array[node] = value;
  return array;
}

/** A power of two with at least half its slots free, so that probe runs stay short. */
function tableSize(count: number): number {
  let size = 8;
  while (size < count * 2) size *= 2;
  return size;
}

export function edgeSlot(from: number, word: number, mask: number): number {
  return (Math.imul(from, 0x9e3779b1) ^ Math.imul(word + 1, 0x85ebca77)) & mask;
}

class TrieBuilder {
  nodes = 1;
  private readonly from: Int32Array;
  private readonly word: Int32Array;
  private readonly to: Int32Array;
  private readonly joinable: Uint8Array;

  constructor(maxEdges: number) {
    const size = tableSize(maxEdges);
    this.from = new Int32Array(size);
    this.word = new Int32Array(size);
    this.to = new Int32Array(size);
    this.joinable = new Uint8Array(size);
  }

  node(): number {
    return this.nodes++;
  }

  /**
   * Follows or adds the edges for the `count` words at `records[at]` from `start`; returns the last node. With
   * `hyphens`, each word is stored as its index times two, plus 1 when a hyphen ties it to the word before.
   * Read in place, so that loading thousands of names allocates nothing per name.
   */
  path(start: number, records: number[], at: number, count: number, hyphens: boolean): number {
    let node = start;
    for (let i = at; i < at + count; i++) {
      const word = hyphens ? records[i] >> 1 : records[i];
      const slot = this.slot(node, word);
      if (this.from[slot] === 0) {
        this.from[slot] = node + 1;
        this.word[slot] = word;
        this.to[slot] = this.node();
      }
      if (hyphens && (records[i] & 1) === 1) this.joinable[slot] = 1;
      node = this.to[slot];
    }
    return node;
  }

  find(from: number, word: number): number {
    const slot = this.slot(from, word);
    return this.from[slot] === 0 ? -1 : this.to[slot];
  }

  /** The slot of the edge, or the empty slot where it would go. */
  private slot(from: number, word: number): number {
    const mask = this.from.length - 1;
    let slot = edgeSlot(from, word, mask);
    while (this.from[slot] !== 0 && !(this.from[slot] === from + 1 && this.word[slot] === word)) slot = (slot + 1) & mask;
    return slot;
  }

  edges() {
    return { edgeFrom: this.from, edgeWord: this.word, edgeTo: this.to, edgeJoinable: this.joinable };
  }
}

function domainTable(joined: string) {
  const parts = joined ? joined.split(' ') : [];
  const domains: string[] = [];
  const owner: number[] = [];
  for (let i = 0, supplier = 0; i < parts.length; i += 2) {
    supplier += Number(parts[i]);
    owner.push(supplier);
    domains.push(parts[i + 1]);
  }
  const domainSlots = new Int32Array(tableSize(domains.length));
  const domainHashes = new Int32Array(domainSlots.length);
  domains.forEach((domain, index) => {
    const hash = hashReversed(domain);
    let slot = hash & (domainSlots.length - 1);
    while (domainSlots[slot] !== 0) slot = (slot + 1) & (domainSlots.length - 1);
    domainSlots[slot] = index + 1;
    domainHashes[slot] = hash;
  });
  return { domainSlots, domainHashes, domains, domainOwner: Int32Array.from(owner) };
}

/** The hash of a host name read from its last character to its first, as the scan reads it. */
export function hashReversed(text: string): number {
  let hash = HASH_SEED;
  for (let i = text.length - 1; i >= 0; i--) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return finishHash(hash);
}

function byValue(pairs: number[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let i = 0, supplier = 0; i < pairs.length; i += 2) {
    supplier += pairs[i];
    const list = map.get(pairs[i + 1]);
    if (list) list.push(supplier);
    else map.set(pairs[i + 1], [supplier]);
  }
  return map;
}
