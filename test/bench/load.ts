/**
 * `npm run bench:load`: the real server process (`api/server.ts`) over a realistic registry, under a mixed
 * workload from 100 connections for 30 s (autocannon), next to a bare Hono route measured in the same run, then
 * 50 writers declaring at once. Prints requests per second, p50/p99 latency, the errors and the share of the bare
 * route's rate (targets: 0 errors, p99 under 1 s, 10% or more), and checks that every acknowledged write is
 * there. Then the size of a delta after one write next to a full watchlist of 400 suppliers (target under 5%),
 * and the same mixed workload against two server processes on one libSQL server (sqld; target: no errors).
 * Not a test: the figures depend on the machine. Exits non-zero when there were errors, a write went missing or
 * the delta is too large; the rate and latency targets are printed, not enforced.
 *
 * The registry: the 10,000 suppliers of ../shared/fixtures/watchlist-10k.json, people of every role (staff with
 * their managers, purchasers, an admin), 800 suppliers in open negotiations and some 1,000 declarations, all
 * written through the same query functions as the API, so identifiers, audit chain and indexes are real.
 * LOAD_DURATION_S and LOAD_CONNECTIONS change the run (for a quick look).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { createApp } from '../../api/app.ts';
import { verifyAudit } from '../../db/audit.ts';
import { createDb, migrateDb } from '../../db/client.ts';
import { createToken } from '../../db/credentials.ts';
import { createDeclaration, reviewDeclaration } from '../../db/declarations.ts';
import { createNegotiation } from '../../db/negotiations.ts';
import { createPerson } from '../../db/people.ts';
import { negotiations, suppliers } from '../../db/schema.ts';
import { createSupplier } from '../../db/suppliers.ts';
import { writeTx } from '../../db/write.ts';
import type { Role } from '../../core/vocabulary.ts';
import { ROOT, startServer, type RunningServer } from '../support/server.ts';
import { findSqld, startSqld } from '../support/sqld.ts';

const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const WRITERS = 50;
const WRITER_ROUNDS = 10;
const IN_NEGOTIATION = 800;
/** The issue's targets for the mixed workload, and for a delta against a full watchlist of DELTA_SUPPLIERS. */
const TARGET = { p99Ms: 1000, shareOfBare: 0.1, deltaShare: 0.05 };
const DELTA_SUPPLIERS = 400;

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
      return {
        id: p.id,
        role,
        token: (await createToken(tx, now, p.id, { personId: p.id, name: 'load', scope: 'full' })).token,
      };
    };
    const admin = await make('admin', 'admin');
    const managers: Person[] = [];
    for (let i = 0; i < 5; i++) managers.push(await make(`manager${i}`, 'manager'));
    const purchasers: Person[] = [];
    for (let i = 0; i < 15; i++) purchasers.push(await make(`purchaser${i}`, 'purchaser', managers[i % 5].id));
    const staff: Person[] = [];
    for (let i = 0; i < 60; i++)
      staff.push({ ...(await make(`staff${i}`, 'staff', managers[i % 5].id)), managerIndex: i % 5 });
    return { admin, managers, purchasers, staff };
  });
  const supplierIds = await writeTx(registry.db, async (tx) => {
    const ids: string[] = [];
    for (const s of fixture) {
      const status = ids.length % 3 === 0 ? 'prospect' : 'contracted';
      const row = await createSupplier(tx, now, people.admin.id, {
        name: s.names[0],
        aliases: s.names.slice(1),
        kvk: s.kvk,
        vat: s.vat,
        domains: s.domains,
        status,
        lastBusinessDate: null,
        notes: null,
      });
      ids.push(row.id);
    }
    return ids;
  });
  await writeTx(registry.db, async (tx) => {
    for (let i = 0; i < IN_NEGOTIATION; i++) {
      const owner = people.purchasers[i % people.purchasers.length];
      await createNegotiation(tx, now, owner.id, {
        supplierId: supplierIds[i * 7],
        reference: `AB-${2026}-${i}`,
        subject: 'Planmatig onderhoud',
        stage: (['talks', 'tender', 'negotiation'] as const)[i % 3],
      });
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
            ? {
                kind: 'private_purchase' as const,
                supplierId,
                date: today,
                amountEur: 1_250,
                marketPrice: true,
                normalTerms: true,
              }
            : { kind: 'gift' as const, supplierId, valueEur: 25, form: 'goods' as const, forWholeCompany: false };
      const d = await createDeclaration(tx, now, actor, input, 'nl');
      if (i % 2 === 0)
        await reviewDeclaration(tx, now, people.managers[declarant.managerIndex!], d.id, { decision: 'acknowledged' });
    }
  });
  registry.close();
  return { people, supplierIds };
}

