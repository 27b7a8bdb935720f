/**
 * The matcher's code reaches top frames only: a content script of its own (entrypoints/matcher.content.ts), run
 * beside the main one at document_start, leaves `loadMatcher` here, in the world the content scripts share. A
 * child frame has the background scan for it (see features/start.ts), so the code would only cost it memory.
 */
import type { loadMatcher } from '../../core/matcher/load';

export type LoadMatcher = typeof loadMatcher;

const KEY = '__zuiverLoadMatcher';
export const MATCHER_SCRIPT_FILE = '/content-scripts/matcher.js';

export function provideLoadMatcher(load: LoadMatcher): void {
  (globalThis as Record<string, unknown>)[KEY] = load;
}

export function sharedLoadMatcher(): LoadMatcher | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as LoadMatcher | undefined;
}
