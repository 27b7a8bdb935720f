/**
 * Keeping the watchlist: fetch it with If-None-Match, keep the last good copy so flags work offline, stop using a
 * copy the server has not confirmed for 7 days, and forget everything when the server says the token is no good.
 */
// The compiler alone: core/matcher/index.ts also holds createMatcher, whose word lists the extension must not carry.
import { compileMatcher } from '../../core/matcher/compile.ts';
import { type Watchlist } from '../../core/types.ts';
import { CONFLICT_KINDS } from '../../core/vocabulary.ts';
import { fetchWatchlist, type WatchlistResult } from './api.ts';
import { applyDelta, type WatchlistDelta } from './delta.ts';
import { FLAG_DATA_FORMAT, MAX_COPY_AGE_MS, type PreparedFlags } from '../shared/flag-data.ts';
import { auth, flagData, syncState, tabFlags, watchlistCopy, type WatchlistCopy } from './storage.ts';
import type { SyncStatus } from '../shared/messaging.ts';

export type SyncOutcome = 'updated' | 'unchanged' | 'signed-out' | 'failed' | 'not-signed-in';

const KNOWN_KINDS: ReadonlySet<string> = new Set(CONFLICT_KINDS);

/**
 * Per supplier, the initials of its conflict kinds, e.g. "nr" for a negotiation and a related party. A kind this
 * version does not know (from a newer server) is left out rather than drawn as whatever shares its initial.
 */
function conflictKinds(watchlist: Watchlist): string {
  return watchlist.entries
    .map((entry) => [...new Set(entry.conflicts.filter((c) => KNOWN_KINDS.has(c.kind)).map((c) => c.kind[0]))].join(''))
    .join(' ');
}

function prepareFlags(watchlist: Watchlist, checkedAt: number): PreparedFlags {
  return {
    format: FLAG_DATA_FORMAT,
    version: watchlist.version,
    checkedAt,
    compiled: compileMatcher(watchlist.entries),
    kinds: conflictKinds(watchlist),
  };
}

/**
 * The shape was checked in api.ts; should anything in a watchlist still defeat the compiler, the sync fails like
 * any other unusable answer (the last good copy stays) instead of throwing out of the alarm handler.
 */
export function tryPrepareFlags(watchlist: Watchlist, checkedAt: number): PreparedFlags | null {
  try {
    return prepareFlags(watchlist, checkedAt);
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  await Promise.all([
    auth.removeValue(),
    watchlistCopy.removeValue(),
    flagData.removeValue(),
    syncState.removeValue(),
    tabFlags.removeValue(),
  ]);
}

let inFlight: Promise<SyncOutcome> | null = null;

/** One sync at a time: a click on "sync now" during the alarm's sync waits for that one. */
export function syncWatchlist(now: () => number = Date.now): Promise<SyncOutcome> {
  inFlight ??= runSync(now).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function runSync(now: () => number): Promise<SyncOutcome> {
  const signedIn = await auth.getValue();
  if (!signedIn) return 'not-signed-in';
  const copy = await watchlistCopy.getValue();
  let result = await fetchWatchlist(signedIn.server, signedIn.token, copy?.etag, copy?.version);
  if (result.status === 'delta')
    result = await applied(result.delta, copy, now, () => fetchWatchlist(signedIn.server, signedIn.token));
  // The user may have signed out (or in elsewhere) while the request was under way: drop its answer.
  if ((await auth.getValue())?.token !== signedIn.token) return 'unchanged';
  switch (result.status) {
    case 'unauthorized':
      await signOut();
      return 'signed-out';
    case 'failed':
      await syncState.setValue({ lastAttemptAt: now(), error: result.error });
      return 'failed';
    case 'not-modified':
      if (!copy) return 'failed'; // A 304 without a copy to confirm cannot happen unless storage was cleared.
      await watchlistCopy.setValue({ ...copy, checkedAt: now() });
      // Tabs tell the age of the copy from the prepared flags (shared/flag-data.ts).
      const flags = await flagData.getValue();
      if (flags?.version === copy.version) await flagData.setValue({ ...flags, checkedAt: now() });
      await syncState.setValue({ lastAttemptAt: now(), error: null });
      return 'unchanged';
    case 'ok': {
      const prepared = tryPrepareFlags(result.watchlist, now());
      if (!prepared) {
        await syncState.setValue({ lastAttemptAt: now(), error: 'invalid' });
        return 'failed';
      }
      await flagData.setValue(prepared);
      await watchlistCopy.setValue({
        etag: result.etag,
        checkedAt: now(),
        version: result.watchlist.version,
        suppliers: result.watchlist.entries.length,
        body: result.body,
      });
      await syncState.setValue({ lastAttemptAt: now(), error: null });
      return 'updated';
    }
  }
}

/**
 * The copy with the delta applied, as if the server had sent the full list; when anything does not fit (no copy,
 * a delta for another version, a result whose version is not the one announced), the full list after all.
 */
async function applied(
  delta: WatchlistDelta | null,
  copy: WatchlistCopy | null,
  now: () => number,
  fetchFull: () => Promise<WatchlistResult>,
): Promise<Exclude<WatchlistResult, { status: 'delta' }>> {
  let held: Watchlist | null = null;
  try {
    held = copy && JSON.parse(copy.body);
  } catch {
    held = null;
  }
  const watchlist = delta && held && (await applyDelta(held, delta, now()));
  if (!watchlist) {
    const full = await fetchFull();
    return full.status === 'delta' ? { status: 'failed', error: 'invalid' } : full;
  }
  return { status: 'ok', watchlist, body: JSON.stringify(watchlist), etag: `"${watchlist.version}"` };
}

export async function syncStatus(now: number = Date.now()): Promise<SyncStatus> {
  const [signedIn, copy, state] = await Promise.all([auth.getValue(), watchlistCopy.getValue(), syncState.getValue()]);
  const expired = !!copy && now - copy.checkedAt > MAX_COPY_AGE_MS;
  return {
    signedIn: !!signedIn,
    server: signedIn?.server ?? null,
    person: signedIn ? { name: signedIn.person.name, email: signedIn.person.email } : null,
    checkedAt: copy?.checkedAt ?? null,
    error: state.error,
    expired,
    suppliers: copy && !expired ? copy.suppliers : 0,
  };
}
