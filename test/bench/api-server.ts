/**
 * The processes the API bench measures, started in a child so the load generator does not share their CPU:
 * a bare Hono route (the baseline) and Zuiver over a registry holding the 10,000 suppliers of the bench fixture,
 * each in an open negotiation so that all of them are on the watchlist. Prints one JSON line when ready.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../api/app.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createPerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { fixture, insertInTender } from './fixture-suppliers.ts';

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
  await insertInTender(tx, fixture, { ownerId: owner.id, at, prefix: 'B' });
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
