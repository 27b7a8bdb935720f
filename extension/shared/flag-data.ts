/**
 * What a tab needs to draw flags, prepared once per watchlist version by the background (background/sync.ts) and stored
 * in `storage.local`. A tab reads it from there itself: one storage read is several times faster than the
 * background sending the same data through the service worker, and needs no sleeping service worker to wake
 * (50-60 ms). This module defines no storage items, so that a content script importing it reads nothing else (the
 * token among it) and starts no storage migrations.
 */
import { browser } from 'wxt/browser';
import type { CompiledMatcher } from '../../core/matcher/tables.ts';

/**
 * Raised whenever PreparedFlags, or the compiled matcher in it, changes shape: flags prepared by an earlier
 * release of the extension are then prepared again from the copy of the watchlist.
 */
export const FLAG_DATA_FORMAT = 6;

/**
 * Stored as it is: a few fields, the long ones strings, which storage hands a tab as they are (far faster than
 * thousands of small values, and with nothing left to parse).
 */
export interface PreparedFlags {
  format: number;
  version: string;
  /** When the server last confirmed the watchlist (as the copy's `checkedAt`), so a tab can tell its age. */
  checkedAt: number;
  compiled: CompiledMatcher;
  /** Per supplier in watchlist order, the initials of its conflict kinds ("n", "nr"), separated by spaces. */
  kinds: string;
}

/** The conflict kinds of PreparedFlags, one entry per supplier position. */
export function kindsOf(flags: PreparedFlags): string[] {
  return flags.kinds.split(' ');
}

/** After this long without the server confirming it, a copy may show conflicts that were resolved: drop it. */
export const MAX_COPY_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** The keys in `storage.local` of the prepared flags and of the paused hosts (see storage.ts). */
export const FLAG_DATA_KEY = 'flagData';
export const PAUSED_KEY = 'paused';

/** The prepared flags in storage, or null when there are none in this release's format. */
export async function storedFlags(): Promise<PreparedFlags | null> {
  const { [FLAG_DATA_KEY]: stored } = await browser.storage.local.get(FLAG_DATA_KEY);
  const flags = stored as PreparedFlags | undefined;
  return flags?.format === FLAG_DATA_FORMAT ? flags : null;
}

/**
 * The stored flags a top frame on `host` draws before the background has answered: none where the user paused
 * the site or the copy is too old. The background has the last word (see content/start.ts).
 */
export async function flagsToDraw(host: string, now: number): Promise<PreparedFlags | null> {
  const stored = await browser.storage.local.get([FLAG_DATA_KEY, PAUSED_KEY]);
  const flags = stored[FLAG_DATA_KEY] as PreparedFlags | undefined;
  const paused = (stored[PAUSED_KEY] as string[] | undefined) ?? [];
  if (flags?.format !== FLAG_DATA_FORMAT || paused.includes(host)) return null;
  return now - flags.checkedAt <= MAX_COPY_AGE_MS ? flags : null;
}
