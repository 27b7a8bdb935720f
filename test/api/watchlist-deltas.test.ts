/**
 * Watchlists kept per supplier: `?since=VERSION` answers with what changed, a write changes only what it touches,
 * and what the server keeps up to date by deltas is exactly what it would build from scratch.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import { addDigest, entryText, versionOfDigest, versionText } from '../../core/watchlist-version.ts';
import type { Watchlist, WatchlistEntry } from '../../core/types.ts';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { waitFor } from '../support/wait.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

type Who = keyof World['tokens'];
const ROLES: Who[] = ['staff', 'otherStaff', 'purchaser', 'ownerPurchaser', 'manager', 'admin'];

const get = (who: Who, query = '', headers: Record<string, string> = {}) =>
  t.call('GET', `/api/v1/watchlist${query}`, { token: w.tokens[who], headers });
const full = async (who: Who): Promise<Watchlist> => (await get(who)).body;
const post = (who: Who, path: string, body?: unknown) => t.call('POST', path, { token: w.tokens[who], body });
const patch = (who: Who, path: string, body: unknown) => t.call('PATCH', path, { token: w.tokens[who], body });

/** What the extension does with a delta: replace and add by id, drop the removed. */
function applyDelta(
  list: Watchlist,
  delta: { version: string; entries: WatchlistEntry[]; removed: string[] },
): WatchlistEntry[] {
  const byId = new Map(list.entries.map((e) => [e.id, e]));
  for (const id of delta.removed) byId.delete(id);
  for (const e of delta.entries) byId.set(e.id, e);
  return [...byId.values()];
}

/** The version as a client computes it from the entries it holds (core/watchlist-version.ts). */
function versionOf(list: Pick<Watchlist, 'registryUrl' | 'counsellor'>, entries: WatchlistEntry[]): string {
  const sum = entries.reduce(
    (s, e) => addDigest(s, createHash('sha256').update(entryText(e)).digest('hex')),
    BigInt(0),
  );
  return versionOfDigest(createHash('sha256').update(versionText(list, sum)).digest('base64url'));
}

