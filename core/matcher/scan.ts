/**
 * One left-to-right pass over a text. Words are folded and hashed as they are read; each word costs one probe
 * in the word table, and only words that occur in some name go on to walk the trie of names. Up to
 * `longestName` name paths are open at a time (twice that where a trade word is read two ways, see tradeWord), so
 * the pass stays linear in the text whatever the number of names.
 */
import * as identifiers from './identifiers.ts';
import * as tables from './tables.ts';
import type { Tables } from './tables.ts';
import { AFTER, BEFORE } from './legal-forms.ts';
import * as normalize from './normalize.ts';
import { completeNames, JOINED, settleNames, type CompleteNames } from './complete-names.ts';
import { PARAGRAPH_SEPARATOR } from './paragraph.ts';
import { copyPaths, paths, type Paths } from './name-paths.ts';
import { isGap } from './compounds.ts';
import { afterAbbreviation, joinedAfter, joinedBefore } from './joins.ts';
import {
  hashExpansion,
  isApostrophe,
  lookUp,
  lookUpJoined,
  lookUpPossessive,
  lookUpWithIj,
  wordStart,
  Y,
} from './word-lookup.ts';

// Read once: a bundler or test runner may turn every use of an imported binding into a property lookup, and
// the loop below uses these for every character.
const { AMPERSAND, EXPANDED, FOLD, HASH_PRIME, HASH_SEED, IGNORED, SEPARATOR, finishHash } = normalize;
const { foldAt, isLabelUnit, scanEmail, scanHost, scanKvk, scanLabelledKvk, scanVat, unitAt } = identifiers;
const { ROOTS } = tables;

export { PARAGRAPH_SEPARATOR };
const PARAGRAPH_UNIT = PARAGRAPH_SEPARATOR.charCodeAt(0);

/** Raw matches of one scan, before overlaps are settled; parallel arrays reused from scan to scan. */
export interface Found {
  count: number;
  start: number[];
  end: number[];
  supplier: number[];
  kind: number[];
}

export class Scanner {
  readonly found: Found = { count: 0, start: [], end: [], supplier: [], kind: [] };
  private text = '';
  /** Words read so far, and the number of the last one that occurs in some name or legal form. */
  private tok = 0;
  private lastWord = -2;
  // Name paths open after the last word, and those open before it (the last word read them); a third set for the
  // paths open before the word before a trade word (see tradeWord).
  private open: Paths;
  private before: Paths;
  private readonly spare: Paths;
  // Names whose words are complete; a legal form right after them may still widen them. Joined ones are kept
  // only to rule out the shorter names inside them.
  private readonly names: CompleteNames = completeNames();
  // Legal forms: the spelling being read, and the run of complete spellings (`Holding B.V.`) it may extend.
  private formNode = -1;
  private spellingRunWord = 0;
  private spellingRunStart = 0;
  private spellingRunForms = 0;
  private spellingRunPlacement = 0;
  private runFirstWord = 0;
  private runLastWord = -2;
  private runStart = 0;
  private runForms = 0;
  private runPlacement = 0;
  private readonly add = (start: number, end: number, supplier: number, kind: number) => {
    const found = this.found;
    found.start[found.count] = start;
    found.end[found.count] = end;
    found.supplier[found.count] = supplier;
    found.kind[found.count++] = kind;
  };

  constructor(private readonly t: Tables) {
    // A path per word of the longest name, twice: a trade word can be read two ways (see tradeWord).
    const size = 2 * (t.longestName + 1);
    this.open = paths(size);
    this.before = paths(size);
    this.spare = paths(size);
  }

