/** Demo data: when the real server seeds it (loopback, ZUIVER_DEMO, NODE_ENV), its random password and its pages. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../api/config.ts';
import { createDb } from '../../db/client.ts';
import { describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';

/** The demo password as the start-up output prints it, once. */
const demoPassword = (output: string) => /password "([^"]+)"/.exec(output)?.[1];

const demoSignIn = (server: RunningServer, password: string) =>
  fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@zuiver.example', password, name: 'test' }),
  });

test('a new database on a loopback address gets demo data by default, which shows every conflict kind to the demo manager', async () => {
  // No ZUIVER_DEMO at all, as after `npm start`: the server listens on 127.0.0.1.
  const server = await startServer({ env: { ZUIVER_DEMO: '' } });
  try {
    expect(server.output()).toMatch(/manager@zuiver\.example/);
    const password = demoPassword(server.output())!;
    const signIn = await demoSignIn(server, password);
    expect(signIn.status).toBe(201);
    const { token } = await signIn.json();
    const list = await (
      await fetch(`${server.url}/api/v1/watchlist`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    const kinds = new Set(
      list.entries.flatMap((e: { conflicts: { kind: string }[] }) => e.conflicts.map((c) => c.kind)),
    );
    expect([...kinds].sort()).toEqual(['negotiation', 'purchase', 'related']);

    // The demo pages where it says they are, each naming demo suppliers; the address without its slash leads there.
    const demo = server.output().match(/Demo pages: (\S+)/)![1];
    const index = await fetch(demo);
    expect(index.status).toBe(200);
    const links = [...(await index.text()).matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1], demo).href);
    expect(links).toHaveLength(2);
    const names: string[] = list.entries.flatMap((e: { names: string[] }) => e.names);
    for (const link of links) {
      const page = await fetch(link);
      expect(page.status, link).toBe(200);
      const text = await page.text();
      expect(names.filter((name) => text.includes(name)).length, link).toBeGreaterThan(1);
    }
    const bare = await fetch(demo.replace(/\/$/, ''), { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/demo/']);
  } finally {
    await server.stop();
  }
});

test('the demo password is made at random for each database, printed once, and stored only as a hash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-demo-'));
  const other = await startServer({ env: { ZUIVER_DEMO: '1' } });
  let first: RunningServer | undefined;
  try {
    first = await startServer({ dir, env: { ZUIVER_DEMO: '1' } });
    const password = demoPassword(first.output())!;
    const otherPassword = demoPassword(other.output())!;
    expect(password).toMatch(/^\S{16,}$/);
    expect(otherPassword).toMatch(/^\S{16,}$/);
    expect(password).not.toBe(otherPassword);
    // The password that the README used to print opens nothing.
    expect((await demoSignIn(first, 'zuiver-demo-2026')).status).toBe(401);
    expect((await demoSignIn(other, password)).status).toBe(401);
    expect((await demoSignIn(first, password)).status).toBe(201);
    await first.stop();
    expect(readFileSync(join(dir, 'zuiver.db')).includes(password)).toBe(false);
    // A restart on the same database seeds nothing and shows no password again.
    first = await startServer({ dir, env: { ZUIVER_DEMO: '1' } });
    expect(demoPassword(first.output())).toBeUndefined();
    expect((await demoSignIn(first, password)).status).toBe(201);
  } finally {
    await first?.stop();
    await other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);

test('on any address but loopback no demo data is added and no demo pages are served, unless ZUIVER_DEMO=1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-public-'));
  let server: RunningServer | undefined;
  try {
    server = await startServer({ dir, env: { HOST: '0.0.0.0', ZUIVER_DEMO: '' } });
    expect(demoPassword(server.output())).toBeUndefined();
    expect(server.output()).toMatch(/registry is empty/);
    expect((await fetch(`${server.url}/demo/`)).status).toBe(404);
    expect((await demoSignIn(server, 'zuiver-demo-2026')).status).toBe(401);
    const registry = await createDb(server.dbUrl);
    expect(Number((await registry.client.execute('select count(*) as n from people')).rows[0].n)).toBe(0);
    registry.close();
    await server.stop();
    // Asked for, the same server gets it.
    server = await startServer({ dir, env: { HOST: '0.0.0.0', ZUIVER_DEMO: '1' } });
    expect((await demoSignIn(server, demoPassword(server.output())!)).status).toBe(201);
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);

describe('whether demo data is wanted (HOST, ZUIVER_DEMO, NODE_ENV)', () => {
  test.each([
    [{}, true],
    [{ HOST: '127.0.0.1' }, true],
    [{ HOST: '127.0.0.2' }, true],
    [{ HOST: 'localhost' }, true],
    [{ HOST: '::1' }, true],
    [{ HOST: '0.0.0.0' }, false],
    [{ HOST: '::' }, false],
    [{ HOST: '192.168.1.20' }, false],
    [{ HOST: 'zuiver.corp.example' }, false],
    [{ HOST: '0.0.0.0', ZUIVER_DEMO: '1' }, true],
    [{ HOST: '127.0.0.1', ZUIVER_DEMO: '0' }, false],
    [{ HOST: '0.0.0.0', ZUIVER_DEMO: '0' }, false],
    [{ HOST: '127.0.0.1', NODE_ENV: 'production' }, false],
    [{ HOST: '127.0.0.1', NODE_ENV: 'production', ZUIVER_DEMO: '1' }, true],
  ] as const)('%j: %s', (env, demo) => {
    expect(readEnv(env).demo).toBe(demo);
  });

  test('a ZUIVER_DEMO that is neither 1 nor 0 stops the start instead of guessing', () => {
    expect(() => readEnv({ ZUIVER_DEMO: 'yes' })).toThrow(/ZUIVER_DEMO/);
  });
});
