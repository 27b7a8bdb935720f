// @vitest-environment node
/**
 * The extension under strain: the server down, slow (10 s) or answering garbage. Through all of it the tabs keep
 * flagging from the last good watchlist, the status says how stale it is, nothing the pages ask for throws, and
 * the first good answer brings everything back. (The happy paths of syncing are in sync.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Watchlist, WatchlistEntry } from '../../../core/types.ts';
import { backgroundHandlers } from '../../../extension/background/handlers.ts';
import { auth, watchlistCopy } from '../../../extension/background/storage.ts';
import { syncStatus, syncWatchlist } from '../../../extension/background/sync.ts';
import { currentFlagData } from '../../../extension/background/served-flags.ts';

const fixtures: Array<{ id: string; names: string[]; domains: string[]; kvk: string[]; vat: string[] }> = JSON.parse(
  readFileSync(new URL('../../../../shared/fixtures/watchlist.json', import.meta.url), 'utf8'),
);

const SERVER = 'https://zuiver.example.nl';
/** The pages' side reads the real clock, so the story starts now. */
let T0 = Date.now();
const HOUR = 3_600_000;

function watchlist(version: string, count = 3): Watchlist {
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
    counsellor: { name: 'Mr. A. de Vries', contact: 'vp@example.nl' },
    entries,
  };
}

const reply = (status: number, body?: unknown, type = 'application/json') =>
  new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type },
  });

const fetchMock = vi.fn<typeof fetch>();
const page = {
  tab: { id: 7, url: 'https://www.tenderned.nl/aankondigingen/1' } as never,
  frameId: 0,
  url: 'https://www.tenderned.nl/aankondigingen/1',
};

/** What a page can ask the background for, all at once; none of it may throw. */
async function whatThePageGets() {
  const [flags, version, scan, cards] = await Promise.all([
    backgroundHandlers.flagData(undefined, page),
    backgroundHandlers.flagVersion(undefined, page),
    backgroundHandlers.scan([`Offerte van ${fixtures[0].names[0]}`], page),
    backgroundHandlers.cards({ version: 'v1', suppliers: [0] }, page),
  ]);
  return {
    version: flags?.version,
    flagVersion: version,
    scanned: scan?.matches[0].length ?? 0,
    cards: cards.suppliers.length,
  };
}

beforeEach(async () => {
  await fakeBrowser.storage.local.clear();
  await fakeBrowser.storage.session.clear();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('nl');
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  T0 = Date.now();
  await auth.setValue({
    server: SERVER,
    token: 'zv_test',
    person: { id: 'p1', email: 'ik@example.nl', name: 'Ik', role: 'staff' },
  });
  fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
  expect(await syncWatchlist(() => T0)).toBe('updated');
});

afterEach(async () => {
  // A request left hanging by a failed assertion must not hold the next test's sync.
  if (vi.isFakeTimers()) await vi.runAllTimersAsync();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the server is down', () => {
  it('keeps flagging from the last good copy, says since when, and recovers with the first good answer', async () => {
    const healthy = await whatThePageGets();
    expect(healthy).toEqual({ version: 'v1', flagVersion: 'v1', scanned: 1, cards: 1 });

    for (let hour = 1; hour <= 3; hour++) {
      fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      expect(await syncWatchlist(() => T0 + hour * HOUR)).toBe('failed');
      expect(await whatThePageGets()).toEqual(healthy);
      expect(await syncStatus(T0 + hour * HOUR)).toMatchObject({
        error: 'unreachable',
        checkedAt: T0,
        expired: false,
        suppliers: 3,
      });
    }

    // Back: a 304 confirms the copy and clears the error; a new version replaces it.
    fetchMock.mockResolvedValueOnce(reply(304));
    expect(await syncWatchlist(() => T0 + 4 * HOUR)).toBe('unchanged');
    expect(await syncStatus(T0 + 4 * HOUR)).toMatchObject({ error: null, checkedAt: T0 + 4 * HOUR });
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v2', 5)));
    expect(await syncWatchlist(() => T0 + 5 * HOUR)).toBe('updated');
    expect((await whatThePageGets()).version).toBe('v2');
  });

  it('a server that answers only errors (502 from a proxy, 503, 429) counts as down, not as a sign-out', async () => {
    for (const [status, body, type] of [
      [502, '<html>Bad Gateway</html>', 'text/html'],
      [503, { error: { code: 'storage_unavailable', message: 'x', details: null } }, undefined],
      [429, { error: { code: 'rate_limited', message: 'x', details: null } }, undefined],
    ] as const) {
      fetchMock.mockResolvedValueOnce(reply(status, body, type));
      expect(await syncWatchlist(() => T0 + HOUR)).toBe('failed');
      expect(await auth.getValue()).not.toBeNull();
      expect((await whatThePageGets()).version).toBe('v1');
    }
  });
});