  scan(text: string): void {
    this.text = text;
    this.found.count = this.names.count = this.open.count = this.tok = 0;
    this.lastWord = this.runLastWord = -2;
    const n = text.length;
    let hostEnd = -1;
    // The word read last, whether in a name or not.
    let lastStart = -1;
    let lastEnd = -1;
    let i = 0;
    while (i < n) {
      const unit = text.charCodeAt(i);
      let folded = FOLD[unit];
      if (folded === SEPARATOR) {
        if (unit === 0x20) {
          // The common case first: a space needs nothing.
        } else if (unit === 0x2e) {
          if (i > hostEnd && i + 1 < n && isLabelUnit(text.charCodeAt(i + 1)))
            hostEnd = scanHost(this.t, text, i, this.add);
        } else if (unit === AMPERSAND) {
          if (this.t.andWord >= 0) this.word(this.t.andWord, i, i + 1);
          else this.tok++;
        } else if (isApostrophe(unit)) {
          // `Piet's` for `Piets Tegelwerken`: the word before, in no name as written, read with the `s` after it.
          const word = this.lastWord !== this.tok ? lookUpPossessive(this.t, text, i) : -1;
          if (word >= 0) {
            this.tok--;
            this.word(word, wordStart(text, i), i + 2);
            i++;
          }
        } else if (unit === 0x40 || unit === PARAGRAPH_UNIT) {
          // No name runs across an `@`, or from one paragraph (a table cell, a block) into the next: count it
          // as a word that occurs in no name.
          this.tok++;
          if (unit === 0x40 && this.t.emails.values.length > 0) scanEmail(this.t, text, i, this.add);
        }
        i++;
        continue;
      }
      const start = i;
      const first = folded;
      let hash = HASH_SEED;
      let y = false;
      for (;;) {
        if (folded < EXPANDED) {
          hash = Math.imul(hash ^ folded, HASH_PRIME);
          if (folded === Y) y = true;
        } else if (folded !== IGNORED) hash = hashExpansion(hash, folded);
        if (++i >= n) break;
        folded = FOLD[text.charCodeAt(i)];
        if (folded === SEPARATOR) break;
      }
      let word = lookUp(this.t, text, start, i, finishHash(hash), false, false);
      if (word < 0 && y) word = lookUpWithIj(this.t, text, start, i);
      if (word < 0) this.tok++;
      else if (this.t.tradeWord[word] === 1 && lastEnd >= 0 && isGap(text, lastEnd, start))
        this.tradeWord(word, lastStart, lastEnd, start, i);
      else this.word(word, start, i);
      lastStart = start;
      lastEnd = i;
      if (first >= 0x30 && first <= 0x39) {
        if (i - start === 2 || i - start === 4 || i - start === 8) scanKvk(this.t, text, start, i, this.add);
      } else if (first === 0x6e && foldAt(text, start + 1) === 0x6c) scanVat(this.t, text, start, this.add);
      else if (first === 0x6b && i - start === 11) scanLabelledKvk(this.t, text, start, i, this.add);
    }
    settleNames(this.t, text, this.names, this.add);
  }

  /** The trie edge from `from` over `word`, or -1: a binary search, as a node's edges are sorted by word. */
  private edge(from: number, word: number): number {
    const { edgeStart, edges } = this.t;
    let low = edgeStart[from];
    let high = edgeStart[from + 1];
    while (low < high) {
      const middle = (low + high) >> 1;
      const found = edges[middle] >> 1;
      if (found === word) return middle;
      if (found < word) low = middle + 1;
      else high = middle;
    }
    return -1;
  }

  /** A word that occurs in some name or legal form, at `start..end`. */
  private word(word: number, start: number, end: number): void {
    // A word that occurs in no name came in between: no path runs on and no legal form continues.
    if (this.lastWord !== this.tok) {
      this.open.count = 0;
      this.formNode = -1;
    }
    this.lastWord = ++this.tok;
    const before = this.open;
    this.open = this.before;
    this.before = before;
    this.open.count = 0;
    this.follow(before, word, start, end, this.tok);
    this.legalForm(word, start, end);
  }

  /**
   * A trade word right after a word (`Installatie Techniek`, `Isolatie-bedrijf`): read on its own, and with that
   * word as one (`installatietechniek`) where a name has the compound, going on from the paths open before it.
   */
  private tradeWord(word: number, start: number, gapStart: number, gapEnd: number, end: number): void {
    const compound = lookUpJoined(this.t, this.text, start, gapStart, gapEnd, end);
    if (compound < 0) return this.word(word, gapEnd, end);
    // The paths open before the first word: read by that word, when it occurs in some name; else still open,
    // unless another word in no name came before it.
    if (this.lastWord === this.tok) copyPaths(this.before, this.spare);
    else if (this.lastWord === this.tok - 1) copyPaths(this.open, this.spare);
    else this.spare.count = 0;
    this.word(word, gapEnd, end);
    this.follow(this.spare, compound, start, end, this.tok - 1);
  }