const pct = (n: number, total: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** The errors of an autocannon run: answers other than those expected, socket errors and timeouts. */
function errorsOf(r: autocannon.Result, ok = ['200', '201', '304']) {
  const bad = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !ok.includes(code))
    .reduce((a, [, v]) => a + (v as { count: number }).count, 0);
  return { bad, total: bad + r.errors + r.timeouts };
}

/** The baseline: a bare Hono route in a child process (bare-server.ts), loaded like the server was, as long. */
async function bareRoute(headers: Record<string, string>): Promise<autocannon.Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bare-server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const { port } = JSON.parse(
      await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
    );
    return await autocannon({
      url: `http://127.0.0.1:${port}/ok`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers,
      timeout: 30,
    });
  } finally {
    child.kill();
  }
}

/**
 * The size of a delta after one write next to the full watchlist it updates: a manager's list of
 * DELTA_SUPPLIERS suppliers in open negotiations, in-process (this measures bytes, not speed).
 */
async function deltaSize() {
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
      const rows = fixture.slice(0, DELTA_SUPPLIERS).map((f) => ({
        id: randomUUID(),
        name: f.names[0],
        aliases: f.names.slice(1),
        kvk: f.kvk,
        vat: f.vat,
        domains: f.domains,
        status: 'contracted' as const,
        createdAt: at,
        updatedAt: at,
      }));
      await tx.insert(suppliers).values(rows);
      await tx.insert(negotiations).values(
        rows.map((r, i) => ({
          id: randomUUID(),
          supplierId: r.id,
          reference: `D-${i}`,
          subject: 'Onderhoud',
          ownerId: owner.id,
          stage: 'tender' as const,
          openedOn: at.slice(0, 10),
          createdAt: at,
          updatedAt: at,
        })),
      );
      const token = async (personId: string) =>
        (await createToken(tx, now, personId, { personId, name: 'delta', scope: 'full' })).token;
      return { manager: await token(m.id), staff: await token(st.id), ids: rows.map((r) => r.id) };
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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-load-'));
  const file = join(dir, 'zuiver.db');
  const started = Date.now();
  const { people } = await buildRegistry(file);
  console.log(
    `Registry: ${fixture.length} suppliers (${IN_NEGOTIATION} in open negotiations), ${1 + people.managers.length + people.purchasers.length + people.staff.length} people, 1000 declarations; built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const server = await startServer({ env: { DATABASE_URL: `file:${file}`, RATE_LIMIT_PER_MINUTE: '0' } });
  try {
    const api = `${server.url}/api/v1`;
    const sample = await fetch(`${api}/watchlist`, {
      headers: { authorization: `Bearer ${people.managers[0].token}`, 'accept-encoding': 'gzip' },
    });
    const managerEntries = (await sample.json()).entries.length;
    const staffList = await (
      await fetch(`${api}/watchlist`, { headers: { authorization: `Bearer ${people.staff[0].token}` } })
    ).json();
    console.log(
      `Watchlists: ${managerEntries} suppliers for a manager, ${staffList.entries.length} for staff. Server: api/server.ts, RATE_LIMIT_PER_MINUTE=0 (the per-token limit would throttle the load generator, not the server)`,
    );
    const text = `Offerte ontvangen van ${staffList.entries[3].name} voor perceel 2. `.padEnd(
      1000,
      'Bij de opening van de inschrijvingen bleek dat ',
    );

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
        onResponse: (status, _body, ctx: Ctx, headers) =>
          void (status === 200 && etags.set(asStaff(ctx).id, String(headers?.etag))),
      },
      {
        method: 'GET',
        path: '/api/v1/watchlist',
        setupRequest: (req, ctx: Ctx) => ({
          ...req,
          headers: {
            ...auth(asStaff(ctx)),
            'if-none-match': etags.get(asStaff(ctx).id) ?? '"none"',
            'accept-encoding': 'gzip',
          },
        }),
      },
      {
        method: 'GET',
        path: '/api/v1/watchlist',
        setupRequest: (req, ctx: Ctx) => {
          const p = (ctx.purchaser = people.purchasers[nextPurchaser++ % people.purchasers.length]);
          return {
            ...req,
            headers: { ...auth(p), 'if-none-match': etags.get(p.id) ?? '"none"', 'accept-encoding': 'gzip' },
          };
        },
        onResponse: (status, _body, ctx: Ctx, headers) =>
          void (status === 200 && etags.set(ctx.purchaser!.id, String(headers?.etag))),
      },
      {
        method: 'POST',
        path: '/api/v1/check',
        body: JSON.stringify({ texts: [text] }),
        setupRequest: (req, ctx: Ctx) => ({
          ...req,
          headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' },
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/declarations',
        setupRequest: (req, ctx: Ctx) => ({
          ...req,
          headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'gift',
            supplierName: 'Kantoorartikelen Noord',
            valueEur: 20,
            form: 'goods',
            description: 'Kerstpakket',
          }),
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
      {
        method: 'GET',
        path: '/api/v1/declarations?toReview=1&limit=20',
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(managerOf(ctx)) }),
      },
      {
        method: 'GET',
        path: '/api/v1/declarations?limit=20',
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }),
      },
      {
        method: 'GET',
        path: '/api/v1/suppliers?q=Bouw&limit=10',
        setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }),
      },
      { method: 'GET', path: '/api/v1/me', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }) },
    ];
    console.log(
      `\nMixed workload: ${CONNECTIONS} connections for ${DURATION_S} s; per cycle 3 watchlists (1 full, 2 with If-None-Match), 1 check, 1 declaration, 1 review, 4 other reads`,
    );
    const r = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests,
      timeout: 30,
    });
    const byStatus = Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]),
    );
    const answered = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const { bad, total: errors } = errorsOf(r);
    console.log(`  requests/s   ${r.requests.average.toFixed(0)} on average (${answered} answers in ${DURATION_S} s)`);
    console.log(
      `  latency      p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
    );
    console.log(
      `  answers      ${Object.entries(byStatus)
        .map(([code, n]) => `${code}: ${n} (${pct(n, answered)})`)
        .join(', ')}`,
    );
    console.log(
      `  errors       ${errors} (${bad} answers other than 200/201/304, ${r.errors} socket errors, ${r.timeouts} timeouts)${errors ? '  <-- target is 0' : ''}`,
    );
    // The baseline in the same run, with a request of the same size (the token header): the share is what the
    // issue's target is stated in, so a busy or quiet machine moves both.
    const bare = await bareRoute(auth(people.staff[0]));
    const share = r.requests.average / bare.requests.average;
    console.log(
      `  bare route   ${bare.requests.average.toFixed(0)} requests/s (a bare Hono route in a child process, ${CONNECTIONS} connections, ${DURATION_S} s, same run)`,
    );
    console.log(
      `  share        ${(100 * share).toFixed(0)}% of the bare route (target ${100 * TARGET.shareOfBare}% or more: ${verdict(share >= TARGET.shareOfBare)}); p99 under ${TARGET.p99Ms} ms: ${verdict(r.latency.p99 < TARGET.p99Ms)}; 0 errors: ${verdict(errors === 0)}`,
    );

    // The same cycle without its two writes, for comparison: what the writes cost the rest.
    const readOnly = requests.filter((r) => r.method === 'GET' || r.path === '/api/v1/check');
    const reads = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: Math.min(DURATION_S, 10),
      requests: readOnly,
      timeout: 30,
    });
    const readErrors = errorsOf(reads, ['200', '304']).total;
    console.log(
      `  for comparison, the same cycle without its writes (${Math.min(DURATION_S, 10)} s): ${reads.requests.average.toFixed(0)} requests/s, p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms, ${readErrors} errors`,
    );

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
            body: JSON.stringify({
              kind: 'relationship',
              supplierName: `Gelijktijdig ${round}-${i}`,
              relation: 'buurman',
              description: `Ronde ${round}, schrijver ${i}`,
            }),
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
    console.log(
      `\n${WRITERS} writers declaring at once, ${WRITER_ROUNDS} rounds: ${acknowledged.length} acknowledged (201), ${refused} refused, ${acknowledged.length - missing} present afterwards, ${missing} missing`,
    );
    console.log(
      `  write latency p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(0)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(0)} ms; audit chain ${verify.ok ? 'verifies' : 'BROKEN'} (${verify.rows} rows)`,
    );

    await server.stop();
    // The file as the server left it: sound, the chain intact, every acknowledged write in it.
    const after = await createDb(`file:${file}`);
    const integrity = String((await after.client.execute('PRAGMA integrity_check')).rows[0][0]);
    const chain = await verifyAudit(after.db);
    after.close();
    console.log(`  database file: integrity_check ${integrity}, audit chain ${chain.ok ? 'ok' : 'BROKEN'}`);

    const deltaOk = await deltaSize();
    const pair = await twoServers(file, dir, requests, people.admin);
    if (
      errors ||
      readErrors ||
      refused ||
      missing ||
      !verify.ok ||
      !chain.ok ||
      integrity !== 'ok' ||
      !deltaOk ||
      pair.errors
    )
      process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Two server processes on one libSQL server (sqld) that starts from the registry as the runs above left it,
 * under the same mixed workload, half the connections each: the target is no errors, and the chain still holds.
 */