describe('the server is slow', () => {
  it('while a 10 s answer is under way the pages keep their flags, further syncs share the one request, then it lands', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fetchMock.mockClear();
    fetchMock.mockImplementationOnce(
      () => new Promise((resolve) => setTimeout(() => resolve(reply(200, watchlist('v2', 4))), 10_000)),
    );
    const first = syncWatchlist(() => T0 + HOUR);
    const second = syncWatchlist(() => T0 + HOUR);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await whatThePageGets()).toMatchObject({ version: 'v1', scanned: 1 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await first).toBe('updated');
    expect(await second).toBe('updated');
    expect((await whatThePageGets()).version).toBe('v2');
  });
});

describe('the server never answers', () => {
  /** A fetch that stays pending until its signal aborts, as a real one does; without a signal it hangs forever. */
  const hanging: typeof fetch = (_url, init) =>
    new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );

  /** Headers arrive, then the body stalls; a real fetch errors the body when its signal aborts. */
  const stalledBody: typeof fetch = async (_url, init) => {
    const body = new ReadableStream({
      start: (c) => init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError'))),
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };

  it.each([
    ['before the headers', hanging],
    ['in the middle of the body', stalledBody],
  ] as const)(
    'stalling %s: after 20 s the sync gives up as unreachable, the pages keep the copy, and the next sync runs',
    async (_when, stall) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      fetchMock.mockImplementationOnce(stall);
      let outcome: string | undefined;
      void syncWatchlist(() => T0 + HOUR).then((o) => (outcome = o));
      await vi.advanceTimersByTimeAsync(19_000);
      expect(outcome).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(outcome).toBe('failed');
      expect(await syncStatus(T0 + HOUR)).toMatchObject({
        error: 'unreachable',
        checkedAt: T0,
        expired: false,
        suppliers: 3,
      });
      expect(await whatThePageGets()).toEqual({ version: 'v1', flagVersion: 'v1', scanned: 1, cards: 1 });
      // The stuck request no longer holds the one sync in flight.
      fetchMock.mockResolvedValueOnce(reply(200, watchlist('v2')));
      expect(await syncWatchlist(() => T0 + 2 * HOUR)).toBe('updated');
      expect(await syncStatus(T0 + 2 * HOUR)).toMatchObject({ error: null, checkedAt: T0 + 2 * HOUR });
    },
  );
});

describe('the server answers garbage', () => {
  const GARBAGE: [string, Response][] = [
    ["a captive portal's HTML page", reply(200, '<!doctype html><title>Log in to the hotel wifi</title>', 'text/html')],
    ['broken JSON', reply(200, '{"version":"v9","entries":[{"id":')],
    ['an empty body', reply(200, '')],
    ['JSON of the wrong shape', reply(200, { version: 9, entries: 'none' })],
    ['an error object with status 200', reply(200, { error: { code: 'internal', message: 'x', details: null } })],
    ['entries that are not suppliers', reply(200, { version: 'v9', entries: [null, { id: 3, names: 'x' }] })],
    [
      'conflicts that are not conflicts',
      reply(200, { ...watchlist('v9'), entries: watchlist('v9').entries.map((e) => ({ ...e, conflicts: [null] })) }),
    ],
  ];

  it.each(GARBAGE)('%s: refused, the copy stays, the status says invalid, nothing throws', async (_what, res) => {
    fetchMock.mockResolvedValueOnce(res);
    expect(await syncWatchlist(() => T0 + HOUR)).toBe('failed');
    expect(await whatThePageGets()).toEqual({ version: 'v1', flagVersion: 'v1', scanned: 1, cards: 1 });
    expect(await syncStatus(T0 + HOUR)).toMatchObject({ error: 'invalid', checkedAt: T0, suppliers: 3 });
    expect((await watchlistCopy.getValue())?.version).toBe('v1');
    // And the next good answer recovers.
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v2')));
    expect(await syncWatchlist(() => T0 + 2 * HOUR)).toBe('updated');
    expect(await syncStatus(T0 + 2 * HOUR)).toMatchObject({ error: null });
  });
});

it('while the copy is in use, nothing the pages ask for reaches the network', async () => {
  fetchMock.mockClear();
  expect((await whatThePageGets()).version).toBe('v1');
  expect((await currentFlagData())?.version).toBe('v1');
  expect(fetchMock).not.toHaveBeenCalled();
});
