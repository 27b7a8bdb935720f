/**
 * What a tab needs to draw flags, prepared once per watchlist version by the background (lib/sync.ts) and stored
 * in `storage.local`. A tab reads it from there itself: one storage read is several times faster than the
 * background sending the same megabyte through the service worker. This module defines no storage items, so that
 * a content script importing it reads nothing else (the token among it) and starts no storage migrations.
 */
import { browser } from 'wxt/browser';
import type { CompiledMatcher } from '../../core/matcher';

/** The compiled matcher and, per supplier in watchlist order, its conflict kinds as initials ("n", "nr"). */
export interface FlagData {
  version: string;
  compiled: CompiledMatcher;
  kinds: string[];
}

/**
 * Raised whenever FlagData, or the compiled matcher in it, changes shape: flags prepared by an earlier release
 * of the extension are then prepared again from the copy of the watchlist.
 */
export const FLAG_DATA_FORMAT = 4;

/** FlagData serialised once, so each tab receives (and the background stores) one string. */
export interface PreparedFlags {
  format: number;
  version: string;
  /** JSON of a FlagData. */
  json: string;
}

/** The key of the `flagData` item in `storage.local` (see storage.ts). */
export const FLAG_DATA_KEY = 'flagData';

/** The prepared flags in storage, or null when there are none in this release's format. */
export async function storedFlags(): Promise<PreparedFlags | null> {
  const { [FLAG_DATA_KEY]: stored } = await browser.storage.local.get(FLAG_DATA_KEY);
  const flags = stored as PreparedFlags | undefined;
  return flags?.format === FLAG_DATA_FORMAT ? flags : null;
}
