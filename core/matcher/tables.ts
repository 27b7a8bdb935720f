/**
 * The matcher's tables: the compact, JSON-able form in which tabs receive them (CompiledMatcher), and the typed
 * arrays a scan runs on, so that a lookup allocates nothing: an open-addressing hash table of words, where most
 * words of a text cost one probe, and the trie the compiler numbered. Only the word table (and its filter) and the
 * two root lookups are filled here, from arrays as long as the vocabulary; everything else arrives as the scan uses it.
 */
import { AND_WORD, hashWord } from './normalize.ts';
import { TRADE_WORDS } from './compounds.ts';
import { lookUp } from './word-lookup.ts';
import { unpackArrays, type NumberArray, type PackedArrays } from './packed.ts';

export const COMPILED_FORMAT = 6;

/**
 * The tables a tab receives as they are, in the order they are packed. Everything refers to a supplier by its
 * position in the watchlist and to a word by its index in `words`: ids stay out, as tabs need none.
 */
export const PACKED_TABLES = [
  'wordHashes',
  'edgeStart',
  'edges',
  'ownerStart',
  'ownerSupplier',
  'ownerForms',
  'ownerRule',
  'formBit',
  'formPlacement',
  'titleHashes',
  'firstNameHashes',
  'emailKeys',
  'emailSuppliers',
  'domainKeys',
  'domainSuppliers',
  'kvkValues',
  'kvkSuppliers',
  'vatValues',
  'vatSuppliers',
] as const;

export type PackedTable = (typeof PACKED_TABLES)[number];

export interface CompiledMatcher {
  format: typeof COMPILED_FORMAT;
  /** Distinct folded words of names and legal forms, most frequent first, joined by spaces. */
  words: string;
  /** The most words in one name core: the most name paths that can be open at once. */
  longestName: number;
  /** PACKED_TABLES, as Tables describes them. */
  tables: PackedArrays;
}

export interface Tables {
  words: string[];
  /** Word table: slot -> word index + 1 (0 = empty), and the hash kept there. */
  wordSlots: Int32Array;
  wordHashes: Int32Array;
  /**
   * One bit per hash value (its low bits), set for the words of the table: 32 bits or more per word in an
   * eighth of the word table's memory, so that most words of a text, in no name, are ruled out by a bit that
   * stays in the processor's cache.
   */
  wordFilter: Int32Array;
  /** Index of the word `en`, which `&` stands for; -1 when no name uses it. */
  andWord: number;
  /** Word -> 1 for a trade word, which the scan also reads as one word with the word before it (compounds.ts). */
  tradeWord: Uint8Array;
  /**
   * The trie over words (names from node NAMES, legal-form spellings from node FORMS): the edges leaving node n
   * are `edges[edgeStart[n] .. edgeStart[n + 1]]`, each its word times two plus 1 when the text may join it to
   * the word before (`Midden-Delfland`), sorted by word; edge e leads to node `e + ROOTS`.
   */
  edgeStart: NumberArray;
  edges: NumberArray;
  /** Word -> the node it leads to from the root of names / of legal forms, or -1: the two edges every word tries. */
  nameChild: Int32Array;
  formChild: Int32Array;
  /** Node -> the suppliers whose name ends there, `ownerSupplier[ownerStart[node] .. ownerStart[node + 1]]`. */
  ownerStart: NumberArray;
  ownerSupplier: NumberArray;
  /** Per owner, the legal forms registered with its name, as bits (see LEGAL_FORM_SPELLINGS). */
  ownerForms: NumberArray;
  /** Per owner, what its name needs around it to count, as bits (NEEDS_FORM, NEEDS_CAPITALS, NOT_A_PERSON). */
  ownerRule: NumberArray;
  /** Node -> the legal form a spelling completes there (a bit), and where that form may stand. */
  formBit: NumberArray;
  formPlacement: NumberArray;
  /** Most words in a name: the most name paths that can be open at once. */
  longestName: number;
  /** Hashes (hashWord, unsigned, sorted) of the words that show a person before a name: titles, first names. */
  titleHashes: NumberArray;
  firstNameHashes: NumberArray;
  /** Whole e-mail addresses, by their key as domains are. */
  emails: Identifiers;
  domains: Identifiers;
  kvk: Identifiers;
  /** The VAT number `NL123456789B01` as 12345678901. */
  vat: Identifiers;
}

