/**
 * What the fault tests share: directories and servers that are gone after each test (call `runCleanups` in an
 * `afterEach`), declarations sent over real HTTP, and a look inside a database file as it was left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAudit } from '../../db/audit.ts';
import { createDb } from '../../db/client.ts';
import { startServer } from './server.ts';

/** Undone after the test, last first. */
export const cleanups: (() => Promise<void> | void)[] = [];

export async function runCleanups() {
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** A directory the test owns, removed after it: servers started on it leave it be when they stop. */
export function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function serverIn(dir?: string, env: Record<string, string> = {}) {
  const s = await startServer({ dir, env: { RATE_LIMIT_PER_MINUTE: '0', ...env } });
  cleanups.push(() => s.stop());
  return s;
}

export const declaration = (i: number) => ({
  kind: 'relationship',
  supplierName: `Leverancier ${i}`,
  relation: `relatie ${i}`,
  description: `Burst ${i} `.padEnd(400, 'x'),
});

/** One declaration; its id when acknowledged (201), undefined otherwise; throws when the server is gone. */
export async function declare(
  url: string,
  token: string,
  i: number,
): Promise<{ status: number; id?: string; body: any }> {
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

/** Integrity, the audit chain, and which of `ids` the database file holds. */
export async function inspect(file: string, ids: string[]) {
  const registry = await createDb(`file:${file}`);
  try {
    const integrity = (await registry.client.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0]));
    const audit = await verifyAudit(registry.db);
    const present = new Set(
      (await registry.client.execute('select id from declarations')).rows.map((r) => String(r.id)),
    );
    const created = Number(
      (await registry.client.execute(`select count(*) as n from audit where action = 'declaration.create'`)).rows[0].n,
    );
    return { integrity, audit, present, missing: ids.filter((id) => !present.has(id)), created };
  } finally {
    registry.close();
  }
}
