/**
 * Durability, on the real server process and real database files: a SIGKILL in the middle of a burst of writes
 * loses no acknowledged write and leaves a sound file; `cli backup` copies consistently while writes go on, and
 * the copy restores as the README says.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { declare, inspect, runCleanups, serverIn, tempDir } from '../support/fault-rig.ts';
import type { RunningServer } from '../support/server.ts';

afterEach(runCleanups);

/** A manager (who may declare and read the audit trail) added with the real CLI; returns their token. */
async function manager(s: RunningServer, email = 'burst@corp.example') {
  return s.cliToken(['user', 'add', '--email', email, '--name', 'Burst Manager', '--role', 'manager']);
}

/**
 * `workers` clients declare in parallel until `total` attempts were made or the server stops answering.
 * `onAck` hears of every acknowledged write as it happens.
 */
async function burst(
  url: string,
  token: string,
  opts: { workers: number; total: number; onAck?: (acked: string[]) => void },
) {
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
    const list = await (
      await fetch(`${again.url}/api/v1/declarations?limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(list.total).toBe(state.present.size);
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
    const verify = await (
      await fetch(`${onCopy.url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(verify).toMatchObject({ ok: true });
    await onCopy.stop();

    // Restore, as the README says: stop the server, copy the backup over the database file, delete its -wal
    // and -shm files, start again.
    await server.stop();
    const dbFile = join(server.dir, 'zuiver.db');
    copyFileSync(backupFile, dbFile);
    for (const extra of ['-wal', '-shm']) rmSync(dbFile + extra, { force: true });
    const restored = await serverIn(server.dir);
    const list = await (
      await fetch(`${restored.url}/api/v1/declarations?limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(list.total).toBe(copy.present.size);
    const restoredState = await inspect(dbFile, [...copy.present]);
    expect(restoredState).toMatchObject({ integrity: ['ok'], audit: { ok: true }, missing: [] });
    expect(existsSync(backupFile)).toBe(true);
  });
});
