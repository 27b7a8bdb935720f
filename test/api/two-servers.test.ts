/**
 * Two server processes on one libSQL server (sqld), as when one machine is not enough: a write through one is in
 * the other's watchlist within a second (full list, delta and pushed version alike), and nothing is lost.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { outOfReach } from '../support/out-of-reach.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { findSqld, startSqld } from '../support/sqld.ts';
import { waitFor } from '../support/wait.ts';

const sqld = findSqld();
if (!sqld.path) outOfReach(`the two-server test: no sqld (${sqld.reason})`);

/** The other process's writes show within one poll of db/changes.ts (1 s); the rest is the request itself. */
const WITHIN_MS = 1500;

let db: { url: string; stop(): Promise<void> };
let one: RunningServer;
let two: RunningServer;
beforeAll(async () => {
  if (!sqld.path) return;
  db = await startSqld(sqld.path);
  // One after the other: the first migrates and seeds, the second finds the registry ready.
  one = await startServer({ env: { DATABASE_URL: db.url, ZUIVER_DEMO: '1' } });
  two = await startServer({ env: { DATABASE_URL: db.url, ZUIVER_DEMO: '1' } });
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await db?.stop();
});

test.skipIf(!sqld.path)(
  "a write through one server is in the other's watchlist, delta and event stream within a second",
  async () => {
    const staff = await one.cliToken(['token', 'create', '--email', 'medewerker@zuiver.example']);
    const manager = await one.cliToken(['token', 'create', '--email', 'manager@zuiver.example']);
    const as = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const before = await (await fetch(`${two.url}/api/v1/watchlist`, { headers: as(staff) })).json();
    const firm = await (
      await fetch(`${one.url}/api/v1/suppliers`, {
        method: 'POST',
        headers: as(manager),
        body: JSON.stringify({ name: 'Tweede Proces Installatietechniek B.V.', kvk: ['77778888'] }),
      })
    ).json();
    expect(firm.id).toEqual(expect.any(String));

    // The second server's event stream, open before the write.
    const events = await fetch(`${two.url}/api/v1/watchlist/events`, { headers: as(staff) });
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const pump = (async () => {
      for (let part = await reader.read(); !part.done; part = await reader.read()) text += part.value;
    })().catch(() => undefined);
    const pushed = async () => [...text.matchAll(/data: (\{.*\})/g)].map((m) => JSON.parse(m[1]).version as string);
    await waitFor('the current version on the stream', pushed, (v) => v.length === 1);

    try {
      const declared = await fetch(`${one.url}/api/v1/declarations`, {
        method: 'POST',
        headers: as(staff),
        body: JSON.stringify({
          kind: 'relationship',
          supplierId: firm.id,
          relation: 'neef',
          description: 'Neef is monteur',
        }),
      });
      expect(declared.status).toBe(201);
      const written = Date.now();
      const seen = await waitFor(
        "the declaration in the other server's watchlist",
        async () => await (await fetch(`${two.url}/api/v1/watchlist`, { headers: as(staff) })).json(),
        (list) => list.entries.some((e: { id: string }) => e.id === firm.id),
        WITHIN_MS,
      );
      expect(Date.now() - written).toBeLessThan(WITHIN_MS);
      const delta = await (
        await fetch(`${two.url}/api/v1/watchlist?since=${before.version}`, { headers: as(staff) })
      ).json();
      expect(delta).toMatchObject({ version: seen.version, since: before.version, removed: [] });
      expect(delta.entries.map((e: { id: string }) => e.id)).toEqual([firm.id]);
      expect(
        (
          await waitFor(
            'the new version pushed by the other server',
            pushed,
            (v) => v.includes(seen.version),
            WITHIN_MS,
          )
        ).at(-1),
      ).toBe(seen.version);
    } finally {
      await reader.cancel();
      await pump;
    }
    // Both processes wrote to one audit chain, and it holds.
    const verify = await (await fetch(`${two.url}/api/v1/audit/verify`, { headers: as(manager) })).json();
    expect(verify).toMatchObject({ ok: true });
  },
);
