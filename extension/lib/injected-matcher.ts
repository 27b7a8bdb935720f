/**
 * The matcher's code reaches a tab only when the tab has flags to draw: the background injects the unlisted
 * script entrypoints/matcher.ts, which leaves `loadMatcher` here, in the world the content scripts share. Frames
 * without a watchlist to draw (child frames, a signed-out browser, a paused site) are spared its code.
 */
import type { loadMatcher } from '../../core/matcher';

export type LoadMatcher = typeof loadMatcher;

const KEY = '__zuiverLoadMatcher';
export const MATCHER_SCRIPT = '/matcher.js';

export function provideLoadMatcher(load: LoadMatcher): void {
  (globalThis as Record<string, unknown>)[KEY] = load;
}

export function injectedLoadMatcher(): LoadMatcher | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as LoadMatcher | undefined;
}
