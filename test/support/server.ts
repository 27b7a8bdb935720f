/**
 * Starts the real server process (`api/server.ts`) on a free loopback port with a fresh database file in a temp
 * directory, as an operator would, and runs the real CLI against the same database.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const tsx = (script: string) => ['--import', 'tsx', join(ROOT, script)];

/** The real CLI, as an operator runs it beside the server on the same database. */
export interface Cli {
  /** Its stdout; rejects with its stderr on a non-zero exit. */
  cli(args: string[]): Promise<string>;
  /** For `user add` and `token create`, which print the new token as their last line: that token. */
  cliToken(args: string[]): Promise<string>;
}

export function cliWith(env: NodeJS.ProcessEnv): Cli {
  const cli = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [...tsx('api/cli.ts'), ...args], { cwd: ROOT, env }, (err, stdout, stderr) =>
        err ? reject(new Error(`cli ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(stdout),
      ),
    );
  return { cli, cliToken: async (args) => (await cli(args)).trim().split('\n').pop()!.trim() };
}

export interface RunningServer extends Cli {
  url: string;
  port: number;
  dbUrl: string;
  /** Where the database file is: `opts.dir`, or a temp directory that `stop()` removes. */
  dir: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM (or the given signal), wait for the exit, and remove the temp directory if this made one. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(opts: { env?: Record<string, string>; dir?: string } = {}): Promise<RunningServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'zuiver-'));
  // A directory the caller gave is theirs: tests restart a server on it, or copy its file, after a stop.
  const removeOwnDir = () => {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  };
  const port = await freePort();
  const dbUrl = `file:${join(dir, 'zuiver.db')}`;
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    ZUIVER_DEMO: '0',
    ...opts.env,
  };
  const child = spawn(process.execPath, tsx('api/server.ts'), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && !child.signalCode) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    }
    removeOwnDir();
  };
  try {
    await waitFor(
      'the server to answer on /api/v1/health',
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
        return fetch(`${url}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      (healthy) => healthy,
      30_000,
    );
  } catch (err) {
    await stop('SIGKILL');
    throw new Error(`${(err as Error).message}:\n${output}`);
  }
  return {
    url,
    port,
    dbUrl,
    dir,
    process: child,
    output: () => output,
    stop,
    ...cliWith(env),
  };
}
