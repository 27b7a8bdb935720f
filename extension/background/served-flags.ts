/**
 * What the background hands to tabs: the prepared matcher (the same for every tab, read from storage once per
 * service-worker life), the matches in the text of child frames, and, for the suppliers a tab flagged, what a
 * card shows. All come from the copy in use, so an expired copy flags nothing.
 */
import { loadMatcher } from '../../core/matcher/load.ts';
import type { Mention, Watchlist, WatchlistEntry } from '../../core/types.ts';
import type { CardData, KindedMatch, SupplierPositions } from '../shared/messaging.ts';
import { FLAG_DATA_FORMAT, MAX_COPY_AGE_MS, kindsOf, type PreparedFlags } from '../shared/flag-data.ts';
import { flagData, watchlistCopy, type WatchlistCopy } from './storage.ts';
import { tryPrepareFlags } from './sync.ts';

interface Cache {
  copy: WatchlistCopy | null;
  flags: PreparedFlags | null;
  /** Loaded only when a child frame first asks the background to scan for it. */
  matcher: { scan(text: string): Mention[]; kinds: string[] } | null;
  /** Parsed only when a card or a report of flags first needs it. */
  parsed: { watchlist: Watchlist; byId: Map<string, WatchlistEntry> } | null;
}

let cache: Promise<Cache> | null = null;

// A sync (or a wipe) makes the cache wrong; storage events reach every extension context that watches.
flagData.watch(() => (cache = null));
watchlistCopy.watch(() => (cache = null));

function load(): Promise<Cache> {
  cache ??= Promise.all([watchlistCopy.getValue(), flagData.getValue()]).then(async ([copy, flags]) => ({
    copy,
    flags:
      copy && (flags?.version === copy.version && flags.format === FLAG_DATA_FORMAT ? flags : await prepareAgain(copy)),
    matcher: null,
    parsed: null,
  }));
  return cache;
}

/** Flags prepared by an earlier release of the extension, in a shape its tabs no longer read, are prepared anew. */
async function prepareAgain(copy: WatchlistCopy): Promise<PreparedFlags | null> {
  const flags = tryPrepareFlags(JSON.parse(copy.body), copy.checkedAt);
  if (flags) await flagData.setValue(flags);
  return flags;
}

async function usable(now: number): Promise<Cache | null> {
  const loaded = await load();
  return loaded.copy && now - loaded.copy.checkedAt <= MAX_COPY_AGE_MS ? loaded : null;
}

/** The prepared flags for tabs, or null when there is no copy to use. */
export async function currentFlagData(now: number = Date.now()): Promise<PreparedFlags | null> {
  return (await usable(now))?.flags ?? null;
}

/** The matches in `texts` with the conflict kinds of their suppliers, for a frame without a matcher. */
export async function scanFor(
  texts: string[],
  now: number = Date.now(),
): Promise<{ version: string; matches: KindedMatch[][] } | null> {
  const loaded = await usable(now);
  if (!loaded?.flags) return null;
  loaded.matcher ??= Object.assign(loadMatcher(loaded.flags.compiled), { kinds: kindsOf(loaded.flags) });
  const { matcher } = loaded;
  return {
    version: loaded.flags.version,
    matches: texts.map((text) => matcher.scan(text).map((m) => ({ ...m, kinds: matcher.kinds[m.supplier] ?? '' }))),
  };
}

async function parsedCopy(now: number): Promise<Cache['parsed']> {
  const loaded = await usable(now);
  if (!loaded?.copy) return null;
  if (!loaded.parsed) {
    const watchlist: Watchlist = JSON.parse(loaded.copy.body);
    loaded.parsed = { watchlist, byId: new Map(watchlist.entries.map((e) => [e.id, e])) };
  }
  return loaded.parsed;
}

/** The ids of the suppliers a tab names by position; null when the tab draws another version than the copy in use. */
export async function idsAt(
  { version, suppliers }: SupplierPositions,
  now: number = Date.now(),
): Promise<string[] | null> {
  const parsed = await parsedCopy(now);
  if (parsed?.watchlist.version !== version) return null;
  return suppliers.flatMap((position) => parsed.watchlist.entries[position]?.id ?? []);
}

export async function cardsFor(ids: string[], now: number = Date.now()): Promise<CardData> {
  const parsed = await parsedCopy(now);
  if (!parsed) return { suppliers: [], counsellor: null, registryUrl: null };
  const { watchlist, byId } = parsed;
  const suppliers = [...new Set(ids)].flatMap((id) => {
    const entry = byId.get(id);
    return entry ? [{ id: entry.id, name: entry.name, conflicts: entry.conflicts }] : [];
  });
  return { suppliers, counsellor: watchlist.counsellor ?? null, registryUrl: watchlist.registryUrl ?? null };
}

/** The entry at `position` of watchlist `version`; null when the copy in use is another version (or none). */
export async function entryAt(
  version: string,
  position: number,
  now: number = Date.now(),
): Promise<WatchlistEntry | null> {
  const parsed = await parsedCopy(now);
  return parsed?.watchlist.version === version ? (parsed.watchlist.entries[position] ?? null) : null;
}
