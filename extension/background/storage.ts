/**
 * Every storage item of the extension, defined once. Only the background and the extension's own pages use
 * them: content scripts read the prepared flags alone (shared/flag-data.ts) and ask the background for the rest. The
 * token is not in `storage` at all, which content scripts can read: see secret-store.ts.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Role } from '../../core/vocabulary.ts';
import { FLAG_DATA_KEY, PAUSED_KEY, type PreparedFlags } from '../shared/flag-data.ts';
import { secretItem } from './secret-store.ts';
import type { SyncError } from '../shared/messaging.ts';

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Who is signed in, against which server. Only the background reads this item. */
export interface Auth {
  server: string;
  token: string;
  person: Person;
}

/**
 * The last good watchlist; `checkedAt` is when the server last confirmed it (200 or 304). The list itself is
 * kept as the JSON text the server sent: browsers store and pass one long string far faster than the same data
 * as thousands of small objects.
 */
export interface WatchlistCopy {
  etag: string;
  checkedAt: number;
  version: string;
  suppliers: number;
  /** JSON of a Watchlist. */
  body: string;
}

export interface SyncState {
  lastAttemptAt: number | null;
  /** Why the last attempt failed; null when it succeeded. */
  error: SyncError | null;
}

/** Out of `storage`, where content scripts could read the token; earlier releases kept it as `local:auth`. */
export const auth = secretItem<Auth>('auth', 'auth');

/** What the extension does with an item of `storage.local`: the part of WXT's storage items it uses. */
export interface LocalItem<T> {
  getValue(): Promise<T | null>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  watch(callback: () => void): void;
}

/**
 * An item of megabytes. WXT's `defineItem` reads its item as soon as it is defined, in every context that imports
 * this module, so that each start of the service worker or the options page would read the whole watchlist for
 * nothing; this reads only when asked. The value stays under the same key, so copies kept by earlier releases
 * are read as before.
 */
function largeItem<T>(key: string): LocalItem<T> {
  return {
    getValue: async () => ((await browser.storage.local.get(key))[key] as T | undefined) ?? null,
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    removeValue: () => browser.storage.local.remove(key),
    watch(callback) {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && key in changes) callback();
      });
    },
  };
}

export const watchlistCopy = largeItem<WatchlistCopy>('watchlist');

export const flagData = largeItem<PreparedFlags>(FLAG_DATA_KEY);

export const syncState = storage.defineItem<SyncState>('local:syncState', {
  fallback: { lastAttemptAt: null, error: null },
  version: 1,
});

/** Match patterns of the sites the user added (the defaults live in the manifest). */
export const addedSites = storage.defineItem<string[]>('local:sites', { fallback: [], version: 1 });

/** Host names where the user paused flags. */
export const pausedHosts = storage.defineItem<string[]>(`local:${PAUSED_KEY}`, { fallback: [], version: 1 });

/** Per tab, per frame: the ids of the suppliers flagged there (for the popup and the badge). */
export const tabFlags = storage.defineItem<Record<string, Record<string, string[]>>>('session:tabFlags', {
  fallback: {},
});
