/**
 * Faults, on the real server process and real database files: a read-only database stops the start with a clear
 * line; a full disk answers a JSON 503 instead of hanging; a body over the limit gets its 413 over a real socket;
 * a database locked by another process answers a JSON 503 once the busy timeout is over. (A crash and a backup
 * during writes: crash-and-backup.test.ts.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { openTestApp, worldTemplate } from '../support/app.ts';
import { cleanups, declaration, declare, inspect, runCleanups, serverIn, tempDir } from '../support/fault-rig.ts';
import { outOfReach } from '../support/out-of-reach.ts';
import { cliWith, freePort, ROOT } from '../support/server.ts';
import { waitFor } from '../support/wait.ts';

afterEach(runCleanups);

/**
 * Root writes to any file whatever its mode. To meet a read-only file as an operator's service user does, root
 * runs the server without the capabilities that override file permissions. (Not as `nobody`: that user cannot
 * enter a checkout under /root or in a `mktemp -d` folder, and so could not even load the code.)
 */
const DROP_OVERRIDE = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'];
const AS_ROOT = process.getuid?.() === 0;
const CAN_DROP_OVERRIDE = AS_ROOT && spawnSync(DROP_OVERRIDE[0], [...DROP_OVERRIDE.slice(1), 'true']).status === 0;

/** As root, every file is writable unless root's override can be dropped: then the read-only test cannot run. */
const READ_ONLY_OUT_OF_REACH =
  AS_ROOT &&
  !CAN_DROP_OVERRIDE &&
  outOfReach(
    'the read-only database test: as root every file is writable, and `setpriv` (util-linux), which drops that power, is missing or not permitted here',
  );

/** Starts `api/server.ts` through `sh` (for a ulimit) and/or without root's override; resolves when healthy or exited. */
async function launch(opts: { dbFile: string; dropOverride?: boolean; fileSizeBlocks?: number }) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `file:${opts.dbFile}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    ZUIVER_DEMO: '0',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const node = [
    ...(opts.dropOverride ? DROP_OVERRIDE : []),
    process.execPath,
    '--import',
    'tsx',
    join(ROOT, 'api/server.ts'),
  ];
  // `ulimit -f` caps the size of any file the server writes: a full disk, for this process only.
  const [cmd, ...args] = opts.fileSizeBlocks
    ? ['sh', '-c', `ulimit -f ${opts.fileSizeBlocks} && exec "$@"`, 'sh', ...node]
    : node;
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
  const startedOrExited = async () =>
    child.exitCode !== null ||
    (await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    ));
  await waitFor('the server to start or exit', startedOrExited, (done) => done, 30_000).catch((err: Error) => {
    throw new Error(`${err.message}:\n${output}`);
  });
  return { url, exitCode: child.exitCode as number | null, output: () => output };
}

describe('storage that cannot be written', () => {
  test.skipIf(READ_ONLY_OUT_OF_REACH)(
    'a read-only database file and folder stop the start at once with a clear message, no stack trace',
    async () => {
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
      expect(server.output()).toMatch(
        /Zuiver cannot use the database file:.*zuiver\.db: .*read-?only.*\(SQLITE_READONLY\)\. Check that the file and its folder are writable/,
      );
      expect(server.output()).not.toMatch(/\n\s+at /);
    },
  );

  test('a full disk answers writes with a JSON 503 that says so, keeps serving reads, and loses nothing acknowledged', async () => {
    const dir = tempDir('zuiver-full-');
    const dbFile = join(dir, 'zuiver.db');
    // About 1.5 MB per file: room for the schema and some dozens of declarations, then the disk is "full".
    const server = await launch({ dbFile, fileSizeBlocks: 3_000 });
    expect(server.exitCode, server.output()).toBeNull();
    // The real CLI, outside the limit, on the same file.
    const { cliToken } = cliWith({ ...process.env, DATABASE_URL: `file:${dbFile}` });
    const token = await cliToken([
      'user',
      'add',
      '--email',
      'full@corp.example',
      '--name',
      'Full',
      '--role',
      'manager',
    ]);
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
    expect(refused!.body.error).toMatchObject({
      code: 'storage_unavailable',
      message: expect.stringMatching(/disk full/),
      details: { reason: expect.stringMatching(/^SQLITE_(FULL|IOERR)/) },
    });
    expect(JSON.stringify(refused!.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    // Reads go on; the operator's log names the cause.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    // Fill what room is left with the smallest writes there are, so no write of any size fits any more.
    let small = 201;
    for (let i = 0; i < 500 && small === 201; i++) {
      small = (
        await fetch(`${server.url}/api/v1/me/tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{"name":"x"}',
        })
      ).status;
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
      const res = await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(size),
      }).catch((err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message);
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
      expect(res.body.error).toMatchObject({
        code: 'storage_unavailable',
        details: { reason: expect.stringMatching(/^SQLITE_BUSY/) },
      });
    } finally {
      await lock.rollback();
    }
    // Once the lock is gone, writes work again (a failed BEGIN used to leave the connection unusable for good).
    const after = await t.call('POST', '/api/v1/declarations', { token, body: declaration(2) });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
});
