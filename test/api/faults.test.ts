/**
 * Faults, on the real server process and real database files: a SIGKILL in the middle of a burst of writes
 * loses no acknowledged write and leaves a sound file; a read-only database stops the start with a clear line;
 * a full disk answers a JSON 503 instead of hanging; `cli backup` copies consistently while writes go on, and
 * the copy restores as the README says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { verifyAudit } from '../../db/audit.ts';
import { createDb } from '../../db/client.ts';
import { openTestApp, worldTemplate } from '../support/app.ts';
import { cliWith, freePort, ROOT, startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/wait.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A directory the test owns, removed after it: servers started on it leave it be when they stop. */
function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serverIn(dir?: string, env: Record<string, string> = {}) {
  const s = await startServer({ dir, env: { RATE_LIMIT_PER_MINUTE: '0', ...env } });
  cleanups.push(() => s.stop());
  return s;
}

/** A manager (who may declare and read the audit trail) added with the real CLI; returns their token. */
async function manager(s: RunningServer, email = 'burst@corp.example') {
  return s.cliToken(['user', 'add', '--email', email, '--name', 'Burst Manager', '--role', 'manager']);
}

const declaration = (i: number) => ({ kind: 'relationship', supplierName: `Leverancier ${i}`, relation: `relatie ${i}`, description: `Burst ${i} `.padEnd(400, 'x') });

