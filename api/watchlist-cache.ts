/**
 * Compiled watchlists, kept per person and language until the registry changes (see db/changes.ts); the date
 * is part of the stamp because the purchase window moves at midnight.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { amsterdamDate } from '../core/dates.ts';
import { createMatcher } from '../core/matcher.ts';
import type { Lang, Watchlist, WatchlistEntry } from '../core/types.ts';
import type { Viewer } from '../core/visibility.ts';
import { changeStamp } from '../db/changes.ts';
import type { Db } from '../db/client.ts';
import { loadWatchlistBase, viewWatchlist, type WatchlistBase } from '../db/watchlist.ts';

export interface CompiledEntry {
  stamp: string;
  watchlist: Watchlist;
  etag: string;
  json: string;
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
  /** Built on first use against this version. */
  byId?: Map<string, WatchlistEntry>;
  matcher?: ReturnType<typeof createMatcher>;
}

const MAX_ENTRIES = 500;

/** What a compiled watchlist depends on: the registry, and the date (the purchase window moves at midnight). */
export const watchlistStamp = (changes: string, now: Date) => `${changes}:${amsterdamDate(now)}`;

export function createWatchlistCache(db: Db, publicUrl: string) {
  const cache = new Map<string, CompiledEntry>();
  let base: { stamp: string; value: Promise<WatchlistBase> } | undefined;

  return {
    async get(viewer: Viewer, lang: Lang, now: Date): Promise<CompiledEntry> {
      const key = `${viewer.id}:${viewer.role}:${lang}`;
      const stamp = watchlistStamp(await changeStamp(db, now.getTime()), now);
      const hit = cache.get(key);
      if (hit?.stamp === stamp) return hit;
      // Most of a watchlist's cost is the base every viewer shares; after a write, load it once, not per viewer.
      if (base?.stamp !== stamp) {
        const value = loadWatchlistBase(db, now);
        base = { stamp, value };
        value.catch(() => base?.value === value && (base = undefined));
      }
      const watchlist = viewWatchlist(await base.value, viewer, now, lang, publicUrl);
      const entry: CompiledEntry = { stamp, watchlist, etag: `"${watchlist.version}"`, json: JSON.stringify(watchlist), encoded: {} };
      cache.delete(key);
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, entry);
      return entry;
    },
    /** The body compressed once per version, in the best encoding the client accepts. */
    encode(entry: CompiledEntry, acceptEncoding: string): { encoding?: 'br' | 'gzip'; body: string | Buffer } {
      const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : undefined;
      if (!encoding) return { body: entry.json };
      entry.encoded[encoding] ??=
        encoding === 'br'
          ? brotliCompressSync(entry.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(entry.json, { level: 6 });
      return { encoding, body: entry.encoded[encoding]! };
    },
    /** The viewer's entries by supplier id: what a page shows of one supplier's conflicts. */
    byIdOf(entry: CompiledEntry) {
      return (entry.byId ??= new Map(entry.watchlist.entries.map((e) => [e.id, e])));
    },
    matcherOf(entry: CompiledEntry) {
      return (entry.matcher ??= createMatcher(entry.watchlist.entries));
    },
  };
}

export type WatchlistCache = ReturnType<typeof createWatchlistCache>;