  /**
   * Adds to the open paths those of `from` that go on with `word` (at `start..end`, word number `tok`), and the
   * path it starts; completes the names it ends.
   */
  private follow(from: Paths, word: number, start: number, end: number, tok: number): void {
    const t = this.t;
    const open = this.open;
    const rootChild = t.nameChild[word];
    // Most such words continue no path and start none (a word only inside names): nothing to look around for.
    const joined = (from.count > 0 || rootChild >= 0) && joinedBefore(this.text, start);
    // `Makelaardij-Visser` is one compound word, not the name Makelaardij Visser; `Midden-Delfland` may be, and so
    // may a name that Dutch spelling joins to an abbreviation (`CV-Service`, `3D-Meetbureau` for `CV Service`).
    const compound = joined && !afterAbbreviation(this.text, start);
    // Room is kept for the path the word starts; the paths fill up only where trade words in a row are each read
    // two ways.
    const room = open.node.length - 1;
    for (let k = 0; k < from.count && open.count < room; k++) {
      const edge = this.edge(from.node[k], word);
      if (edge < 0 || (compound && (t.edges[edge] & 1) === 0)) continue;
      const node = edge + ROOTS;
      const path = open.count++;
      open.node[path] = node;
      open.start[path] = from.start[k];
      open.coreStart[path] = from.coreStart[k];
      open.forms[path] = from.forms[k];
      if (t.ownerStart[node + 1] > t.ownerStart[node]) this.nameComplete(node, path, end);
    }
    if (rootChild >= 0 && open.count <= room) {
      const afterRun = this.runLastWord === tok - 1 && (this.runPlacement & BEFORE) !== 0;
      const path = open.count++;
      open.node[path] = rootChild;
      open.start[path] = afterRun ? this.runStart : start;
      open.coreStart[path] = start;
      open.forms[path] = joined ? JOINED : afterRun ? this.runForms : 0;
      if (t.ownerStart[rootChild + 1] > t.ownerStart[rootChild]) this.nameComplete(rootChild, path, end);
    }
  }

  /** The name of open path `path` is complete with the word that ends at `end`. */
  private nameComplete(node: number, path: number, end: number): void {
    const names = this.names;
    const k = names.count++;
    names.start[k] = this.open.start[path];
    names.end[k] = end;
    names.node[k] = node;
    names.forms[k] = joinedAfter(this.text, end) ? JOINED : this.open.forms[path];
    names.lastWord[k] = this.tok;
    names.coreStart[k] = this.open.coreStart[path];
    names.coreEnd[k] = end;
    names.hidden[k] = false;
  }

  private legalForm(word: number, start: number, end: number): void {
    const t = this.t;
    const edge = this.formNode >= 0 ? this.edge(this.formNode, word) : -1;
    let node = edge < 0 ? -1 : edge + ROOTS;
    if (node < 0) {
      node = t.formChild[word];
      if (node >= 0) this.spellingStarts(start);
    }
    this.formNode = node;
    if (node < 0 || t.formBit[node] === 0 || joinedAfter(this.text, end)) return;
    this.runFirstWord = this.spellingRunWord;
    this.runStart = this.spellingRunStart;
    this.runForms = this.spellingRunForms | t.formBit[node];
    this.runPlacement = this.spellingRunPlacement & t.formPlacement[node];
    this.runLastWord = this.tok;
    if ((this.runPlacement & AFTER) === 0) return;
    // The dot of an abbreviation belongs to it (`B.V.`), even where it also ends the sentence; so does the closing
    // bracket of a form in brackets (`Smits (B.V.)`), or the flag would show one bracket.
    let through = end - start <= 2 && unitAt(this.text, end) === 0x2e ? end + 1 : end;
    if (unitAt(this.text, this.runStart - 1) === 0x28 && unitAt(this.text, through) === 0x29) through++;
    const names = this.names;
    for (let k = names.count - 1; k >= 0 && names.lastWord[k] >= this.runFirstWord - 1; k--) {
      if (names.lastWord[k] !== this.runFirstWord - 1) continue;
      names.end[k] = through;
      names.forms[k] |= this.runForms;
    }
  }

  /** A spelling that starts right after a complete one continues its run: `Holding` + `B.V.`. */
  private spellingStarts(start: number): void {
    const continues = this.runLastWord === this.tok - 1;
    this.spellingRunWord = continues ? this.runFirstWord : this.tok;
    this.spellingRunStart = continues ? this.runStart : start;
    this.spellingRunForms = continues ? this.runForms : 0;
    this.spellingRunPlacement = continues ? this.runPlacement : BEFORE | AFTER;
  }
}
