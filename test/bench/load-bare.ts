/** The baseline of the load bench: a bare Hono route, loaded as the server is, in the same run. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ROOT } from '../support/server.ts';
import { CONNECTIONS, DURATION_S } from './load-settings.ts';

/** The baseline: a bare Hono route in a child process (bare-server.ts), loaded like the server was, as long. */
export async function bareRoute(headers: Record<string, string>): Promise<autocannon.Result> {
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
