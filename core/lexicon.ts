/**
 * The word lists that make a name ambiguous: common Dutch words, personal names and Dutch places (see
 * scripts/lexicon.ts for where they come from). Large: only the server's compiling side imports this module,
 * and the lists are decoded on first use, once.
 */
import { COMMON_WORDS, PERSON_NAMES, PLACES } from './lexicon.generated.ts';
import { FIRST_NAMES } from './person-words.ts';
import { WordList } from './word-list.ts';

export type Ambiguity = 'word' | 'surname' | 'first_name' | 'place';

interface Lookup {
  has(folded: string): boolean;
}

let lists: Record<Ambiguity, Lookup> | undefined;

function loaded(): Record<Ambiguity, Lookup> {
  return (lists ??= {
    word: new WordList(COMMON_WORDS),
    surname: new WordList(PERSON_NAMES),
    first_name: new Set(FIRST_NAMES),
    // Small, and asked about every name of several words: a set.
    place: new Set(new WordList(PLACES).words()),
  });
}

/** Decodes the lists now rather than on first use (a server at start, a benchmark before it times a build). */
export function loadLexicon(): void {
  loaded();
}

const ALL: readonly Ambiguity[] = ['word', 'surname', 'first_name', 'place'];

/** Which of the lists (all by default) hold `folded`: a name folded as normalize.ts folds it, words joined by spaces. */
export function ambiguityOf(folded: string, kinds: readonly Ambiguity[] = ALL): Ambiguity[] {
  const all = loaded();
  return kinds.filter((kind) => all[kind].has(folded));
}
