/**
 * Firms' names are compounds that end in a trade word (`Installatietechniek`, `Isolatiebedrijf`,
 * `Kantoorartikelen`), and people write them apart as often: `Installatie Techniek`, `Isolatie-bedrijf`. The scan
 * reads a word of the text and a trade word right after it also as one word (scan.ts), when a name has that
 * compound (the compiler puts the trade words in its vocabulary); a name registered apart is spelled together too
 * (`joinedCompounds`). A fixed list rather than the word lists: tabs compile and scan without them.
 */
import { isHyphen } from './normalize.ts';

/** The trade words that firms' compound names end in, folded. */
export const TRADE_WORDS: readonly string[] = [
  'bedrijf',
  'bedrijven',
  'techniek',
  'installaties',
  'service',
  'diensten',
  'handel',
  'bureau',
  'werken',
  'beheer',
  'onderhoud',
  'advies',
  'materialen',
  'artikelen',
  'centrum',
  'maatschappij',
  'ontwikkeling',
  'systemen',
  'verhuur',
  'transport',
  'bouw',
  'sanering',
  'montage',
  'fabriek',
  'voorziening',
  'groep',
];

const TRADE_WORD: ReadonlySet<string> = new Set(TRADE_WORDS);

/**
 * The core with each trade word that a name writes apart joined to the word before it (`Van Dijk Installatie
 * Techniek` as `van dijk installatietechniek`), when that word tells firms apart and has three letters or more,
 * and two distinctive words remain (`Bos Bouw` is not `bosbouw`, forestry); null otherwise.
 */
export function joinedCompounds(
  words: string[],
  joined: boolean[],
  isDistinctive: (word: string) => boolean,
): { core: string[]; joined: boolean[] } | null {
  // Most names have no trade word written apart: the compiler asks this of every spelling of every name.
  if (!words.some((word, i) => i > 0 && TRADE_WORD.has(word))) return null;
  const core: string[] = [];
  const tied: boolean[] = [];
  let last = '';
  for (let i = 0; i < words.length; i++) {
    if (TRADE_WORD.has(words[i]) && last.length >= 3 && !TRADE_WORD.has(last) && isDistinctive(last)) {
      core[core.length - 1] += words[i];
      last = '';
    } else {
      core.push((last = words[i]));
      tied.push(joined[i]);
    }
  }
  return core.length < words.length && core.filter(isDistinctive).length >= 2 ? { core, joined: tied } : null;
}

/**
 * Whether `text[from..to]` may part a word and a trade word written apart from it: spaces or a line break (a name
 * runs across lines, as its words do), or a hyphen, also where a line was broken (`Installatie-\ntechniek`).
 */
export function isGap(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit !== 0x20 && unit !== 0xa0 && unit !== 0x0a && unit !== 0x0d && !isHyphen(unit)) return false;
  }
  return true;
}

/**
 * The two firms' words that a name joins with `en` and one trade word (`Bouw- en Aannemingsbedrijf Jansen`), each
 * on its own as people write it: `Bouwbedrijf Jansen`, `Aannemingsbedrijf Jansen`; while two distinctive words
 * remain. A `-` after the first word, or none, reads the same: the words do not keep it.
 */
export function coordinatedCompounds(
  words: string[],
  joined: boolean[],
  isDistinctive: (word: string) => boolean,
): Array<{ core: string[]; joined: boolean[] }> {
  // Most names have no `en` between two words: the compiler asks this of every spelling of every name.
  const i = words.indexOf('en');
  if (i < 1 || i + 1 >= words.length) return [];
  const [first, second] = [words[i - 1], words[i + 1]];
  const trade = TRADE_WORDS.find((word) => second.length > word.length && second.endsWith(word));
  if (!trade || first.length < 3 || first.endsWith(trade) || !isDistinctive(first)) return [];
  const before = i - 1;
  return [
    {
      core: [...words.slice(0, before), first + trade, ...words.slice(i + 2)],
      joined: [...joined.slice(0, i), ...joined.slice(i + 2)],
    },
    {
      core: [...words.slice(0, before), ...words.slice(i + 1)],
      joined: [...joined.slice(0, before), ...joined.slice(i + 1)],
    },
  ].filter(({ core }) => core.filter(isDistinctive).length >= 2);
}
