/** What the sync tests and the tests of what tabs get share: a signed-in user, a fixture watchlist, a fetch to answer. */
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Watchlist, WatchlistEntry } from '../../../core/types.ts';
import { auth } from '../../../extension/background/storage.ts';

export const fixtures: Array<{ id: string; names: string[]; domains: string[]; kvk: string[]; vat: string[] }> =
  JSON.parse(readFileSync(new URL('../../../../shared/fixtures/watchlist.json', import.meta.url), 'utf8'));

export const SERVER = 'https://zuiver.example.nl';
export const TOKEN = 'zvr_test_token';
export const T0 = Date.parse('2026-03-02T09:00:00Z');

export function watchlist(version: string, count = 3): Watchlist {
  const entries: WatchlistEntry[] = fixtures.slice(0, count).map((f) => ({
    ...f,
    name: f.names[0],
    conflicts: [
      { kind: 'negotiation', summary: 'In onderhandeling', since: '2026-01-05', advice: 'Neem geen geschenken aan.' },
    ],
  }));
  return {
    version,
    generatedAt: new Date(T0).toISOString(),
    registryUrl: `${SERVER}/`,
    counsellor: { name: 'Mr. A. de Vries', contact: 'vertrouwenspersoon@example.nl' },
    entries,
  };
}

export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export const fetchMock = vi.fn<typeof fetch>();

export async function signedIn() {
  await auth.setValue({
    server: SERVER,
    token: TOKEN,
    person: { id: 'p1', email: 'ik@example.nl', name: 'Ik', role: 'purchaser' },
  });
}

/** Before each test: empty storage, a Dutch browser, and a fetch that answers only what the test tells it to. */
export async function resetExtension() {
  // Cleared rather than reset: a reset would also drop the storage watchers the background's caches rely on.
  await fakeBrowser.storage.local.clear();
  await fakeBrowser.storage.session.clear();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('nl');
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
}

export function restoreGlobals() {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
}
