/**
 * The matchers of `POST /check`, shared as far as the answers allow. Building one costs far more than a scan, and
 * a person sees their role's common suppliers plus a few of their own (the suppliers they declared). So the
 * common set gets one matcher per registry identity, and a person's own few get a small one: a text that names
 * none of those is scanned with the common matcher, which then answers exactly as a matcher of everything the
 * person sees would (names that never occur in a text change nothing about the others). A text that names one of
 * them, or a person who sees fewer than the common set, gets the exact matcher of their visible set, which is
 * kept per set too, so people who see the same suppliers share it.
 */
import { createHash } from 'node:crypto';
import { createMatcher } from '../../core/matcher/index.ts';
import type { WatchlistEntry } from '../../core/types.ts';
import { pieceIn, type PersonView } from './views.ts';

export type Matcher = ReturnType<typeof createMatcher>;

/** Matchers kept, one per set of suppliers. */
const MAX_MATCHERS = 64;

export function createMatchers() {
  const bySet = new Map<string, Matcher>();
  const byView = new WeakMap<PersonView, Matcher>();

  function forSet(identity: number, entries: WatchlistEntry[]): Matcher {
    const key = `${identity}:${createHash('sha256')
      .update(entries.map((e) => e.id).join('\n'))
      .digest('base64url')}`;
    const matcher = bySet.get(key) ?? createMatcher(entries);
    bySet.delete(key);
    if (bySet.size >= MAX_MATCHERS) bySet.delete(bySet.keys().next().value!);
    bySet.set(key, matcher);
    return matcher;
  }

  return {
    /** The matcher that answers for this person's view. */
    of(view: PersonView): Matcher {
      const known = byView.get(view);
      if (known) return known;
      const visible: WatchlistEntry[] = [];
      const common: WatchlistEntry[] = [];
      const own: WatchlistEntry[] = [];
      let fewer = false;
      for (const id of view.order) {
        const mine = pieceIn(view, id)?.entry;
        const shared = view.shared.pieces.get(id)?.entry;
        if (mine) visible.push(mine);
        if (shared) common.push(shared);
        if (mine && !shared) own.push(mine);
        if (shared && !mine) fewer = true;
      }
      let matcher: Matcher;
      if (fewer) matcher = forSet(view.identity, visible);
      else if (!own.length) matcher = forSet(view.identity, common);
      else {
        const commonMatcher = forSet(view.identity, common);
        const ownMatcher = createMatcher(own);
        let exact: Matcher | undefined;
        matcher = {
          scan: (text) =>
            ownMatcher.scan(text).length
              ? (exact ??= forSet(view.identity, visible)).scan(text)
              : commonMatcher.scan(text),
        };
      }
      byView.set(view, matcher);
      return matcher;
    },
  };
}
