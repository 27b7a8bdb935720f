/** The real process: `api/server.ts` on a free loopback port with a fresh database file, and the real CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { windows1252 } from '../support/windows-1252.ts';

const FIXTURE_CSV = new URL('../../../shared/fixtures/suppliers.csv', import.meta.url);

describe('the server process', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('answers health and the OpenAPI document without a token, and nothing else', async () => {
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/watchlist', '/api/v1/declarations/{id}/review']),
    );
    const res = await fetch(`${server.url}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('the CLI adds a person and prints their token as the last line; the token works at once', async () => {
    const token = await server.cliToken([
      'user',
      'add',
      '--email',
      'Inkoop@Corp.example',
      '--name',
      'Ilse Inkoop',
      '--role',
      'manager',
    ]);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({
      email: 'inkoop@corp.example',
      name: 'Ilse Inkoop',
      role: 'manager',
      managerId: null,
    });
  });

  test('the audit trail names no actor for what the CLI did, not the person it was done for', async () => {
    const token = await server.cliToken([
      'user',
      'add',
      '--email',
      'actor@corp.example',
      '--name',
      'A',
      '--role',
      'manager',
      '--password',
      'een lang wachtwoord',
    ]);
    await server.cli(['token', 'create', '--email', 'actor@corp.example']);
    const get = async (path: string) =>
      (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const me = await get('/api/v1/me');
    const tokens = await get('/api/v1/me/tokens');
    expect(tokens.items).toHaveLength(2);
    for (const entityId of [me.id, ...tokens.items.map((x: { id: string }) => x.id)]) {
      const trail = await get(`/api/v1/audit?entityId=${entityId}`);
      expect(trail.items.length).toBeGreaterThan(0);
      for (const row of trail.items) expect(row, row.action).toMatchObject({ actorId: null });
    }
  });

  test('the CLI imports the ERP supplier list and reports the counts; a repeat changes nothing', async () => {
    const file = FIXTURE_CSV.pathname;
    const rows = readFileSync(file, 'utf8').trim().split('\n').length - 1;
    expect(await server.cli(['suppliers', 'import', file])).toContain(
      `Added ${rows}, updated 0, unchanged 0, rejected 0.`,
    );
    expect(await server.cli(['suppliers', 'import', file])).toContain(
      `Added 0, updated 0, unchanged ${rows}, rejected 0.`,
    );
  });

  test('the CLI reads a file Excel saved in Windows-1252, and exports with a byte order mark for Excel', async () => {
    const file = join(server.dir, 'excel.csv');
    writeFileSync(file, windows1252('naam;kvk\nSchildersbedrijf Bögemann;55556666\n'));
    expect(await server.cli(['suppliers', 'import', file])).toContain('Added 1, updated 0');
    const exported = await server.cli(['suppliers', 'export']);
    expect(exported.startsWith('\uFEFFnaam;')).toBe(true);
    expect(exported).toContain('Schildersbedrijf Bögemann;55556666');
  });

  test('the CLI refuses bad input with a message and a non-zero exit', async () => {
    await expect(
      server.cli(['user', 'add', '--email', 'not-an-address', '--name', 'X', '--role', 'staff']),
    ).rejects.toThrow(/--email/);
    await expect(
      server.cli(['user', 'add', '--email', 'a@b.example', '--name', 'X', '--role', 'boss']),
    ).rejects.toThrow(/--role/);
  });

  test('the CLI refuses a token scope it does not know, instead of handing out a full-scope token', async () => {
    await server.cli(['user', 'add', '--email', 'scope@corp.example', '--name', 'S', '--role', 'staff']);
    await expect(
      server.cli(['token', 'create', '--email', 'scope@corp.example', '--scope', 'extensoin']),
    ).rejects.toThrow(/--scope/);
    await expect(server.cli(['token', 'create', '--email', 'scope@corp.example', '--days', '0'])).rejects.toThrow(
      /--days/,
    );
    const token = await server.cliToken([
      'token',
      'create',
      '--email',
      'scope@corp.example',
      '--scope',
      'extension',
      '--days',
      '7',
    ]);
    const tokens = await (
      await fetch(`${server.url}/api/v1/me/tokens`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(tokens).toMatchObject({ error: { code: 'forbidden' } });
  });

  test('token create without --days gives the default period and says until when, with the token still last; past the maximum it refuses', async () => {
    const admin = await server.cliToken([
      'user',
      'add',
      '--email',
      'expiry@corp.example',
      '--name',
      'E',
      '--role',
      'admin',
    ]);
    const out = await server.cli(['token', 'create', '--email', 'expiry@corp.example']);
    const lines = out.trim().split('\n');
    const until = /valid until (\S+) \(90 days\)/.exec(out)?.[1];
    expect(until, out).toBeDefined();
    expect(Math.abs(Date.parse(until!) - Date.now() - 90 * 86_400_000)).toBeLessThan(60_000);
    expect(out).toMatch(/default of 90 days \(at most 365\)/);
    const token = lines.at(-1)!.trim();
    expect(token).toMatch(/^zv_\S+$/);
    const listed = await (
      await fetch(`${server.url}/api/v1/me/tokens`, { headers: { authorization: `Bearer ${admin}` } })
    ).json();
    expect(listed.items.map((k: { expiresAt: string | null }) => k.expiresAt)).toContain(until);
    expect(listed.items.every((k: { expiresAt: string | null }) => k.expiresAt)).toBe(true);
    expect(await server.cli(['token', 'create', '--email', 'expiry@corp.example', '--days', '365'])).toMatch(
      /\(365 days\)/,
    );
    await expect(server.cli(['token', 'create', '--email', 'expiry@corp.example', '--days', '366'])).rejects.toThrow(
      /--days/,
    );
    await expect(
      server.cli(['token', 'create', '--email', 'expiry@corp.example', '--scope', 'extension', '--days', '91']),
    ).rejects.toThrow(/--days/);
  }, 60_000);

  test('backup makes a consistent copy that serves the same data', async () => {
    const token = await server.cliToken([
      'user',
      'add',
      '--email',
      'backup@corp.example',
      '--name',
      'B',
      '--role',
      'admin',
    ]);
    const file = join(server.dir, 'backup.db');
    expect(await server.cli(['backup', file])).toContain('Backup written');
    const restored = await startServer({ env: { DATABASE_URL: `file:${file}` } });
    try {
      const me = await fetch(`${restored.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect((await me.json()).email).toBe('backup@corp.example');
    } finally {
      await restored.stop();
    }
  });
});
