/**
 * The ways people write a registered name, and what each way needs around it to count. Lexicon-free: whether a
 * name is ambiguous is decided on the server (name-rules.ts) and travels with the watchlist entry, so that the
 * extension compiles the same matcher without the word lists.
 */
import { NAME_PARTICLES } from './legal-forms.ts';
import { FORM_WORDS, splitName } from './names.ts';
import { FOLD, SEPARATOR, words } from './normalize.ts';

/** What a name needs to count, as bits: */
/** Only next to a legal form (or as part of a longer registered name, which is a name of its own). */
export const NEEDS_FORM = 1;
/** Only written in capitals: an acronym (`BAM`, `KPN`). */
export const NEEDS_CAPITALS = 2;
/** Not right after a title, initials or a first name: there it is a person (`dhr. Smits`, `Anne Bakker`). */
export const NOT_A_PERSON = 4;

export interface NameCore {
  words: string[];
  joined: boolean[];
  forms: number;
  distinctive: number;
  /** Registered in capitals, 2 to 5 letters or digits: an acronym. */
  capitals: boolean;
  /** The name as registered; the others are other spellings of it, never ambiguous. */
  registered: boolean;
}

/** Words a legal name may be written with or without, when at least two distinctive words remain. */
const OPTIONAL_WORDS: ReadonlySet<string> = new Set(['koninklijke', 'groep', 'group', 'holding', 'nederland']);
const ROYAL = 'koninklijke';
const ROYAL_SHORT = 'kon';
const ACRONYM = /^(?=.*\p{Lu})[\p{Lu}\p{N}]{2,5}$/u;

const isDistinctive = (word: string) => !NAME_PARTICLES.has(word) && !FORM_WORDS.has(word);

/**
 * The registered name's core first, then its other spellings: inner capitals split (`VolkerWessels` as
 * `Volker Wessels`), optional words left out (`Dura Vermeer Groep` as `Dura Vermeer`), `Koninklijke` as `Kon.`.
 * Empty for a name that is only a legal form.
 */
export function nameCores(name: string): NameCore[] {
  const parts = splitName(name);
  if (parts.distinctive === 0) return [];
  const registered: NameCore = {
    words: parts.core,
    joined: parts.joined,
    forms: parts.forms,
    distinctive: parts.distinctive,
    capitals: parts.core.length === 1 && isAcronym(name, parts.core[0]),
    registered: true,
  };
  const cores = [registered];
  const seen = new Set([key(registered)]);
  const add = (words: string[], joined: boolean[]) => {
    const core: NameCore = { words, joined, forms: parts.forms, distinctive: words.filter(isDistinctive).length, capitals: false, registered: false };
    if (core.distinctive < 2 || seen.has(key(core))) return;
    seen.add(key(core));
    cores.push(core);
  };
  // A hyphen where the capitals meet, so that the text may write them apart, joined or as one word.
  const split = name.replace(/(\p{Ll})(?=\p{Lu})/gu, '$1-');
  if (split !== name) {
    const { core, joined } = splitName(split);
    add(core, joined);
  }
  for (const core of [...cores]) {
    const optional = core.words.flatMap((word, i) => (OPTIONAL_WORDS.has(word) ? [i] : []));
    for (let leftOut = 1; leftOut < 1 << optional.length; leftOut++) {
      const keep = core.words.map((_, i) => !optional.some((at, bit) => at === i && leftOut & (1 << bit)));
      add(core.words.filter((_, i) => keep[i]), core.joined.filter((_, i) => keep[i]).map((joined, i) => joined && i > 0));
    }
  }
  for (const core of [...cores]) {
    if (core.words.includes(ROYAL)) add(core.words.map((word) => (word === ROYAL ? ROYAL_SHORT : word)), core.joined);
  }
  return cores;
}

/** The folded text by which a registered core's ambiguity is known (see name-rules.ts). */
export const coreText = (core: NameCore) => core.words.join(' ');

/** What the core needs to count (NEEDS_FORM, NEEDS_CAPITALS, NOT_A_PERSON), given whether it is ambiguous. */
export function coreRule(core: NameCore, ambiguous: boolean): number {
  if (core.capitals) return NEEDS_CAPITALS;
  let rule = core.registered && ambiguous ? NEEDS_FORM : 0;
  if (core.distinctive === 1) rule |= NOT_A_PERSON;
  return rule;
}

function key(core: NameCore): string {
  return `${core.words.join(' ')}|${core.joined.join()}`;
}

/** Whether the word of `name` that folds to `folded` is written in capitals. */
function isAcronym(name: string, folded: string): boolean {
  return rawWords(name).some((raw) => ACRONYM.test(raw) && words(raw)[0] === folded);
}

/** The words of a text as written: runs of units that do not fold to a separator. */
function rawWords(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && FOLD[text.charCodeAt(i)] !== SEPARATOR;
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      found.push(text.slice(start, i));
      start = -1;
    }
  }
  return found;
}
