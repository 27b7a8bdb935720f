/** The load bench's delta: how large a watchlist delta after one write is next to the full watchlist. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { fixture, insertInTender } from './fixture-suppliers.ts';
import { verdict } from './load-report.ts';
import { DELTA_SUPPLIERS, TARGET } from './load-settings.ts';

/**
 * The size of a delta after one write next to the full watchlist it updates: a manager's list of
 * DELTA_SUPPLIERS suppliers in open negotiations, in-process (this measures bytes, not speed).
 */
export async function deltaSize() {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-delta-'));
  const registry = await createDb(`file:${join(dir, 'zuiver.db')}`);
  try {
    await migrateDb(registry.db);
    const now = new Date();
    const at = now.toISOString();
    const { manager, staff, ids } = await writeTx(registry.db, async (tx) => {
      const owner = await createPerson(tx, now, null, {
        email: 'inkoper@delta.test',
        name: 'Delta Inkoper',
        role: 'purchaser',
      });
      const m = await createPerson(tx, now, null, {
        email: 'manager@delta.test',
        name: 'Delta Manager',
        role: 'manager',
      });
      const st = await createPerson(tx, now, null, {
        email: 'staff@delta.test',
        name: 'Delta Medewerker',
        role: 'staff',
        managerId: m.id,
      });
      const ids = await insertInTender(tx, fixture.slice(0, DELTA_SUPPLIERS), { ownerId: owner.id, at, prefix: 'D' });
      const token = async (personId: string) =>
        (await createToken(tx, now, personId, { personId, name: 'delta', scope: 'full' })).token;
      return { manager: await token(m.id), staff: await token(st.id), ids };
    });
    const app = createApp({
      db: registry.db,
      clock: { now: () => new Date() },
      config: { rateLimitPerMinute: 0, publicUrl: 'http://127.0.0.1' },
    });
    const ask = (token: string, path = '/api/v1/watchlist', init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    const bytes = async (res: Response) => (await res.arrayBuffer()).byteLength;
    const full = await ask(manager);
    const fullText = await full.text();
    const { version, entries } = JSON.parse(fullText);
    const fullGzip = await bytes(await ask(manager, '/api/v1/watchlist', { headers: { 'accept-encoding': 'gzip' } }));
    const declared = await ask(staff, '/api/v1/declarations', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'relationship',
        supplierId: ids[123],
        relation: 'broer',
        description: 'Broer is uitvoerder',
      }),
    });
    if (declared.status !== 201) throw new Error(`the write for the delta failed: ${declared.status}`);
    const delta = await ask(manager, `/api/v1/watchlist?since=${version}`);
    const deltaText = await delta.text();
    const parsed = JSON.parse(deltaText);
    const deltaGzip = await bytes(
      await ask(manager, `/api/v1/watchlist?since=${version}`, { headers: { 'accept-encoding': 'gzip' } }),
    );
    const share = deltaText.length / fullText.length;
    console.log(
      `\nDelta after one write (a declared relationship), for a manager's watchlist of ${entries.length} suppliers:`,
    );
    console.log(
      `  full watchlist ${fullText.length} bytes (${fullGzip} gzip); delta ${deltaText.length} bytes (${deltaGzip} gzip), ${parsed.entries.length} entry and ${parsed.removed.length} removed`,
    );
    console.log(
      `  the delta is ${(100 * share).toFixed(2)}% of the full watchlist (target under ${100 * TARGET.deltaShare}%: ${verdict(share < TARGET.deltaShare)})`,
    );
    return share < TARGET.deltaShare && parsed.since === version;
  } finally {
    registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