/** One declaration; its id when acknowledged (201), undefined otherwise; throws when the server is gone. */
async function declare(url: string, token: string, i: number): Promise<{ status: number; id?: string; body: any }> {
  const res = await fetch(`${url}/api/v1/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(declaration(i)),
    // A bound, not an assertion: a hang fails the test instead of stalling it.
    signal: AbortSignal.timeout(20_000),
  });
  const body = await res.json();
  return { status: res.status, id: res.status === 201 ? body.id : undefined, body };
}

/**
 * `workers` clients declare in parallel until `total` attempts were made or the server stops answering.
 * `onAck` hears of every acknowledged write as it happens.
 */
async function burst(url: string, token: string, opts: { workers: number; total: number; onAck?: (acked: string[]) => void }) {
  const acked: string[] = [];
  const statuses: number[] = [];
  let next = 0;
  let networkErrors = 0;
  await Promise.all(
    Array.from({ length: opts.workers }, async () => {
      while (next < opts.total) {
        const i = next++;
        try {
          const r = await declare(url, token, i);
          statuses.push(r.status);
          if (r.id) {
            acked.push(r.id);
            opts.onAck?.(acked);
          }
        } catch {
          networkErrors++;
          return;
        }
      }
    }),
  );
  return { acked, statuses, networkErrors };
}

/** Integrity, the audit chain, and which of `ids` the database file holds. */
async function inspect(file: string, ids: string[]) {
  const registry = await createDb(`file:${file}`);
  try {
    const integrity = (await registry.client.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0]));
    const audit = await verifyAudit(registry.db);
    const present = new Set((await registry.client.execute('select id from declarations')).rows.map((r) => String(r.id)));
    const created = Number((await registry.client.execute(`select count(*) as n from audit where action = 'declaration.create'`)).rows[0].n);
    return { integrity, audit, present, missing: ids.filter((id) => !present.has(id)), created };
  } finally {
    registry.close();
  }
}

describe('a crash in the middle of a burst of writes', () => {
  test('SIGKILL loses no acknowledged write; after a restart the file is sound and the audit chain verifies', async () => {
    const dir = tempDir('zuiver-crash-');
    const first = await serverIn(dir);
    const token = await manager(first);
    let killed: Promise<void> | undefined;
    const { acked, networkErrors } = await burst(first.url, token, {
      workers: 8,
      total: 2_000,
      // Killed while the other workers have writes in flight.
      onAck: (a) => void (a.length === 60 && (killed = first.stop('SIGKILL'))),
    });
    await killed;
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(60);
    expect(networkErrors).toBeGreaterThan(0);

    const again = await serverIn(dir);
    const file = join(dir, 'zuiver.db');
    const state = await inspect(file, acked);
    expect(state.integrity).toEqual(['ok']);
    expect(state.audit.ok).toBe(true);
    expect(state.missing).toEqual([]);
    // Every stored declaration came with its audit row: nothing half-written.
    expect(state.created).toBe(state.present.size);
    const verify = await fetch(`${again.url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
    expect(await verify.json()).toMatchObject({ ok: true });
    const list = await (await fetch(`${again.url}/api/v1/declarations?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(list.total).toBe(state.present.size);
  });
});

/**
 * Root writes to any file whatever its mode. To meet a read-only file as an operator's service user does, root
 * runs the server without the capabilities that override file permissions. (Not as `nobody`: that user cannot
 * enter a checkout under /root or in a `mktemp -d` folder, and so could not even load the code.)
 */
const DROP_OVERRIDE = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'];
const AS_ROOT = process.getuid?.() === 0;
const CAN_DROP_OVERRIDE = AS_ROOT && spawnSync(DROP_OVERRIDE[0], [...DROP_OVERRIDE.slice(1), 'true']).status === 0;

/** Starts `api/server.ts` through `sh` (for a ulimit) and/or without root's override; resolves when healthy or exited. */
async function launch(opts: { dbFile: string; dropOverride?: boolean; fileSizeBlocks?: number }) {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: `file:${opts.dbFile}`, HOST: '127.0.0.1', PORT: String(port), ZUIVER_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0' };
  const node = [...(opts.dropOverride ? DROP_OVERRIDE : []), process.execPath, '--import', 'tsx', join(ROOT, 'api/server.ts')];
  // `ulimit -f` caps the size of any file the server writes: a full disk, for this process only.
  const [cmd, ...args] = opts.fileSizeBlocks ? ['sh', '-c', `ulimit -f ${opts.fileSizeBlocks} && exec "$@"`, 'sh', ...node] : node;
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
    return exited.then(() => undefined);
  });
  const url = `http://127.0.0.1:${port}`;
  const startedOrExited = async () => child.exitCode !== null || (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false));
  await waitFor('the server to start or exit', startedOrExited, (done) => done, 30_000).catch((err: Error) => {
    throw new Error(`${err.message}:\n${output}`);
  });
  return { url, exitCode: child.exitCode as number | null, output: () => output };
}

describe('storage that cannot be written', () => {
  test('a read-only database file and folder stop the start at once with a clear message, no stack trace', async (ctx) => {
    if (AS_ROOT && !CAN_DROP_OVERRIDE) {
      console.warn('SKIPPED the read-only database test: as root every file is writable, and `setpriv` (util-linux), which drops that power, is missing or not permitted here.');
      ctx.skip();
    }
    // Make a real database, then take write permission away (see DROP_OVERRIDE for root).
    const dir = tempDir('zuiver-ro-');
    const setup = await serverIn(dir);
    await setup.stop();
    const dbDir = join(dir, 'data');
    const dbFile = join(dbDir, 'zuiver.db');
    mkdirSync(dbDir);
    copyFileSync(join(dir, 'zuiver.db'), dbFile);
    chmodSync(dbFile, 0o444);
    chmodSync(dbDir, 0o555);
    // Before the removal (cleanups run last first): without write permission on the folder it could not empty it.
    cleanups.push(() => chmodSync(dbDir, 0o755));
    const server = await launch({ dbFile, dropOverride: AS_ROOT });
    expect(server.exitCode, server.output()).toBe(1);
    expect(server.output()).toMatch(/Zuiver cannot use the database file:.*zuiver\.db: .*read-?only.*\(SQLITE_READONLY\)\. Check that the file and its folder are writable/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  test('a full disk answers writes with a JSON 503 that says so, keeps serving reads, and loses nothing acknowledged', async () => {
    const dir = tempDir('zuiver-full-');
    const dbFile = join(dir, 'zuiver.db');
    // About 1.5 MB per file: room for the schema and some dozens of declarations, then the disk is "full".
    const server = await launch({ dbFile, fileSizeBlocks: 3_000 });
    expect(server.exitCode, server.output()).toBeNull();
    // The real CLI, outside the limit, on the same file.
    const { cliToken } = cliWith({ ...process.env, DATABASE_URL: `file:${dbFile}` });
    const token = await cliToken(['user', 'add', '--email', 'full@corp.example', '--name', 'Full', '--role', 'manager']);
    // A second token, never used: its first use wants to stamp the last-use time, a write.
    const unused = await cliToken(['token', 'create', '--email', 'full@corp.example', '--scope', 'extension']);

    const acked: string[] = [];
    let refused: Awaited<ReturnType<typeof declare>> | undefined;
    for (let i = 0; i < 2_000 && !refused; i++) {
      const r = await declare(server.url, token, i);
      if (r.id) acked.push(r.id);
      else refused = r;
    }
    expect(acked.length).toBeGreaterThan(0);
    expect(refused, 'the disk never filled up').toBeDefined();
    expect(refused!.status).toBe(503);
    expect(refused!.body.error).toMatchObject({ code: 'storage_unavailable', message: expect.stringMatching(/disk full/), details: { reason: expect.stringMatching(/^SQLITE_(FULL|IOERR)/) } });
    expect(JSON.stringify(refused!.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    // Reads go on; the operator's log names the cause.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    // Fill what room is left with the smallest writes there are, so no write of any size fits any more.
    let small = 201;
    for (let i = 0; i < 500 && small === 201; i++) {
      small = (await fetch(`${server.url}/api/v1/me/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"name":"x"}' })).status;
    }
    expect(small).toBe(503);
    // The extension's read works even when its token's last-use stamp cannot be written.
    const watchlist = await fetch(`${server.url}/api/v1/watchlist`, { headers: { authorization: `Bearer ${unused}` } });
    expect(watchlist.status).toBe(200);
    expect(server.output()).toMatch(/storage unavailable: SQLITE_(FULL|IOERR)/);
    const again = await declare(server.url, token, 9_999);
    expect(again.status).toBe(503);

    const state = await inspect(dbFile, acked);
    expect(state.integrity).toEqual(['ok']);
    expect(state.audit.ok).toBe(true);
    expect(state.missing).toEqual([]);
  });
});

describe('bodies over the limit, over a real socket', () => {
  test('every one gets its 413, also on a reused keep-alive connection, and the server answers the next request', async () => {
    const server = await serverIn();
    const statuses: (number | string)[] = [];
    for (const size of [1_100_000, 2_000_000, 1_100_000, 2_000_000]) {
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
      const res = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(size) }).catch(
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
      statuses.push(typeof res === 'string' ? res : res.status);
      if (typeof res !== 'string') expect((await res.json()).error.code).toBe('payload_too_large');
    }
    expect(statuses).toEqual([413, 413, 413, 413]);
  });
});

describe('a database locked by another process', () => {
  test('a write waits out the busy timeout, then answers a JSON 503; reads go on meanwhile', async () => {
    const { file, world } = await worldTemplate();
    const t = await openTestApp(file);
    cleanups.push(() => t.registry.close());
    const token = world.tokens.staff;
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(200);
    // Another process (here: another connection) holds the write lock, as a stuck script would.
    const other = await createDb(`file:${join(t.dir, 'zuiver.db')}`);
    cleanups.push(() => other.close());
    const lock = await other.client.transaction('write');
    await lock.execute(`update policy set updated_at = updated_at`);
    try {
      expect((await t.call('GET', '/api/v1/declarations', { token })).status).toBe(200);
      const res = await t.call('POST', '/api/v1/declarations', { token, body: declaration(1) });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'storage_unavailable', details: { reason: expect.stringMatching(/^SQLITE_BUSY/) } });
    } finally {
      await lock.rollback();
    }
    // Once the lock is gone, writes work again (a failed BEGIN used to leave the connection unusable for good).
    const after = await t.call('POST', '/api/v1/declarations', { token, body: declaration(2) });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
});

describe('backup and restore', () => {
  test('cli backup during a burst of writes gives a consistent copy that serves, and restores as the README says', async () => {
    // Its own directory: the restore below starts a server on it again after this one stops.
    const server = await serverIn(tempDir('zuiver-backup-'));
    const token = await manager(server);
    const backupFile = join(server.dir, 'backup.db');
    // Six clients write without pause; once 40 writes are acknowledged the backup starts, and the clients go on
    // until 60 more writes were started after it finished, so writes run before, during and after it.
    const acked: string[] = [];
    const late: string[] = [];
    let ackedBeforeBackup: string[] = [];
    let backup: Promise<string> | undefined;
    let backupDone = false;
    let next = 0;
    let startedAfter = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < 5_000 && startedAfter < 60) {
          const after = backupDone;
          if (after) startedAfter++;
          const r = await declare(server.url, token, next++);
          expect(r.status).toBe(201);
          acked.push(r.id!);
          if (after) late.push(r.id!);
          if (acked.length === 40) {
            ackedBeforeBackup = [...acked];
            backup = server.cli(['backup', backupFile]).finally(() => (backupDone = true));
          }
        }
      }),
    );
    expect(await backup).toContain('Backup written');
    expect(late.length).toBeGreaterThanOrEqual(60);

    // The copy is one consistent state: sound, its chain verifies, each declaration has its audit row; it holds
    // everything acknowledged before the backup began and nothing started after it ended.
    const copy = await inspect(backupFile, ackedBeforeBackup);
    expect(copy.integrity).toEqual(['ok']);
    expect(copy.audit.ok).toBe(true);
    expect(copy.created).toBe(copy.present.size);
    expect(copy.missing).toEqual([]);
    expect(late.filter((id) => copy.present.has(id))).toEqual([]);
    for (const id of copy.present) expect(acked).toContain(id);

    // A server started on the copy serves it.
    const onCopy = await serverIn(undefined, { DATABASE_URL: `file:${backupFile}` });
    const verify = await (await fetch(`${onCopy.url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(verify).toMatchObject({ ok: true });
    await onCopy.stop();

    // Restore, as the README says: stop the server, copy the backup over the database file, delete its -wal
    // and -shm files, start again.
    await server.stop();
    const dbFile = join(server.dir, 'zuiver.db');
    copyFileSync(backupFile, dbFile);
    for (const extra of ['-wal', '-shm']) rmSync(dbFile + extra, { force: true });
    const restored = await serverIn(server.dir);
    const list = await (await fetch(`${restored.url}/api/v1/declarations?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(list.total).toBe(copy.present.size);
    const restoredState = await inspect(dbFile, [...copy.present]);
    expect(restoredState).toMatchObject({ integrity: ['ok'], audit: { ok: true }, missing: [] });
    expect(existsSync(backupFile)).toBe(true);
  });
});
