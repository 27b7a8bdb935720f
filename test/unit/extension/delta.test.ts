// @vitest-environment node
/**
 * Deltas in the extension: the copy is brought up to date by what changed, the result is checked against the
 * version the server announced, and anything that does not fit costs one full list instead. And the push stream
 * that tells the background a new version is there.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMatcher } from '../../../core/matcher/index.ts';
import type { Watchlist, WatchlistEntry } from '../../../core/types.ts';
import { addDigest, entryText, versionOfDigest, versionText } from '../../../core/watchlist-version.ts';
import { versionOf } from '../../../extension/background/delta.ts';
import { currentFlagData } from '../../../extension/background/served-flags.ts';
import { syncWhenBehind } from '../../../extension/background/handlers.ts';
import { eventVersions, listenOnce } from '../../../extension/background/push.ts';
import { auth, watchlistCopy } from '../../../extension/background/storage.ts';
import { syncStatus, syncWatchlist } from '../../../extension/background/sync.ts';

const fixtures: Array<{ id: string; names: string[]; domains: string[]; kvk: string[]; vat: string[] }> = JSON.parse(
  readFileSync(new URL('../../../../shared/fixtures/watchlist.json', import.meta.url), 'utf8'),
);

const SERVER = 'https://zuiver.example.nl';
const T0 = Date.parse('2026-03-02T09:00:00Z');
const header = {
  registryUrl: `${SERVER}/`,
  counsellor: { name: 'Mr. A. de Vries', contact: 'vertrouwenspersoon@example.nl' },
};

const entry = (i: number, kind: 'negotiation' | 'related' = 'negotiation'): WatchlistEntry => ({
  ...fixtures[i],
  name: fixtures[i].names[0],
  conflicts: [
    {
      kind,
      summary: kind === 'negotiation' ? 'In onderhandeling' : '1 gemelde relatie',
      since: '2026-01-05',
      advice: 'Neem geen geschenken aan.',
    },
  ],
});

/** A list with its real version, as the server makes it. */
async function list(entries: WatchlistEntry[]): Promise<Watchlist> {
  const body = { ...header, entries };
  return { version: await versionOf(body), generatedAt: new Date(T0).toISOString(), ...body };
}

const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const fetchMock = vi.fn<typeof fetch>();
const urls = () => fetchMock.mock.calls.map(([url]) => String(url));

