/**
 * `npm run bench:load`: the real server process (`api/server.ts`) over a realistic registry, under a mixed
 * workload from 100 connections for 30 s (autocannon), then 50 writers declaring at once. Prints requests per
 * second, p50/p99 latency and the errors (the target is zero), and checks that every acknowledged write is there.
 * Not a test: the figures depend on the machine. Exits non-zero when there were errors or a write went missing.
 *
 * The registry: the 10,000 suppliers of ../shared/fixtures/watchlist-10k.json, people of every role (staff with
 * their managers, purchasers, an admin), 800 suppliers in open negotiations and some 1,000 declarations, all
 * written through the same query functions as the API, so identifiers, audit chain and indexes are real.
 * LOAD_DURATION_S and LOAD_CONNECTIONS change the run (for a quick look).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { verifyAudit } from '../../db/audit.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createDeclaration, reviewDeclaration } from '../../db/declarations.ts';
import { createNegotiation } from '../../db/negotiations.ts';
import { createPerson } from '../../db/people.ts';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import type { Role } from '../../core/types.ts';
import { startServer } from '../support/server.ts';

const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const WRITERS = 50;
const WRITER_ROUNDS = 10;
const IN_NEGOTIATION = 800;

interface Person {
  id: string;
  role: Role;
  token: string;
  managerIndex?: number;
}

const fixture: { names: string[]; domains: string[]; kvk: string[]; vat: string[] }[] = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/watchlist-10k.json', import.meta.url), 'utf8'),
);

/** Builds the registry file with the query functions the API uses; the server is started on it afterwards. */
async function buildRegistry(file: string) {
  const registry = await createDb(`file:${file}`);
  await migrateDb(registry.db);
  const now = new Date();
  const people = await writeTx(registry.db, async (tx) => {
    const make = async (key: string, role: Role, managerId: string | null = null): Promise<Person> => {
      const p = await createPerson(tx, now, null, { email: `${key}@load.test`, name: `Load ${key}`, role, managerId });
      return { id: p.id, role, token: (await createToken(tx, now, p.id, { personId: p.id, name: 'load', scope: 'full' })).token };
    };
    const admin = await make('admin', 'admin');
    const managers: Person[] = [];
    for (let i = 0; i < 5; i++) managers.push(await make(`manager${i}`, 'manager'));
    const purchasers: Person[] = [];
    for (let i = 0; i < 15; i++) purchasers.push(await make(`purchaser${i}`, 'purchaser', managers[i % 5].id));
    const staff: Person[] = [];
    for (let i = 0; i < 60; i++) staff.push({ ...(await make(`staff${i}`, 'staff', managers[i % 5].id)), managerIndex: i % 5 });
    return { admin, managers, purchasers, staff };
  });
  const supplierIds = await writeTx(registry.db, async (tx) => {
    const ids: string[] = [];
    for (const s of fixture) {
      const status = ids.length % 3 === 0 ? 'prospect' : 'contracted';
      const row = await createSupplier(tx, now, people.admin.id, { name: s.names[0], aliases: s.names.slice(1), kvk: s.kvk, vat: s.vat, domains: s.domains, status, lastBusinessDate: null, notes: null });
      ids.push(row.id);
    }
    return ids;
  });
  await writeTx(registry.db, async (tx) => {
    for (let i = 0; i < IN_NEGOTIATION; i++) {
      const owner = people.purchasers[i % people.purchasers.length];
      await createNegotiation(tx, now, owner.id, { supplierId: supplierIds[i * 7], reference: `AB-${2026}-${i}`, subject: 'Planmatig onderhoud', stage: (['talks', 'tender', 'negotiation'] as const)[i % 3] });
    }
    const today = now.toISOString().slice(0, 10);
    for (let i = 0; i < 1_000; i++) {
      const declarant = people.staff[i % people.staff.length];
      const supplierId = supplierIds[(i * 13) % supplierIds.length];
      const actor = { id: declarant.id, role: declarant.role };
      const input =
        i % 3 === 0
          ? { kind: 'relationship' as const, supplierId, relation: 'zwager', description: 'Werkt als projectleider' }
          : i % 3 === 1
            ? { kind: 'private_purchase' as const, supplierId, date: today, amountEur: 1_250, marketPrice: true, normalTerms: true }
            : { kind: 'gift' as const, supplierId, valueEur: 25, form: 'goods' as const, forWholeCompany: false };
      const d = await createDeclaration(tx, now, actor, input, 'nl');
      if (i % 2 === 0) await reviewDeclaration(tx, now, people.managers[declarant.managerIndex!], d.id, { decision: 'acknowledged' });
    }
  });
  registry.close();
  return { people, supplierIds };
}

