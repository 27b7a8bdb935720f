/**
 * Sorted word lists, front-coded so that the generated lexicon stays small: each word is the number of leading
 * characters it shares with the word before it (one base-36 digit, at most 35), then the rest of it; words are
 * separated by commas (a folded name may hold spaces, never a comma). Every BLOCK-th word is written whole, so
 * a lookup binary-searches those and decodes one block: loading is one split, with no set to fill.
 */
const BLOCK = 16;

export function encodeWordList(list: Iterable<string>): string {
  const sorted = [...new Set(list)].sort();
  let previous = '';
  return sorted
    .map((word, i) => {
      let shared = 0;
      if (i % BLOCK !== 0)
        while (shared < 35 && shared < previous.length && previous[shared] === word[shared]) shared++;
      previous = word;
      return shared.toString(36) + word.slice(shared);
    })
    .join(',');
}

export class WordList {
  private readonly entries: string[];

  constructor(encoded: string) {
    this.entries = encoded ? encoded.split(',') : [];
  }

  /** Every word, decoded. */
  words(): string[] {
    let previous = '';
    return this.entries.map((entry) => (previous = previous.slice(0, parseInt(entry[0], 36)) + entry.slice(1)));
  }

  has(word: string): boolean {
    const { entries } = this;
    // The last block whose first word is not after `word`; a block's first entry is `0` and the whole word.
    const whole = `0${word}`;
    let low = 0;
    let high = Math.ceil(entries.length / BLOCK);
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (entries[middle * BLOCK] <= whole) low = middle;
      else high = middle;
    }
    let previous = '';
    for (let i = low * BLOCK; i < Math.min(entries.length, (low + 1) * BLOCK); i++) {
      previous = previous.slice(0, parseInt(entries[i][0], 36)) + entries[i].slice(1);
      if (previous === word) return true;
      if (previous > word) return false;
    }
    return false;
  }
}