beforeEach(async () => {
  await fakeBrowser.storage.local.clear();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('nl');
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  await auth.setValue({
    server: SERVER,
    token: 'zvr_t',
    person: { id: 'p1', email: 'ik@example.nl', name: 'Ik', role: 'purchaser' },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The copy the extension holds before each delta: suppliers 0, 1 and 2. */
async function holding(): Promise<Watchlist> {
  const v1 = await list([entry(0), entry(1), entry(2)]);
  fetchMock.mockResolvedValueOnce(reply(200, v1));
  expect(await syncWatchlist(() => T0)).toBe('updated');
  return v1;
}

describe('the version', () => {
  it('is computed in the extension exactly as the server computes it (node:crypto, core/watchlist-version)', async () => {
    const entries = [entry(0), entry(3, 'related'), { ...entry(4), name: 'Émile & Zonen — “B.V.”' }];
    const sum = entries.reduce(
      (s, e) => addDigest(s, createHash('sha256').update(entryText(e)).digest('hex')),
      BigInt(0),
    );
    const server = versionOfDigest(createHash('sha256').update(versionText(header, sum)).digest('base64url'));
    expect(await versionOf({ ...header, entries })).toBe(server);
    expect(await versionOf({ ...header, entries: [...entries].reverse() })).toBe(server);
    expect(await versionOf({ ...header, entries: entries.slice(1) })).not.toBe(server);
  });
});

describe('applying a delta', () => {
  it('asks for what changed since its copy, applies it, and flags from the result', async () => {
    const v1 = await holding();
    const v2 = await list([entry(0, 'related'), entry(2), entry(5)]);
    fetchMock.mockResolvedValueOnce(
      reply(200, {
        version: v2.version,
        since: v1.version,
        entries: [entry(0, 'related'), entry(5)],
        removed: [fixtures[1].id],
      }),
    );

    expect(await syncWatchlist(() => T0 + 1000)).toBe('updated');

    expect(urls()).toEqual([`${SERVER}/api/v1/watchlist`, `${SERVER}/api/v1/watchlist?since=${v1.version}`]);
    expect((fetchMock.mock.calls[1][1]?.headers as Record<string, string>)['If-None-Match']).toBe(`"${v1.version}"`);
    const copy = await watchlistCopy.getValue();
    expect(copy).toMatchObject({ version: v2.version, etag: `"${v2.version}"`, suppliers: 3, checkedAt: T0 + 1000 });
    const held: Watchlist = JSON.parse(copy!.body);
    expect(held.entries.map((e) => e.id).sort()).toEqual([fixtures[0].id, fixtures[2].id, fixtures[5].id].sort());
    expect(held.entries.find((e) => e.id === fixtures[0].id)?.conflicts[0].kind).toBe('related');
    expect(held.counsellor).toEqual(header.counsellor);
    const flags = await currentFlagData(T0 + 1000);
    expect(flags?.version).toBe(v2.version);
    const matcher = loadMatcher(flags!.compiled);
    expect(matcher.scan(fixtures[5].names[0])).toHaveLength(1);
    expect(matcher.scan(fixtures[1].names[0])).toEqual([]);
  });

  it('an empty delta for the version it holds changes nothing but the time it was confirmed', async () => {
    const v1 = await holding();
    fetchMock.mockResolvedValueOnce(reply(200, { version: v1.version, since: v1.version, entries: [], removed: [] }));
    expect(await syncWatchlist(() => T0 + 5000)).toBe('updated');
    expect(await watchlistCopy.getValue()).toMatchObject({ version: v1.version, checkedAt: T0 + 5000, suppliers: 3 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('a delta that does not fit: the full list instead', () => {
  const cases: [string, (v1: Watchlist, v2: Watchlist) => unknown][] = [
    [
      'a result whose version is not the one announced',
      (v1, v2) => ({ version: v2.version, since: v1.version, entries: [entry(5)], removed: [] }),
    ],
    [
      'a delta for another version than the copy',
      (_v1, v2) => ({ version: v2.version, since: 'another-version', entries: [entry(5)], removed: [fixtures[1].id] }),
    ],
    [
      'a delta of the wrong shape',
      (v1, v2) => ({ version: v2.version, since: v1.version, entries: [{ id: 5 }], removed: 'all' }),
    ],
  ];

  it.each(cases)('%s', async (_name, bad) => {
    const v1 = await holding();
    const v2 = await list([entry(0), entry(2), entry(5)]);
    fetchMock.mockResolvedValueOnce(reply(200, bad(v1, v2)));
    fetchMock.mockResolvedValueOnce(reply(200, v2, { ETag: `"${v2.version}"` }));

    expect(await syncWatchlist(() => T0 + 1000)).toBe('updated');

    expect(urls().slice(1)).toEqual([`${SERVER}/api/v1/watchlist?since=${v1.version}`, `${SERVER}/api/v1/watchlist`]);
    expect((fetchMock.mock.calls[2][1]?.headers as Record<string, string>)['If-None-Match']).toBeUndefined();
    expect(await watchlistCopy.getValue()).toMatchObject({ version: v2.version, suppliers: 3 });
    expect(JSON.parse((await watchlistCopy.getValue())!.body)).toEqual(v2);
    expect((await currentFlagData(T0 + 1000))?.version).toBe(v2.version);
  });

  it('when the full list fails too, the copy in use stays and the status says why', async () => {
    const v1 = await holding();
    fetchMock.mockResolvedValueOnce(reply(200, { version: 'v9', since: v1.version, entries: [], removed: [] }));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await syncWatchlist(() => T0 + 1000)).toBe('failed');
    expect(await watchlistCopy.getValue()).toMatchObject({ version: v1.version, checkedAt: T0 });
    expect(await syncStatus(T0 + 1000)).toMatchObject({ error: 'unreachable', suppliers: 3 });
  });
});

describe('the push stream', () => {
  const stream = (chunks: string[], contentType = 'text/event-stream') =>
    new Response(
      new ReadableStream({
        start(c) {
          for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
          c.close();
        },
      }),
      { status: 200, headers: { 'Content-Type': contentType } },
    );

  it('reads versions from events split anywhere across chunks, and skips heartbeats and other events', () => {
    const read = eventVersions();
    expect(read('event: version\ndata: {"vers')).toEqual([]);
    expect(read('ion":"a1"}\nretry: 5000\n\n:\n\nevent: other\ndata: {"version":"x"}\n\n')).toEqual(['a1']);
    expect(read('event: version\r\ndata: {"version":"a2"}\r\n\r\nevent: version\ndata: not json\n\n')).toEqual(['a2']);
  });

  it('calls back with each version the server names, with the token and without cookies', async () => {
    fetchMock.mockResolvedValueOnce(
      stream(['event: version\ndata: {"version":"v1"}\n\n', ':\n\n', 'event: version\ndata: {"version":"v2"}\n\n']),
    );
    const seen: string[] = [];
    expect(await listenOnce(SERVER, 'zvr_t', (v) => seen.push(v), new AbortController().signal)).toBe('ended');
    expect(seen).toEqual(['v1', 'v2']);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${SERVER}/api/v1/watchlist/events`);
    expect(init).toMatchObject({
      credentials: 'omit',
      headers: expect.objectContaining({ Authorization: 'Bearer zvr_t' }),
    });
  });

  it("counts a proxy's answer that is no event stream as refused (the alarm's poll goes on), an outage as failed", async () => {
    fetchMock.mockResolvedValueOnce(
      reply(200, '<html>Proxy: streaming not allowed</html>', { 'Content-Type': 'text/html' }),
    );
    expect(await listenOnce(SERVER, 'zvr_t', () => undefined, new AbortController().signal)).toBe('refused');
    fetchMock.mockResolvedValueOnce(reply(403, '<html>Forbidden</html>', { 'Content-Type': 'text/html' }));
    expect(await listenOnce(SERVER, 'zvr_t', () => undefined, new AbortController().signal)).toBe('refused');
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await listenOnce(SERVER, 'zvr_t', () => undefined, new AbortController().signal)).toBe('failed');
  });

  it('syncs on a pushed version only when the copy in use is another one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    onTestFinished(() => void vi.useRealTimers());
    const v1 = await holding();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    await syncWhenBehind(v1.version);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const v2 = await list([entry(0), entry(1)]);
    fetchMock.mockResolvedValueOnce(
      reply(200, { version: v2.version, since: v1.version, entries: [], removed: [fixtures[2].id] }),
    );
    await syncWhenBehind(v2.version);
    expect(urls()[1]).toBe(`${SERVER}/api/v1/watchlist?since=${v1.version}`);
    expect((await currentFlagData())?.version).toBe(v2.version);
  });
});
