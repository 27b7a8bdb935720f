/**
 * The one piece of code that decides where a supplier is mentioned: names (any legal form, case, diacritics,
 * spacing), e-mail addresses, domains, KvK and VAT numbers. `compileMatcher` runs where the watchlist is, `loadMatcher` where
 * texts are (every browser tab, see load.ts); `createMatcher` does both.
 */
import { compileMatcher } from './compile.ts';
import { loadMatcher, type Matcher } from './load.ts';
import { isAmbiguousCore } from './name-rules.ts';
import type { WatchEntry } from '../types.ts';

export { PARAGRAPH_SEPARATOR } from './scan.ts';
export type { CompiledMatcher } from './tables.ts';
export { compileMatcher, loadMatcher, type Matcher };

/**
 * A matcher that names each supplier by its id, with every rule applied: whether each name is ambiguous is
 * decided here from the word lists (name-rules.ts), whatever the entries say.
 */
export function createMatcher(entries: WatchEntry[]): Matcher {
  const mentions = loadMatcher(compileMatcher(entries, isAmbiguousCore));
  return { scan: (text) => mentions.scan(text).map((mention) => ({ ...mention, id: entries[mention.supplier].id })) };
}
