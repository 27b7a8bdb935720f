/**
 * The processes the API bench measures, started in a child so the load generator does not share their CPU:
 * a bare Hono route (the baseline) and Zuiver over a registry holding the 10,000 suppliers of the bench fixture,
 * each in an open negotiation so that all of them are on the watchlist. Prints one JSON line when ready.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../api/app.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createPerson } from '../../db/people.ts';
import { negotiations, suppliers } from '../../db/schema.ts';
import { writeTx } from '../../db/write.ts';

const fixture: { id: string; names: string[]; domains: string[]; kvk: string[]; vat: string[] }[] = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/watchlist-10k.json', import.meta.url), 'utf8'),
);

const now = new Date();
const at = now.toISOString();
const registry = await createDb(`file:${join(mkdtempSync(join(tmpdir(), 'zuiver-bench-')), 'zuiver.db')}`);
await migrateDb(registry.db);
const token = await writeTx(registry.db, async (tx) => {
  const owner = await createPerson(tx, now, null, {
    email: 'bench@zuiver.test',
    name: 'Bench Inkoper',
    role: 'purchaser',
  });
  // Bulk rows straight into the tables: the bench measures serving, not 10,000 validated inserts.
  for (let i = 0; i < fixture.length; i += 500) {
    const batch = fixture.slice(i, i + 500).map((s) => ({
      id: randomUUID(),
      name: s.names[0],
      aliases: s.names.slice(1),
      kvk: s.kvk,
      vat: s.vat,
      domains: s.domains,
      status: 'contracted' as const,
      createdAt: at,
      updatedAt: at,
    }));
    await tx.insert(suppliers).values(batch);
    await tx.insert(negotiations).values(
      batch.map((s, j) => ({
        id: randomUUID(),
        supplierId: s.id,
        reference: `B-${i + j}`,
        subject: 'Onderhoud',
        ownerId: owner.id,
        stage: 'tender' as const,
        openedOn: at.slice(0, 10),
        createdAt: at,
        updatedAt: at,
      })),
    );
  }
  return (await createToken(tx, now, owner.id, { personId: owner.id, name: 'bench', scope: 'full' })).token;
});

const app = createApp({
  db: registry.db,
  clock: { now: () => new Date() },
  config: { rateLimitPerMinute: 0, publicUrl: 'http://127.0.0.1' },
});
const bare = new Hono().get('/ok', (c) => c.json({ ok: true }));
const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port));
    void server;
  });
const [appPort, barePort] = await Promise.all([listen(app.fetch), listen(bare.fetch)]);
console.log(JSON.stringify({ appPort, barePort, token, suppliers: fixture.length }));
process.on('SIGINT', () => process.exit(0));