/**
 * Identifiers in ascending order, each beside its supplier; found by binary search. Domains are known by their
 * key (`domainKeyOf`: two hashes of the text read backwards, as a scan reads host names), not their text.
 */
export interface Identifiers {
  values: NumberArray;
  suppliers: NumberArray;
}

// What a name needs to count (ownerRule), as bits.
/** Only next to a legal form (or as part of a longer registered name, which is a name of its own). */
export const NEEDS_FORM = 1;
/** Only written in capitals: an acronym (`BAM`, `KPN`). */
export const NEEDS_CAPITALS = 2;
/** Not right after a title, initials or a first name: there it is a person (`dhr. Smits`, `Anne Bakker`). */
export const NOT_A_PERSON = 4;

export const NAMES = 0;
export const FORMS = 1;
export const ROOTS = 2;

export function buildTables(compiled: CompiledMatcher): Tables {
  if (compiled.format !== COMPILED_FORMAT) throw new Error(`unknown compiled matcher format ${compiled.format}`);
  const unpacked = unpackArrays(compiled.tables);
  const packed = Object.fromEntries(PACKED_TABLES.map((name, i) => [name, unpacked[i]])) as Record<
    PackedTable,
    NumberArray
  >;
  const words = compiled.words ? compiled.words.split(' ') : [];
  const { edgeStart, edges } = packed;
  const rootChildren = (root: number) => {
    const child = new Int32Array(words.length).fill(-1);
    for (let edge = edgeStart[root]; edge < edgeStart[root + 1]; edge++) child[edges[edge] >> 1] = edge + ROOTS;
    return child;
  };
  const tables: Tables = {
    ...packed,
    words,
    ...wordTable(packed.wordHashes),
    andWord: -1,
    tradeWord: new Uint8Array(words.length),
    nameChild: rootChildren(NAMES),
    formChild: rootChildren(FORMS),
    longestName: compiled.longestName,
    emails: { values: packed.emailKeys, suppliers: packed.emailSuppliers },
    domains: { values: packed.domainKeys, suppliers: packed.domainSuppliers },
    kvk: { values: packed.kvkValues, suppliers: packed.kvkSuppliers },
    vat: { values: packed.vatValues, suppliers: packed.vatSuppliers },
  };
  // Found as the scan finds words, in the finished tables: lookUp then sees one shape of object only.
  const indexOf = (word: string) => lookUp(tables, word, 0, word.length, hashWord(word), false, false);
  tables.andWord = indexOf(AND_WORD);
  for (const trade of TRADE_WORDS) {
    const index = indexOf(trade);
    if (index >= 0) tables.tradeWord[index] = 1;
  }
  return tables;
}

/** The word table from each word's hash (the hash of its folded text, see hashWord). */
function wordTable(hashes: NumberArray) {
  // Most words of a text are in no name: a sparse table lets most of them stop at the first, empty, slot.
  const wordSlots = new Int32Array(tableSize(hashes.length * 4));
  const wordHashes = new Int32Array(wordSlots.length);
  for (let index = 0; index < hashes.length; index++) {
    let slot = hashes[index] & (wordSlots.length - 1);
    while (wordSlots[slot] !== 0) slot = (slot + 1) & (wordSlots.length - 1);
    wordSlots[slot] = index + 1;
    wordHashes[slot] = hashes[index];
  }
  const wordFilter = new Int32Array(tableSize(hashes.length));
  for (let index = 0; index < hashes.length; index++) {
    wordFilter[(hashes[index] >>> 5) & (wordFilter.length - 1)] |= 1 << (hashes[index] & 31);
  }
  return { wordSlots, wordHashes, wordFilter };
}

/** A power of two with at least half its slots free, so that probe runs stay short. */
function tableSize(count: number): number {
  let size = 8;
  while (size < count * 2) size *= 2;
  return size;
}
