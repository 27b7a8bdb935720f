/**
 * API throughput with autocannon: the watchlist for 10,000 suppliers (cached 304 and full), and POST /check with
 * 1 KB of text, each next to a bare Hono route measured in the same run.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ROOT } from '../support/server.ts';

const TARGET = { cachedShareOfBare: 0.8, fullP99Ms: 50, compressedKb: 1024 };
const DURATION_S = 8;
const CONNECTIONS = 20;
/** The baseline and the cached watchlist take turns, so that a change in the machine's load does not decide their ratio. */
const ROUNDS = 4;

interface Figures {
  rps: number;
  p99: number;
  errors: number;
}

/** `notModified`: the 304s it asks for are the expected answer, not errors. */
async function load(url: string, opts: Partial<autocannon.Options> = {}, notModified = false): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...opts });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts + (notModified ? 0 : r.non2xx) };
}

/** Alternating rounds of two loads, combined: requests per second averaged, the worst p99 kept. */
async function alternate(a: () => Promise<Figures>, b: () => Promise<Figures>): Promise<[Figures, Figures]> {
  const runs: Array<[Figures, Figures]> = [];
  for (let i = 0; i < ROUNDS; i++) runs.push([await a(), await b()]);
  const combine = (f: Figures[]): Figures => ({
    rps: f.reduce((sum, x) => sum + x.rps, 0) / f.length,
    p99: Math.max(...f.map((x) => x.p99)),
    errors: f.reduce((sum, x) => sum + x.errors, 0),
  });
  return [combine(runs.map((r) => r[0])), combine(runs.map((r) => r[1]))];
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

const line = (name: string, f: Figures, base?: Figures, note = '') =>
  console.log(
    `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s  p99 ${String(f.p99).padStart(4)} ms` +
      (base ? `  ${((100 * f.rps) / base.rps).toFixed(0).padStart(3)}% of bare` : '') +
      (f.errors ? `  ${f.errors} errors` : '') +
      note,
  );

export async function run() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/api-server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    const { appPort, barePort, token, suppliers } = JSON.parse(first);
    const app = `http://127.0.0.1:${appPort}/api/v1`;
    const auth = { authorization: `Bearer ${token}` };

    const full = await fetch(`${app}/watchlist`, { headers: { ...auth, 'accept-encoding': 'br, gzip' } });
    const etag = full.headers.get('etag')!;
    const compressed = Number(full.headers.get('content-length') ?? (await full.clone().arrayBuffer()).byteLength);
    const { entries } = await full.json();
    console.log(
      `Watchlist: ${entries.length} of ${suppliers} suppliers, ${(compressed / 1024).toFixed(0)} KB as ${full.headers.get('content-encoding')} (target under ${TARGET.compressedKb} KB: ${verdict(compressed / 1024 < TARGET.compressedKb)}), ${CONNECTIONS} connections, ${DURATION_S} s each`,
    );

    // Both get the extension's very request, headers and all: reading them is the same work for any server, so
    // the share measures what Zuiver adds to it.
    const asked = { duration: (2 * DURATION_S) / ROUNDS, headers: { ...auth, 'if-none-match': etag } };
    const [bare, cached] = await alternate(
      () => load(`http://127.0.0.1:${barePort}/ok`, asked),
      () => load(`${app}/watchlist`, asked, true),
    );
    line('bare Hono route (baseline)', bare);
    const share = cached.rps / bare.rps;
    line(
      'GET /watchlist, If-None-Match: 304',
      cached,
      bare,
      `  (target: ${100 * TARGET.cachedShareOfBare}% or more: ${verdict(share >= TARGET.cachedShareOfBare)})`,
    );
    // Few connections: half a megabyte per answer makes the load generator, not the server, the limit. So no
    // share of the bare route (measured with 20): its target is latency.
    const whole = await load(`${app}/watchlist`, {
      connections: 2,
      headers: { ...auth, 'accept-encoding': 'br, gzip' },
    });
    line(
      'GET /watchlist, full (2 connections)',
      whole,
      undefined,
      `  (target: p99 under ${TARGET.fullP99Ms} ms: ${verdict(whole.p99 < TARGET.fullP99Ms)})`,
    );
    const text =
      'Bij de opening van de inschrijvingen voor perceel 2 bleek dat '.repeat(16).slice(0, 1000) + entries[7].name;
    const check = await load(`${app}/check`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ texts: [text] }),
    });
    line('POST /check, 1 KB of text', check, bare);
  } finally {
    child.kill();
  }
}
