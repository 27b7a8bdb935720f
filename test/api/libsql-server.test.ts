/**
 * Zuiver on a libSQL server by an `http://` URL, as when one machine is not enough (the two-server tests and the
 * load bench connect by WebSocket, as a `libsql://` URL does).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendAudit, verifyAudit } from '../../db/audit.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { writeTx } from '../../db/write.ts';
import { T0 } from '../support/app.ts';
import { outOfReach } from '../support/out-of-reach.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { findSqld, startSqld } from '../support/sqld.ts';

const sqld = findSqld();
if (!sqld.path) outOfReach(`the libSQL-server test: no sqld (${sqld.reason})`);

let db: { httpUrl: string; stop(): Promise<void> };
let server: RunningServer;
beforeAll(async () => {
  if (!sqld.path) return;
  db = await startSqld(sqld.path);
  server = await startServer({ env: { DATABASE_URL: db.httpUrl, ZUIVER_DEMO: '1' } });
});
afterAll(async () => {
  await server?.stop();
  await db?.stop();
});

test.skipIf(!sqld.path)(
  'migrates, seeds and serves the demo over a libSQL server, transactions and audit chain included',
  async () => {
    const token = await server.cliToken(['token', 'create', '--email', 'medewerker@zuiver.example']);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = await (await fetch(`${server.url}/api/v1/watchlist`, { headers: auth })).json();
    const jansen = list.entries.find((e: { name: string }) => e.name.startsWith('Bouwbedrijf Jansen'));
    const declared = await fetch(`${server.url}/api/v1/declarations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'gift', supplierId: jansen.id, valueEur: 20, form: 'goods' }),
    });
    expect(declared.status).toBe(201);
    expect((await declared.json()).verdict.rule).toBe('gift.negotiation');
    const managerToken = await server.cliToken([
      'user',
      'add',
      '--email',
      'm2@zuiver.example',
      '--name',
      'M',
      '--role',
      'manager',
    ]);
    const verify = await (
      await fetch(`${server.url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${managerToken}` } })
    ).json();
    expect(verify).toMatchObject({ ok: true });
    expect(verify.rows).toBeGreaterThan(20);
  },
);

test.skipIf(!sqld.path)(
  'a long audit chain verifies over a libSQL server, which refuses answers past its size limit',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zuiver-audit-'));
    const seed = join(dir, 'seed.db');
    const local = await createDb(`file:${seed}`);
    await migrateDb(local.db);
    // Some 10 MB of audit rows: more than one answer of the server may carry.
    const rows = 25_000;
    await writeTx(local.db, async (tx) => {
      for (let i = 0; i < rows; i++)
        await appendAudit(tx, T0, {
          actorId: null,
          action: 'declaration.create',
          entity: 'declaration',
          entityId: randomUUID(),
          fields: ['description', 'form', 'kind', 'supplierName', 'valueEur'],
        });
    });
    local.close();
    const big = await startSqld(sqld.path!, { seed });
    try {
      const remote = await createDb(big.httpUrl);
      expect(await verifyAudit(remote.db)).toEqual({ ok: true, rows });
      remote.close();
    } finally {
      await big.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
