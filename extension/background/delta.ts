/**
 * Applying a watchlist delta (`GET /watchlist?since=VERSION`) to the copy the extension keeps, and checking the
 * result: the version of the list it now holds, computed the way the server computes it
 * (core/watchlist-version.ts), must be the version the delta says. Anything that does not fit gives null, and
 * the caller fetches the full list instead.
 */
import type { Watchlist, WatchlistEntry } from '../../core/types.ts';
import { addDigest, entryText, versionOfDigest, versionText } from '../../core/watchlist-version.ts';

export interface WatchlistDelta {
  version: string;
  since: string;
  entries: WatchlistEntry[];
  removed: string[];
}

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The version of a list as the server makes it: from its header and the digests of its entries, in any order. */
export async function versionOf(list: Pick<Watchlist, 'registryUrl' | 'counsellor' | 'entries'>): Promise<string> {
  const digests = await Promise.all(list.entries.map(async (e) => hex(await sha256(entryText(e)))));
  const sum = digests.reduce(addDigest, BigInt(0));
  return versionOfDigest(base64url(await sha256(versionText(list, sum))));
}

/**
 * The copy with the delta applied, in watchlist order (by name), or null when the delta is not for this copy or
 * the result is not the list the server has.
 */
export async function applyDelta(copy: Watchlist, delta: WatchlistDelta, now: number): Promise<Watchlist | null> {
  if (delta.since !== copy.version) return null;
  const byId = new Map(copy.entries.map((e) => [e.id, e]));
  for (const id of delta.removed) byId.delete(id);
  for (const e of delta.entries) byId.set(e.id, e);
  const entries = [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const list: Watchlist = { ...copy, version: delta.version, generatedAt: new Date(now).toISOString(), entries };
  try {
    return (await versionOf(list)) === delta.version ? list : null;
  } catch {
    return null; // A copy too odd to hash (an old release's shape): the full list replaces it.
  }
}
