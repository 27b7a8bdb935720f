/**
 * How a registered name will match, decided with the word lists (words/lexicon.ts): on its own, only with a legal form
 * or the rest of a longer name (when it is one word that is also a common word, a personal name or a place), or
 * only in capitals (an acronym). The server annotates each watchlist entry with the verdict (`ambiguous`), so
 * that whoever compiles the matcher applies the very rule shown here.
 */
import { ambiguityOf, isPlaceName, type Ambiguity } from './words/lexicon.ts';
import { NAME_PARTICLES } from './legal-forms.ts';
import { NEEDS_CAPITALS, NEEDS_FORM } from './tables.ts';
import { coreRule, coreText, nameCores, type NameCore } from './name-variants.ts';
import { namesWithin } from './registered-names.ts';

export type { Ambiguity };
export type NameRule = 'alone' | 'context' | 'capitals' | 'never';
export interface NameMatchRule {
  rule: NameRule;
  ambiguousAs?: Ambiguity[];
}

/**
 * How a registered name or alias will match: on its own, only with a legal form or the rest of a longer name, only
 * in capitals, or never (a legal form alone).
 */
export function nameMatchRule(name: string): NameMatchRule {
  const core = nameCores(name)[0];
  // Only legal forms (`Holding B.V.`): nothing to find, which the manager must hear where the name is typed.
  if (!core) return { rule: 'never' };
  const ambiguousAs = coreAmbiguity(core);
  const rule = coreRule(core, ambiguousAs.length > 0);
  if (rule & NEEDS_CAPITALS) return { rule: 'capitals' };
  return rule & NEEDS_FORM ? { rule: 'context', ambiguousAs } : { rule: 'alone' };
}

/**
 * The folded cores of these names, and of their other spellings, that are ambiguous (see coreText): what a
 * watch entry carries as `ambiguous`, for compileMatcher to apply every rule without the word lists.
 */
export function ambiguousNames(names: string[]): string[] {
  const ambiguous = new Set<string>();
  for (const name of names.flatMap(namesWithin)) {
    for (const core of nameCores(name)) if (isAmbiguousCore(core)) ambiguous.add(coreText(core));
  }
  return [...ambiguous];
}

/** Whether the word lists make this spelling of a name ambiguous: what createMatcher compiles with. */
export function isAmbiguousCore(core: NameCore): boolean {
  return coreAmbiguity(core).length > 0;
}

/**
 * One distinctive word, with at most particles before it (`Smits`, `De Zon`, `Van Wijnen`): ambiguous when
 * that word, or the whole name, is in a list. A longer name is ambiguous only when it is a place as a whole
 * (`Bergen op Zoom`). Acronyms never are: the capitals tell them apart.
 */
function coreAmbiguity(core: NameCore): Ambiguity[] {
  if (core.capitals) return [];
  if (core.distinctive === 1 && core.words.slice(0, -1).every((word) => NAME_PARTICLES.has(word))) {
    const last = core.words[core.words.length - 1];
    return [...new Set([...ambiguityOf(last), ...ambiguityOf(coreText(core))])];
  }
  return isPlaceName(core.words) ? ['place'] : [];
}
