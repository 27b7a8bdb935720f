/**
 * The lookup tables a scan runs on, in typed arrays, so that a lookup allocates nothing: an open-addressing hash
 * table of words, where most words of a text cost one probe, and the trie the compiler numbered (see
 * CompiledMatcher), whose counts only become offsets here.
 */
import { COMPILED_FORMAT, NEEDS_FORM, type CompiledMatcher, type SortedIdentifiers } from './matcher-compile.ts';
import { AND_WORD, hashWord } from './normalize.ts';

export interface Tables {
  words: string[];
  /** Word table: slot -> word index + 1 (0 = empty), and the hash kept there. */
  wordSlots: Int32Array;
  wordHashes: Int32Array;
  /** Index of the word `en`, which `&` stands for; -1 when no name uses it. */
  andWord: number;
  /**
   * The trie over words (names from node NAMES, legal-form spellings from node FORMS): the edges leaving node n
   * are `edges[edgeStart[n] .. edgeStart[n + 1]]`, each its word times two plus 1 when the text may join it to
   * the word before; edge e leads to node `e + ROOTS`.
   */
  edgeStart: Int32Array;
  edges: Int32Array;
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
  domains: Identifiers;
  kvk: Identifiers;
  vat: Identifiers;
}

/** Identifiers in ascending order, each beside its supplier; found by binary search. */
export interface Identifiers {
  values: Float64Array;
  suppliers: number[];
}

export const NAMES = 0;
export const FORMS = 1;
export const ROOTS = 2;

export function buildTables(compiled: CompiledMatcher): Tables {
  if (compiled.format !== COMPILED_FORMAT) throw new Error(`unknown compiled matcher format ${compiled.format}`);
  const words = compiled.words ? compiled.words.split(' ') : [];
  const nodes = compiled.edgeCounts.length;
  const edgeStart = new Int32Array(nodes + 1);
  for (let node = 0; node < nodes; node++) edgeStart[node + 1] = edgeStart[node] + compiled.edgeCounts[node];
  const edges = Int32Array.from(compiled.edges);
  const rootChildren = (root: number) => {
    const child = new Int32Array(words.length).fill(-1);
    for (let edge = edgeStart[root]; edge < edgeStart[root + 1]; edge++) child[edges[edge] >> 1] = edge + ROOTS;
    return child;
  };
  const formBit = new Int32Array(nodes);
  const formPlacement = new Uint8Array(nodes);
  for (let i = 0, node = 0; i < compiled.forms.length; i += 3) {
    node += compiled.forms[i];
    formBit[node] = compiled.forms[i + 1];
    formPlacement[node] = compiled.forms[i + 2];
  }

  return {
    words,
    ...wordTable(words),
    andWord: words.indexOf(AND_WORD),
    edgeStart,
    edges,
    nameChild: rootChildren(NAMES),
    formChild: rootChildren(FORMS),
    ...ownerTable(nodes, compiled.owners),
    formBit,
    formPlacement,
    longestName: compiled.longestName,
    domains: identifiers(compiled.domains),
    kvk: identifiers(compiled.kvk),
    vat: identifiers(compiled.vat),
  };
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

/** The owners of each node side by side, from the compiled `nodeStep, supplier, flags` records. */
function ownerTable(nodes: number, owners: number[]) {
  const count = owners.length / 3;
  const ownerStart = new Int32Array(nodes + 1);
  const ownerSupplier = new Int32Array(count);
  const ownerForms = new Int32Array(count);
  const needsForm = new Uint8Array(nodes);
  for (let o = 0, node = 0; o < count; o++) {
    node += owners[o * 3];
    ownerStart[node + 1]++;
    ownerSupplier[o] = owners[o * 3 + 1];
    ownerForms[o] = owners[o * 3 + 2] >>> 1;
    if (owners[o * 3 + 2] & NEEDS_FORM) needsForm[node] = 1;
  }
  for (let node = 0; node < nodes; node++) ownerStart[node + 1] += ownerStart[node];
  return { ownerStart, ownerSupplier, ownerForms, needsForm };
}

/** A power of two with at least half its slots free, so that probe runs stay short. */
function tableSize(count: number): number {
  let size = 8;
  while (size < count * 2) size *= 2;
  return size;
}