async function twoServers(
  file: string,
  dir: string,
  requests: autocannon.Request[],
  admin: Person,
): Promise<{ errors: number }> {
  const sqld = findSqld();
  if (!sqld.path) {
    console.log(`\nTwo servers on one sqld: skipped (${sqld.reason})`);
    return { errors: 0 };
  }
  const seed = join(dir, 'seed.db');
  const source = await createDb(`file:${file}`);
  await source.client.execute({ sql: 'VACUUM INTO ?', args: [seed] });
  source.close();
  const db = await startSqld(sqld.path, { seed });
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < 2; i++)
      servers.push(await startServer({ env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '0' } }));
    const half = Math.max(1, Math.floor(CONNECTIONS / 2));
    console.log(
      `\nTwo server processes on one libSQL server (sqld), the same mixed workload: ${half} connections to each for ${DURATION_S} s`,
    );
    const runs = await Promise.all(
      servers.map((s) => autocannon({ url: s.url, connections: half, duration: DURATION_S, requests, timeout: 30 })),
    );
    let total = 0;
    runs.forEach((r, i) => {
      const e = errorsOf(r);
      total += e.total;
      const answers = Object.entries(r.statusCodeStats ?? {})
        .map(([code, v]) => `${code}: ${(v as { count: number }).count}`)
        .join(', ');
      console.log(
        `  server ${i + 1}: ${r.requests.average.toFixed(0)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; answers ${answers}; ${e.total} errors (${e.bad} answers other than 200/201/304, ${r.errors} socket errors, ${r.timeouts} timeouts)`,
      );
      // What the server said about them: it logs storage problems and unexpected errors with their cause.
      if (e.total)
        for (const line of servers[i]
          .output()
          .split('\n')
          .filter((l) => /error|unavailable|SQLITE|HRANA/i.test(l))
          .slice(-5))
          console.log(`    server ${i + 1} logged: ${line.slice(0, 300)}`);
    });
    const verify = await (
      await fetch(`${servers[1].url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).json();
    console.log(
      `  errors ${total} (target 0: ${verdict(total === 0)}); audit chain ${verify.ok ? 'verifies' : 'BROKEN'} (${verify.rows} rows)`,
    );
    return { errors: total + (verify.ok ? 0 : 1) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.stop();
  }
}

await main();
