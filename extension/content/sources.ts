/**
 * Where a document's matching comes from. The top frame reads its prepared matcher from storage
 * (shared/flag-data.ts) and loads it with the matcher's code, which a content script of its own brings
 * (shared/matcher-loading.ts). A child frame never holds a matcher: the background scans its text.
 */
import { loadedMatcher } from '../shared/matcher-loading.ts';
import { sendToBackground } from '../shared/messaging.ts';
import { flagsToDraw, kindsOf, storedFlags, type PreparedFlags } from '../shared/flag-data.ts';
import type { Matching } from './flags/scan.ts';
import { yieldToPage } from './pacing.ts';

export interface Source {
  version: string;
  matching: Matching;
}

/**
 * The prepared matcher loaded: a millisecond or two, since its tables come built. Measured, as the part of the
 * matcher's readiness that is ours; the rest is the browser answering (storage, the background).
 */
function localSource(prepared: PreparedFlags): Source | null {
  const loadMatcher = loadedMatcher();
  if (!loadMatcher) return null;
  const start = performance.now();
  const source = {
    version: prepared.version,
    matching: { local: loadMatcher(prepared.compiled), kinds: kindsOf(prepared) },
  };
  performance.measure('zuiver:matcher-load', { start });
  return source;
}

/** The version of the flags this page draws, null for none (signed out, a paused site, no usable copy). */
export function askVersion(): Promise<string | null> {
  return sendToBackground('flagVersion').catch(() => null);
}

/**
 * A top frame's first matcher, read from storage and drawn without waiting for the background, whose service
 * worker may be asleep (50-60 ms to wake): the tab decides from what storage says (shared/flag-data.ts), and the
 * background's answer follows as the first refresh, which replaces whatever it disagrees with. When the matcher
 * is ready is measured from `startedAt` (visible in the browser's performance tools, and read by the bench). The
 * first scan is a task of its own, so that it adds to no long one.
 */
export async function firstMatcher(startedAt: number): Promise<Source | null> {
  const prepared = await flagsToDraw(location.hostname, Date.now()).catch(() => null);
  const source = prepared && localSource(prepared);
  if (source) performance.measure('zuiver:matcher-ready', { start: startedAt });
  await yieldToPage();
  return source;
}

/**
 * The prepared matcher of `version`, from storage; from the background where storage holds another version (a
 * sync under way) or format (flags an earlier release prepared).
 */
export async function localMatcher(version: string): Promise<Source | null> {
  const stored = await storedFlags().catch(() => null);
  const prepared = stored?.version === version ? stored : await sendToBackground('flagData').catch(() => null);
  const source = prepared && localSource(prepared);
  await yieldToPage();
  return source;
}

/** A child frame's matching: its text goes to the background, one message per pass. */
export function remoteSource(version: string): Source {
  const remote = async (texts: string[]) => {
    const reply = await sendToBackground('scan', texts).catch(() => null);
    // A reply for another version is dropped: the refresh that follows a sync brings the new one.
    return reply?.version === version ? reply.matches : null;
  };
  return { version, matching: { remote } };
}
