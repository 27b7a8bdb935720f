/**
 * The word lists that make a name ambiguous: common Dutch words, personal names and Dutch places (see
 * scripts/lexicon.ts for where they come from). Large: only the server's compiling side imports this module,
 * and the lists are decoded on first use, once.
 */
import { COMMON_WORDS, PERSON_NAMES, PLACES } from './lexicon.generated.ts';
import { FIRST_NAMES } from './person-words.ts';
import { WordList } from './word-list.ts';
import { shortFormSpellings } from '../short-forms.ts';

export type Ambiguity = 'word' | 'surname' | 'first_name' | 'place';

interface Lookup {
  has(folded: string): boolean;
}

let lists: Record<Ambiguity, Lookup> | undefined;
/** The first word of every place name of several words: most names of several words start with no such word. */
let placeStarts: Set<string> | undefined;

function loaded(): Record<Ambiguity, Lookup> {
  if (lists) return lists;
  // Small, and asked about every name of several words: a set. A place written short is still the place
  // (`Capelle a/d IJssel`, `St. Michielsgestel`): each spelling is in it.
  const places = new WordList(PLACES).words().flatMap(shortFormSpellings);
  placeStarts = new Set(places.filter((place) => place.includes(' ')).map((place) => place.split(' ')[0]));
  return (lists = {
    word: new WordList(COMMON_WORDS),
    surname: new WordList(PERSON_NAMES),
    first_name: new Set(FIRST_NAMES),
    place: new Set(places),
  });
}

/** Whether these folded words, together, name a Dutch place (`bergen op zoom`). */
export function isPlaceName(words: readonly string[]): boolean {
  const place = loaded().place;
  return placeStarts!.has(words[0]) && place.has(words.join(' '));
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