const byName = (entries: WatchlistEntry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

/** The delta since `before` applied to it gives the full list of now, and the version says so. */
async function expectDeltaFits(who: Who, before: Watchlist) {
  const delta = await get(who, `?since=${before.version}`);
  expect(delta.status).toBe(200);
  expect(delta.body.since).toBe(before.version);
  const now = await full(who);
  expect(delta.body.version).toBe(now.version);
  const applied = applyDelta(before, delta.body);
  expect(byName(applied)).toEqual(byName(now.entries));
  expect(versionOf(now, applied)).toBe(now.version);
  return delta.body as { version: string; since: string; entries: WatchlistEntry[]; removed: string[] };
}

describe('GET /watchlist?since=', () => {
  test('an unknown or malformed version gets the full list', async () => {
    const res = await get('staff', '?since=not-a-version-we-gave');
    expect(res.status).toBe(200);
    expect(res.body.since).toBeUndefined();
    expect(res.body.entries.map((e: WatchlistEntry) => e.id)).toEqual([w.supplierId]);
    expect((await get('staff', `?since=${'x'.repeat(500)}`)).status).toBe(400);
  });

  test('the version a client computes from the entries of a full list is the version sent', async () => {
    for (const who of ROLES) {
      const list = await full(who);
      expect(versionOf(list, list.entries)).toBe(list.version);
    }
  });

  test('the current version gets an empty delta, and If-None-Match still gets 304', async () => {
    const list = await full('manager');
    expect((await get('manager', `?since=${list.version}`)).body).toEqual({
      version: list.version,
      since: list.version,
      entries: [],
      removed: [],
    });
    expect((await get('manager', `?since=${list.version}`, { 'if-none-match': `"${list.version}"` })).status).toBe(304);
  });

  test("a change in the caller's own declarations comes as that one entry, with their details", async () => {
    const before = await full('otherStaff');
    const declared = await post('otherStaff', '/api/v1/declarations', {
      kind: 'relationship',
      supplierId: w.otherSupplierId,
      relation: 'zus',
      description: 'Zus is eigenaar',
    });
    expect(declared.status).toBe(201);
    const delta = await expectDeltaFits('otherStaff', before);
    expect(delta.entries).toHaveLength(1);
    expect(delta.entries[0]).toMatchObject({
      id: w.otherSupplierId,
      conflicts: [{ kind: 'related', details: [{ relation: 'zus' }] }],
    });
    // The colleague sees nothing of it: their delta is empty or only says the supplier is not theirs.
    const colleague = await get('staff', `?since=${(await full('staff')).version}`);
    expect(colleague.body.entries).toEqual([]);
  });

  test('a supplier whose conflicts end is in `removed`', async () => {
    const before = await full('manager');
    await patch('ownerPurchaser', `/api/v1/negotiations/${w.negotiationId}`, { status: 'closed' });
    await post('staff', `/api/v1/declarations/${w.declarationId}/end`);
    const delta = await expectDeltaFits('manager', before);
    expect(delta.removed).toEqual([w.supplierId]);
    expect(delta.entries).toEqual([]);
  });

  test('the purchase window moving at midnight takes the supplier out by a delta', async () => {
    // 23 November 2025 is the window's first day on 23 November 2026, and outside it from the 24th.
    await post('staff', '/api/v1/declarations', {
      kind: 'private_purchase',
      supplierId: w.otherSupplierId,
      date: '2025-11-23',
      amountEur: 300,
      marketPrice: true,
      normalTerms: true,
    });
    t.clock.set(new Date('2026-11-23T22:59:00Z'));
    const before = await full('manager');
    expect(before.entries.map((e) => e.id)).toContain(w.otherSupplierId);
    t.clock.set(new Date('2026-11-23T23:00:01Z')); // midnight in Amsterdam
    const delta = await expectDeltaFits('manager', before);
    expect(delta.removed).toEqual([w.otherSupplierId]);
    expect(delta.entries).toEqual([]);
  });

  test('a delta stays small: one write, one entry', async () => {
    const before = await full('manager');
    await post('manager', '/api/v1/negotiations', {
      supplierId: w.otherSupplierId,
      reference: 'T-7',
      subject: 'Dakwerk',
      stage: 'talks',
    });
    const delta = await expectDeltaFits('manager', before);
    expect(delta.entries.map((e) => e.id)).toEqual([w.otherSupplierId]);
  });
});

describe('a write costs what it changes', () => {
  test('a write that touches no watched supplier leaves every version and compiled body as it was', async () => {
    const versions = await Promise.all(ROLES.map(async (who) => (await full(who)).version));
    await post('staff', '/api/v1/declarations', {
      kind: 'gift',
      supplierName: 'Onbekende Firma',
      valueEur: 20,
      form: 'goods',
    });
    await post('staff', '/api/v1/declarations', {
      kind: 'gift',
      supplierId: w.supplierId,
      valueEur: 20,
      form: 'goods',
    });
    expect(await Promise.all(ROLES.map(async (who) => (await full(who)).version))).toEqual(versions);
  });

  test("after writes of every kind, each role's watchlist kept by deltas equals one built from scratch", async () => {
    const writes: (() => Promise<unknown>)[] = [
      () =>
        post('otherStaff', '/api/v1/declarations', {
          kind: 'financial_interest',
          supplierId: w.otherSupplierId,
          description: 'Aandelen',
        }),
      () =>
        post('purchaser', '/api/v1/negotiations', {
          supplierId: w.otherSupplierId,
          reference: 'T-3',
          subject: 'Schilderwerk',
          stage: 'talks',
        }),
      () =>
        patch('manager', `/api/v1/suppliers/${w.supplierId}`, {
          name: 'Bouwbedrijf Testers Holding B.V.',
          aliases: ['Testers'],
        }),
      () => patch('admin', `/api/v1/people/${w.people.staff.id}`, { name: 'Test staff (nieuwe naam)' }),
      () =>
        post('ownManager', `/api/v1/declarations/${w.declarationId}/review`, {
          decision: 'not_relevant',
          note: 'Geen rol',
        }),
      () => post('manager', `/api/v1/suppliers/${w.otherSupplierId}/merge`, { into: w.supplierId }),
    ];
    const lists = new Map<Who, Watchlist>();
    for (const who of ROLES) lists.set(who, await full(who));
    for (const write of writes) {
      const res = (await write()) as { status: number; body: unknown };
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      const fresh = createApp({
        db: t.registry.db,
        clock: t.clock,
        config: { rateLimitPerMinute: 0, publicUrl: 'http://127.0.0.1:8787' },
      });
      for (const who of ROLES) {
        const kept = await expectDeltaFits(who, lists.get(who)!);
        const built = await (
          await fresh.request('/api/v1/watchlist', { headers: { authorization: `Bearer ${w.tokens[who]}` } })
        ).json();
        const now = await full(who);
        expect({ ...now, generatedAt: null }).toEqual({ ...built, generatedAt: null });
        expect(kept.version).toBe(built.version);
        lists.set(who, now);
      }
    }
  });
});

describe('GET /watchlist/events', () => {
  test('tells the current version at once and a new one after a write that changes the list', async () => {
    const res = await t.app.request('/api/v1/watchlist/events', {
      headers: { authorization: `Bearer ${w.tokens.extension}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const versions = async () =>
      [...text.matchAll(/event: version\ndata: (\{.*\})/g)].map((m) => JSON.parse(m[1]).version as string);
    const pump = (async () => {
      for (let part = await reader.read(); !part.done; part = await reader.read()) text += part.value;
    })().catch(() => undefined);
    try {
      const [first] = await waitFor('the first version on the stream', versions, (v) => v.length === 1);
      expect(first).toBe((await full('staff')).version);
      await post('staff', '/api/v1/declarations', {
        kind: 'side_job',
        supplierId: w.otherSupplierId,
        description: 'Adviseur',
      });
      const expected = (await full('staff')).version;
      expect(expected).not.toBe(first);
      expect((await waitFor('a second version on the stream', versions, (v) => v.length === 2))[1]).toBe(expected);
    } finally {
      await reader.cancel();
      await pump;
    }
  });
});
