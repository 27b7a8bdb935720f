// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundHandlers, syncAndRefresh } from '../../../extension/background/handlers.ts';
import { MAX_COPY_AGE_MS } from '../../../extension/shared/flag-data.ts';
import { syncWatchlist } from '../../../extension/background/sync.ts';
import {
  fetchMock,
  fixtures,
  reply,
  resetExtension,
  restoreGlobals,
  signedIn,
  T0,
  TOKEN,
  watchlist,
} from './sync-support.ts';

beforeEach(resetExtension);
afterEach(restoreGlobals);

describe('telling tabs', () => {
  it('has tabs stop drawing a copy that passed its 7 days between two syncs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    try {
      const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
      await signedIn();
      fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
      await syncAndRefresh();
      sent.mockClear();
      vi.setSystemTime(T0 + MAX_COPY_AGE_MS + 60_000);
      fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      await syncAndRefresh();
      expect(sent).toHaveBeenCalledWith(expect.any(Number), { zuiver: 'refresh', data: undefined });
      expect(
        await backgroundHandlers.flagVersion(undefined, {
          tab: { id: 1, url: 'https://www.tenderned.nl/' } as never,
          url: 'https://www.tenderned.nl/',
        }),
      ).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('what tabs get', () => {
  const sender = (url: string) => ({ tab: { id: 7, url } as never, frameId: 0, url });

  beforeEach(async () => {
    await signedIn();
    fetchMock.mockResolvedValueOnce(reply(200, watchlist('v1')));
    await syncWatchlist();
  });

  it('hands the prepared matcher to pages on the built-in sites', async () => {
    const data = await backgroundHandlers.flagData(undefined, sender('https://www.tenderned.nl/aankondigingen/1'));
    expect(data?.version).toBe('v1');
  });

  it('hands nothing to a site that is not enabled, or that the user paused', async () => {
    expect(await backgroundHandlers.flagData(undefined, sender('https://example.org/'))).toBeNull();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    await backgroundHandlers.setPaused(
      { host: 'outlook.office.com', paused: true },
      sender('chrome-extension://x/popup.html'),
    );
    expect(await backgroundHandlers.flagData(undefined, sender('https://outlook.office.com/mail/'))).toBeNull();
    expect(await backgroundHandlers.flagData(undefined, sender('https://www.tenderned.nl/'))).not.toBeNull();
  });

  it('gives cards only the display data of the suppliers asked for, never identifiers or the token', async () => {
    const cards = await backgroundHandlers.cards(
      { version: 'v1', suppliers: [1, 999] },
      sender('https://www.tenderned.nl/'),
    );
    expect(cards.suppliers).toEqual([{ id: fixtures[1].id, name: fixtures[1].names[0], conflicts: expect.any(Array) }]);
    expect(cards.counsellor?.name).toBe('Mr. A. de Vries');
    expect(JSON.stringify(cards)).not.toContain(TOKEN);
  });

  it('names no supplier for a tab that still draws another version (a refresh is on its way to it)', async () => {
    expect(
      (await backgroundHandlers.cards({ version: 'v0', suppliers: [1] }, sender('https://www.tenderned.nl/')))
        .suppliers,
    ).toEqual([]);
  });

  it('keeps the suppliers each frame of a tab reports by id, and forgets them when the frame reports none', async () => {
    const frame = (frameId: number) => ({ ...sender('https://www.tenderned.nl/'), frameId });
    await backgroundHandlers.reportFlags({ version: 'v1', suppliers: [0, 2] }, frame(0));
    await backgroundHandlers.reportFlags({ version: 'v1', suppliers: [2] }, frame(3));
    await backgroundHandlers.reportFlags({ version: 'v0', suppliers: [1] }, frame(4));
    expect((await backgroundHandlers.tabFlags(7, frame(0))).suppliers.map((s) => s.id).sort()).toEqual(
      [fixtures[0].id, fixtures[2].id].sort(),
    );
    await backgroundHandlers.reportFlags({ version: 'v0', suppliers: [] }, frame(0));
    expect((await backgroundHandlers.tabFlags(7, frame(0))).suppliers.map((s) => s.id)).toEqual([fixtures[2].id]);
  });
});
