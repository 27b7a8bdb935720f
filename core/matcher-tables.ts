/**
 * The lookup tables a scan runs on, built from the compiled form: open-addressing hash tables in typed arrays,
 * so that a lookup allocates nothing and most words of a text cost one probe.
 */
import { COMPILED_FORMAT, NEEDS_FORM, type CompiledMatcher, type SortedIdentifiers } from './matcher-compile.ts';
import { AND_WORD, hashWord } from './normalize.ts';

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
  /** Domains in the order of their hashes (see CompiledMatcher). */
  domains: string[];
  domainHashes: Identifiers;
  kvk: Identifiers;
  vat: Identifiers;
}

/** Identifiers in ascending order, each beside its supplier; found by binary search. */
export interface Identifiers {
  values: Float64Array;
  suppliers: number[];
}

export function buildTables(compiled: CompiledMatcher): Tables {
  if (compiled.format !== COMPILED_FORMAT) throw new Error(`unknown compiled matcher format ${compiled.format}`);
  const words = compiled.words ? compiled.words.split(' ') : [];

  const trie = new TrieBuilder(wordsIn(compiled.names) + wordsIn(compiled.forms));
  // A name record holds at least one word, so four numbers: room enough for every name.
  const room = compiled.names.length >> 2;
  const owners: Owners = { count: 0, node: new Int32Array(room), supplier: new Int32Array(room), flags: new Int32Array(room) };
  let longestName = 1;
  for (let i = 0, supplier = 0; i < compiled.names.length; owners.count++) {
    supplier += compiled.names[i];
    const count = compiled.names[i + 2];
    owners.node[owners.count] = trie.path(0, compiled.names, i + 3, count, true);
    owners.supplier[owners.count] = supplier;
    owners.flags[owners.count] = compiled.names[i + 1];
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
    domains: compiled.domains ? compiled.domains.split(' ') : [],
    domainHashes: identifiers(compiled.domainHashes),
    kvk: identifiers(compiled.kvk),
    vat: identifiers(compiled.vat),
  };
}

/** How many words the `supplier/bit, flags/placement, count, ...words` records hold: the most edges they can add. */
function wordsIn(records: number[]): number {
  let words = 0;
  for (let i = 0; i < records.length; i += 3 + records[i + 2]) words += records[i + 2];
  return words;
}

/**
 * Per name: the node where its path ends, its supplier and its flags (see CompiledMatcher.names). Typed arrays,
 * so that loading allocates nothing per name.
 */
interface Owners {
  count: number;
  node: Int32Array;
  supplier: Int32Array;
  flags: Int32Array;
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

function identifiers({ steps, suppliers }: SortedIdentifiers): Identifiers {
  const values = new Float64Array(steps.length);
  for (let i = 0, value = 0; i < steps.length; i++) values[i] = value += steps[i];
  return { values, suppliers };
}

/** The owners of each node side by side, in the order they were registered. */
function ownerTable(nodes: number, owners: Owners) {
  const ownerStart = new Int32Array(nodes + 1);
  for (let o = 0; o < owners.count; o++) ownerStart[owners.node[o] + 1]++;
  for (let node = 0; node < nodes; node++) ownerStart[node + 1] += ownerStart[node];
  const next = ownerStart.slice(0, nodes);
  const ownerSupplier = new Int32Array(owners.count);
  const ownerForms = new Int32Array(owners.count);
  const needsForm = new Uint8Array(nodes);
  for (let o = 0; o < owners.count; o++) {
    const node = owners.node[o];
    const at = next[node]++;
    ownerSupplier[at] = owners.supplier[o];
    ownerForms[at] = owners.flags[o] >>> 1;
    if (owners.flags[o] & NEEDS_FORM) needsForm[node] = 1;
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
