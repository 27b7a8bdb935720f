/**
 * Where the extension keeps its secrets (the token): the IndexedDB of the extension's own origin. Content
 * scripts run in the page's origin and can read every `storage` area open to them (`storage.local` always,
 * in Chrome and Firefox alike); they cannot open another origin's IndexedDB. Unlike `storage.session`, it lasts
 * across browser restarts, so nobody signs in again every morning. Only the background and the extension's own
 * pages open it. A copy an earlier release kept in `storage.local` is moved here the first time it is read.
 */
import { browser } from 'wxt/browser';

const DB_NAME = 'zuiver-secrets';
const STORE = 'items';

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error) => {
    opened = null;
    throw error;
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = action(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export interface SecretItem<T> {
  getValue(): Promise<T | null>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls `listener` with each new value this context writes (only the background writes). */
  watch(listener: (value: T | null) => void): () => void;
}

/**
 * An item kept out of reach of content scripts. `legacyKey`: where an earlier release kept it in
 * `storage.local` (a WXT item, with its `$` metadata key), removed from there once moved.
 */
export function secretItem<T>(key: string, legacyKey: string): SecretItem<T> {
  let moved: Promise<void> | null = null;
  // Only the background writes it (the extension's pages ask the background to sign in and out), so the value
  // it last read or wrote stays true for its whole life, and each sync spares a read.
  let known: { value: T | null } | null = null;
  const listeners = new Set<(value: T | null) => void>();
  const changed = (value: T | null) => listeners.forEach((listener) => listener(value));
  const moveLegacy = () =>
    (moved ??= (async () => {
      const legacy = (await browser.storage.local.get(legacyKey))[legacyKey] as T | undefined;
      if (legacy == null) return;
      const kept = await run('readonly', (store) => store.get(key));
      if (kept === undefined) await run('readwrite', (store) => store.put(legacy, key));
      await browser.storage.local.remove([legacyKey, `${legacyKey}$`]);
    })().catch(() => {
      moved = null;
    }));
  return {
    async getValue() {
      if (known) return known.value;
      await moveLegacy();
      const value = ((await run('readonly', (store) => store.get(key))) as T | undefined) ?? null;
      known ??= { value };
      return known.value;
    },
    async setValue(value) {
      known = { value };
      await moveLegacy();
      await run('readwrite', (store) => store.put(value, key));
      changed(value);
    },
    async removeValue() {
      known = { value: null };
      await moveLegacy();
      await run('readwrite', (store) => store.delete(key));
      changed(null);
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
