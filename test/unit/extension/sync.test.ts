// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMatcher } from '../../../core/matcher/index.ts';
import type { WatchlistEntry } from '../../../core/types.ts';
import { backgroundHandlers } from '../../../extension/background/handlers.ts';
import { MAX_COPY_AGE_MS, flagsToDraw, kindsOf, storedFlags } from '../../../extension/shared/flag-data.ts';
import { auth, flagData, syncState, watchlistCopy } from '../../../extension/background/storage.ts';
import { signOut, syncStatus, syncWatchlist } from '../../../extension/background/sync.ts';
import { cardsFor, currentFlagData } from '../../../extension/background/served-flags.ts';
import {
  fetchMock,
  fixtures,
  reply,
  resetExtension,
  restoreGlobals,
  SERVER,
  signedIn,
  T0,
  TOKEN,
  watchlist,
} from './sync-support.ts';

beforeEach(resetExtension);
afterEach(restoreGlobals);

describe('sync', () => {
  it('does nothing until someone signs in', async () => {
    expect(await syncWatchlist()).toBe('not-signed-in');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('fetches the watchlist with the token, keeps it with its ETag and prepares the matcher once', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1'), { ETag: '"v1"' }));

    expect(await syncWatchlist(() => T0)).toBe('updated');

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${SERVER}/api/v1/watchlist`);
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers['Accept-Language']).toBe('nl');
    expect(headers['If-None-Match']).toBeUndefined();
    expect(init?.credentials).toBe('omit');
    const copy = await watchlistCopy.getValue();
    expect(copy).toMatchObject({ etag: '"v1"', checkedAt: T0 });
    const flags = await currentFlagData(T0);
    expect(flags?.version).toBe('v1');
    expect(kindsOf(flags!)).toEqual(['n', 'n', 'n']);
    expect(loadMatcher(flags!.compiled).scan(fixtures[2].names[0])).toEqual([expect.objectContaining({ supplier: 2 })]);
  });

  it('leaves out a conflict kind it does not know (from a newer server) instead of drawing it as another', async () => {
    await signedIn();
    const list = watchlist('v1', 2);
    const unknown = {
      kind: 'review',
      summary: 'Nieuw soort conflict',
      since: '2026-01-05',
      advice: '-',
    } as unknown as WatchlistEntry['conflicts'][number];
    list.entries[0].conflicts = [unknown];
    list.entries[1].conflicts = [unknown, { ...list.entries[1].conflicts[0], kind: 'purchase' }];
    fetchMock.mockResolvedValueOnce(reply(200, list, { ETag: '"v1"' }));
    await syncWatchlist(() => T0);
    const flags = await currentFlagData(T0);
    expect(kindsOf(flags!)).toEqual(['', 'p']);
  });

  it('asks with If-None-Match and, on 304, keeps the copy and counts it as confirmed', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1'), { ETag: '"v1"' }));
    await syncWatchlist(() => T0);
    fetchMock.mockResolvedValueOnce(reply(304));

    expect(await syncWatchlist(() => T0 + 60_000)).toBe('unchanged');

    expect((fetchMock.mock.calls[1][1]?.headers as Record<string, string>)['If-None-Match']).toBe('"v1"');
    expect(await watchlistCopy.getValue()).toMatchObject({
      etag: '"v1"',
      checkedAt: T0 + 60_000,
      version: 'v1',
      suppliers: 3,
    });
    expect((await currentFlagData(T0 + 60_000))?.version).toBe('v1');
    // Tabs tell the copy's age from the prepared flags.
    expect((await flagData.getValue())?.checkedAt).toBe(T0 + 60_000);
  });

  it('uses the version as ETag when the server does not expose the header to the extension', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v7')));
    await syncWatchlist(() => T0);
    expect((await watchlistCopy.getValue())?.etag).toBe('"v7"');
  });

  it('keeps flagging from the last good copy when the server cannot be reached, and says since when', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1'), { ETag: '"v1"' }));
    await syncWatchlist(() => T0);
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));

    expect(await syncWatchlist(() => T0 + 3_600_000)).toBe('failed');

    expect((await currentFlagData(T0 + 3_600_000))?.version).toBe('v1');
    expect(await syncStatus(T0 + 3_600_000)).toMatchObject({
      error: 'unreachable',
      checkedAt: T0,
      expired: false,
      suppliers: 3,
    });
  });

  it('treats a server error like an outage: the copy stays, the status says so', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    fetchMock.mockResolvedValueOnce(reply(503, { error: { code: 'unavailable', message: 'down', details: null } }));

    expect(await syncWatchlist(() => T0 + 1000)).toBe('failed');
    expect((await syncStatus(T0 + 1000)).error).toBe('server');
    expect(await currentFlagData(T0 + 1000)).not.toBeNull();
  });

  it('stops using a copy the server has not confirmed for more than 7 days', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);

    expect(await currentFlagData(T0 + MAX_COPY_AGE_MS)).not.toBeNull();
    expect(await currentFlagData(T0 + MAX_COPY_AGE_MS + 1)).toBeNull();
    expect((await cardsFor([fixtures[0].id], T0 + MAX_COPY_AGE_MS + 1)).suppliers).toEqual([]);
    expect(await syncStatus(T0 + MAX_COPY_AGE_MS + 1)).toMatchObject({ expired: true, suppliers: 0 });
    expect(await flagsToDraw('www.tenderned.nl', T0 + MAX_COPY_AGE_MS)).not.toBeNull();
    expect(await flagsToDraw('www.tenderned.nl', T0 + MAX_COPY_AGE_MS + 1)).toBeNull();
  });

  it('leaves a tab nothing to draw by itself on a site the user paused', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    const popup = { url: 'chrome-extension://x/popup.html' } as never;
    await backgroundHandlers.setPaused({ host: 'outlook.office.com', paused: true }, popup);

    expect(await flagsToDraw('outlook.office.com', T0)).toBeNull();
    expect((await flagsToDraw('www.tenderned.nl', T0))?.version).toBe('v1');
    await backgroundHandlers.setPaused({ host: 'outlook.office.com', paused: false }, popup);
    expect((await flagsToDraw('outlook.office.com', T0))?.version).toBe('v1');
  });

  it('signs out and wipes the copy when the server answers 401', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    fetchMock.mockResolvedValueOnce(reply(401, { error: { code: 'unauthorized', message: 'revoked', details: null } }));

    expect(await syncWatchlist(() => T0 + 1000)).toBe('signed-out');

    expect(await auth.getValue()).toBeNull();
    expect(await watchlistCopy.getValue()).toBeNull();
    expect(await flagData.getValue()).toBeNull();
    expect(await currentFlagData(T0 + 1000)).toBeNull();
    expect(await syncStatus(T0 + 1000)).toMatchObject({ signedIn: false, checkedAt: null, person: null });
  });

  it('wipes everything on sign-out', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);

    await signOut();

    expect(await auth.getValue()).toBeNull();
    expect(await watchlistCopy.getValue()).toBeNull();
    expect(await currentFlagData(T0)).toBeNull();
    expect(await syncState.getValue()).toEqual({ lastAttemptAt: null, error: null });
  });

  it('drops an answer that arrives after the user signed out', async () => {
    await signedIn();
    let answer!: (r: Response) => void;
    fetchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const pending = syncWatchlist(() => T0);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await signOut();
    answer(reply(200, watchlist('v1')));

    await pending;
    expect(await watchlistCopy.getValue()).toBeNull();
  });

  it('refuses a watchlist whose entries are not suppliers, and keeps the copy it has', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    fetchMock.mockResolvedValueOnce(reply(200, { version: 'v2', entries: [null, { id: 3, names: 'x' }] }));
    expect(await syncWatchlist(() => T0 + 1000)).toBe('failed');
    expect((await syncStatus(T0 + 1000)).error).toBe('invalid');
    expect((await currentFlagData(T0 + 1000))?.version).toBe('v1');
  });

  it('refuses a watchlist that says which names are ambiguous in anything but a list of names', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    const odd = watchlist('v2');
    odd.entries[0] = { ...odd.entries[0], ambiguous: 'smits' as unknown as string[] };
    fetchMock.mockResolvedValueOnce(reply(200, odd));
    expect(await syncWatchlist(() => T0 + 1000)).toBe('failed');
    expect((await currentFlagData(T0 + 1000))?.version).toBe('v1');
  });

  it('runs one request for syncs asked for at the same time', async () => {
    await signedIn();
    fetchMock.mockResolvedValue(reply(200, watchlist('v1')));
    await Promise.all([syncWatchlist(), syncWatchlist(), syncWatchlist()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('prepares the flags again when an earlier release of the extension stored them in another shape', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    await flagData.setValue({ version: 'v1', json: JSON.stringify({ version: 'v1', kinds: {} }) } as never);

    const flags = await currentFlagData(T0);
    expect(kindsOf(flags!)).toEqual(['n', 'n', 'n']);
    expect(loadMatcher(flags!.compiled).scan(fixtures[2].names[0])).toEqual([expect.objectContaining({ supplier: 2 })]);
    expect(await flagData.getValue()).toEqual(flags);
  });

  it('leaves tabs the prepared flags in storage, and nothing an earlier release stored there', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist(() => T0);
    expect(await storedFlags()).toEqual(await currentFlagData(T0));

    await flagData.setValue({ version: 'v1', json: '{}' } as never);
    expect(await storedFlags()).toBeNull();
    await signOut();
    expect(await storedFlags()).toBeNull();
  });

  it('replaces the prepared matcher when the version changes', async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1', 2)));
    await syncWatchlist(() => T0);
    expect(kindsOf((await currentFlagData(T0))!)).toHaveLength(2);
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v2', 5)));
    await syncWatchlist(() => T0 + 1000);
    const flags = await currentFlagData(T0 + 1000);
    expect(flags?.version).toBe('v2');
    expect(kindsOf(flags!)).toHaveLength(5);
  });
});
