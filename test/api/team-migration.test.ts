/**
 * Negotiations opened before tender teams existed: the migration puts each owner on their negotiation's team, so
 * the owner declares like everyone else before the award.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { expect, test } from 'vitest';
import { createDb, migrateDb } from '../../db/client.ts';

const MIGRATIONS = new URL('../../db/migrations/', import.meta.url).pathname;

test('the owner of an existing negotiation is on its team after the migration, still to declare', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zuiver-migration-'));
  const registry = await createDb(`file:${join(dir, 'zuiver.db')}`);
  try {
    // The registry as it was: every migration before this one.
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS, before, { recursive: true });
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const teams = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_negotiation_teams'));
    journal.entries = journal.entries.slice(0, teams);
    writeFileSync(journalFile, JSON.stringify(journal));
    await migrate(registry.db, { migrationsFolder: before });
    const at = '2026-03-01T09:00:00.000Z';
    await registry.client.batch([
      {
        sql: "insert into people (id, email, name, role, created_at, updated_at) values ('p1', 'ivo@zuiver.test', 'Ivo', 'purchaser', ?, ?)",
        args: [at, at],
      },
      {
        sql: "insert into suppliers (id, name, created_at, updated_at) values ('s1', 'Jansen B.V.', ?, ?)",
        args: [at, at],
      },
      {
        sql: "insert into negotiations (id, supplier_id, reference, subject, owner_id, stage, status, opened_on, created_at, updated_at) values ('n1', 's1', 'AB-1', 'Dak', 'p1', 'tender', 'open', '2026-03-01', ?, ?)",
        args: [at, at],
      },
    ]);

    await migrateDb(registry.db);
    const team = await registry.client.execute('select negotiation_id, person_id, added_at from negotiation_team');
    expect(team.rows.map((r) => ({ ...r }))).toEqual([{ negotiation_id: 'n1', person_id: 'p1', added_at: at }]);
  } finally {
    registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
