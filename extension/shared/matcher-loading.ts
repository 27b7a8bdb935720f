/**
 * How the matcher's code reaches a tab. It is a content script of its own (entrypoints/matcher.content.ts),
 * registered for top frames only and run beside the main one at document_start: a child frame has the background
 * scan for it (content/sources.ts), so the code, as large again as the main script, would only cost memory and
 * start-up time in every frame of a webmail. Two content scripts are two bundles, so they share no module; in
 * one frame they run in the extension's isolated world, whose global object the page's scripts cannot see. The
 * matcher's script leaves `loadMatcher` on that object, under the one name declared here, and the main script
 * takes it from there.
 * The background registers the same file for the sites a user adds, and injects it into the tab open on one.
 */
import type { loadMatcher } from '../../core/matcher/load.ts';

export type LoadMatcher = typeof loadMatcher;

declare global {
  // `var`: the one declaration that makes a property of the global object.
  var __zuiverLoadMatcher: LoadMatcher | undefined;
}

/** The matcher's script as WXT builds it from entrypoints/matcher.content.ts. */
export const MATCHER_SCRIPT_FILE = '/content-scripts/matcher.js';

/** Called by the matcher's script. */
export function provideLoadMatcher(load: LoadMatcher): void {
  globalThis.__zuiverLoadMatcher = load;
}

/** The matcher's code, once its script has run in this frame; undefined in child frames. */
export function loadedMatcher(): LoadMatcher | undefined {
  return globalThis.__zuiverLoadMatcher;
}