const pct = (n: number, total: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-load-'));
  const file = join(dir, 'zuiver.db');
  const started = Date.now();
  const { people } = await buildRegistry(file);
  console.log(`Registry: ${fixture.length} suppliers (${IN_NEGOTIATION} in open negotiations), ${1 + people.managers.length + people.purchasers.length + people.staff.length} people, 1000 declarations; built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const server = await startServer({ env: { DATABASE_URL: `file:${file}`, RATE_LIMIT_PER_MINUTE: '0' } });
  try {
    const api = `${server.url}/api/v1`;
    const sample = await fetch(`${api}/watchlist`, { headers: { authorization: `Bearer ${people.managers[0].token}`, 'accept-encoding': 'gzip' } });
    const managerEntries = (await sample.json()).entries.length;
    const staffList = await (await fetch(`${api}/watchlist`, { headers: { authorization: `Bearer ${people.staff[0].token}` } })).json();
    console.log(`Watchlists: ${managerEntries} suppliers for a manager, ${staffList.entries.length} for staff. Server: api/server.ts, RATE_LIMIT_PER_MINUTE=0 (the per-token limit would throttle the load generator, not the server)`);
    const text = `Offerte ontvangen van ${staffList.entries[3].name} voor perceel 2. `.padEnd(1000, 'Bij de opening van de inschrijvingen bleek dat ');

    // ---- Mixed workload ----------------------------------------------------------------------------------------
    // Each connection cycles through these ten requests, as one staff member (and that person's manager) per
    // cycle: reads of the watchlist with and without ETag, a check, a declaration and its review, lists.
    let nextStaff = 0;
    let nextPurchaser = 0;
    const etags = new Map<string, string>();
    const auth = (p: Person) => ({ authorization: `Bearer ${p.token}` });
    type Ctx = { staff?: Person; purchaser?: Person; declarationId?: string };
    const asStaff = (ctx: Ctx) => (ctx.staff ??= people.staff[nextStaff++ % people.staff.length]);
    const managerOf = (ctx: Ctx) => people.managers[asStaff(ctx).managerIndex!];
    const requests: autocannon.Request[] = [
      {
        method: 'GET',
        path: '/api/v1/watchlist',
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: { ...auth(asStaff(ctx)), 'accept-encoding': 'gzip' } }),
        onResponse: (status, _body, ctx: Ctx, headers) => void (status === 200 && etags.set(asStaff(ctx).id, String(headers?.etag))),
      },
      {
        method: 'GET',
        path: '/api/v1/watchlist',
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: { ...auth(asStaff(ctx)), 'if-none-match': etags.get(asStaff(ctx).id) ?? '"none"', 'accept-encoding': 'gzip' } }),
      },
      {
        method: 'GET',
        path: '/api/v1/watchlist',
        setupRequest: (req, ctx: Ctx) => {
          const p = (ctx.purchaser = people.purchasers[nextPurchaser++ % people.purchasers.length]);
          return { ...req, headers: { ...auth(p), 'if-none-match': etags.get(p.id) ?? '"none"', 'accept-encoding': 'gzip' } };
        },
        onResponse: (status, _body, ctx: Ctx, headers) => void (status === 200 && etags.set(ctx.purchaser!.id, String(headers?.etag))),
      },
      {
        method: 'POST',
        path: '/api/v1/check',
        body: JSON.stringify({ texts: [text] }),
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' } }),
      },
      {
        method: 'POST',
        path: '/api/v1/declarations',
        setupRequest: (req, ctx: Ctx) => ({
          ...req,
          headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'gift', supplierName: 'Kantoorartikelen Noord', valueEur: 20, form: 'goods', description: 'Kerstpakket' }),
        }),
        onResponse: (status, body, ctx: Ctx) => void (status === 201 && (ctx.declarationId = JSON.parse(body).id)),
      },
      {
        method: 'POST',
        setupRequest: (req, ctx: Ctx) => ({
          ...req,
          path: `/api/v1/declarations/${ctx.declarationId ?? 'missing'}/review`,
          headers: { ...auth(managerOf(ctx)), 'content-type': 'application/json' },
          body: JSON.stringify({ decision: 'acknowledged', note: 'Binnen de regels' }),
        }),
      },
      { method: 'GET', path: '/api/v1/declarations?toReview=1&limit=20', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(managerOf(ctx)) }) },
      { method: 'GET', path: '/api/v1/declarations?limit=20', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }) },
      { method: 'GET', path: '/api/v1/suppliers?q=Bouw&limit=10', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }) },
      { method: 'GET', path: '/api/v1/me', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }) },
    ];
    console.log(`\nMixed workload: ${CONNECTIONS} connections for ${DURATION_S} s; per cycle 3 watchlists (1 full, 2 with If-None-Match), 1 check, 1 declaration, 1 review, 4 other reads`);
    const r = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, requests, timeout: 30 });
    const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]));
    const answered = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const bad = Object.entries(byStatus).filter(([code]) => !['200', '201', '304'].includes(code)).reduce((a, [, n]) => a + n, 0);
    const errors = bad + r.errors + r.timeouts;
    console.log(`  requests/s   ${r.requests.average.toFixed(0)} on average (${answered} answers in ${DURATION_S} s)`);
    console.log(`  latency      p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
    console.log(`  answers      ${Object.entries(byStatus).map(([code, n]) => `${code}: ${n} (${pct(n, answered)})`).join(', ')}`);
    console.log(`  errors       ${errors} (${bad} answers other than 200/201/304, ${r.errors} socket errors, ${r.timeouts} timeouts)${errors ? '  <-- target is 0' : ''}`);

    // The same cycle without its two writes, for comparison: every write makes each person's compiled watchlist
    // (and /check's matcher) stale, so the mix above measures mostly recompiling.
    const readOnly = requests.filter((r) => r.method === 'GET' || r.path === '/api/v1/check');
    const reads = await autocannon({ url: server.url, connections: CONNECTIONS, duration: Math.min(DURATION_S, 10), requests: readOnly, timeout: 30 });
    const readErrors = reads.errors + reads.timeouts + Object.entries(reads.statusCodeStats ?? {}).filter(([code]) => !['200', '304'].includes(code)).reduce((a, [, v]) => a + (v as { count: number }).count, 0);
    console.log(`  for comparison, the same cycle without its writes (${Math.min(DURATION_S, 10)} s): ${reads.requests.average.toFixed(0)} requests/s, p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms, ${readErrors} errors`);

    // ---- 50 writers at once ----------------------------------------------------------------------------------
    // Let the server finish what the load generator left in flight, so the writers measure themselves.
    await fetch(`${api}/health`);
    const writers = people.staff.slice(0, WRITERS);
    const acknowledged: string[] = [];
    let refused = 0;
    const latencies: number[] = [];
    for (let round = 0; round < WRITER_ROUNDS; round++) {
      await Promise.all(
        writers.map(async (w, i) => {
          const t0 = performance.now();
          const res = await fetch(`${api}/declarations`, {
            method: 'POST',
            headers: { ...auth(w), 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'relationship', supplierName: `Gelijktijdig ${round}-${i}`, relation: 'buurman', description: `Ronde ${round}, schrijver ${i}` }),
          });
          latencies.push(performance.now() - t0);
          if (res.status === 201) acknowledged.push((await res.json()).id);
          else refused++;
        }),
      );
    }
    latencies.sort((a, b) => a - b);
    let missing = 0;
    for (const id of acknowledged) {
      const res = await fetch(`${api}/declarations/${id}`, { headers: auth(people.admin) });
      if (res.status !== 200) missing++;
    }
    const verify = await (await fetch(`${api}/audit/verify`, { headers: auth(people.admin) })).json();
    console.log(`\n${WRITERS} writers declaring at once, ${WRITER_ROUNDS} rounds: ${acknowledged.length} acknowledged (201), ${refused} refused, ${acknowledged.length - missing} present afterwards, ${missing} missing`);
    console.log(`  write latency p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(0)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(0)} ms; audit chain ${verify.ok ? 'verifies' : 'BROKEN'} (${verify.rows} rows)`);

    await server.stop();
    // The file as the server left it: sound, the chain intact, every acknowledged write in it.
    const after = await createDb(`file:${file}`);
    const integrity = String((await after.client.execute('PRAGMA integrity_check')).rows[0][0]);
    const chain = await verifyAudit(after.db);
    after.close();
    console.log(`  database file: integrity_check ${integrity}, audit chain ${chain.ok ? 'ok' : 'BROKEN'}`);
    if (errors || readErrors || refused || missing || !verify.ok || !chain.ok || integrity !== 'ok') process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
