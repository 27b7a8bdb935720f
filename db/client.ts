/**
 * Opens the registry: an embedded libSQL file by default (`file:data/zuiver.db`, through ./embedded-client.ts), or a
 * libSQL server (sqld/Turso) by `libsql://` or `http(s)://` URL with an auth token (through `@libsql/client`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { EmbeddedClient } from './embedded-client.ts';
import * as schema from './schema.ts';
import { foldMissingNames } from './folded-names.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** A database or a transaction on it: query functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Registry {
  db: Db;
  client: Client;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export function isFileUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:';
}

/** SQLite's busy timeout on every connection: a second writer waits instead of failing. */
const BUSY_TIMEOUT_MS = 5000;

export async function createDb(url: string, authToken?: string): Promise<Registry> {
  const path = url.startsWith('file:') ? url.slice('file:'.length).split('?')[0] : undefined;
  const onDisk = !!path && path !== ':memory:';
  if (onDisk) mkdirSync(dirname(path), { recursive: true });
  // libSQL turns foreign keys on by default; the check below makes sure it stays so.
  const client: Client = onDisk
    ? new EmbeddedClient(path, BUSY_TIMEOUT_MS)
    : createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  if (isFileUrl(url)) await client.execute('PRAGMA journal_mode = WAL');
  const fk = await client.execute('PRAGMA foreign_keys');
  if (Number(fk.rows[0]?.[0]) !== 1) throw new Error('the database must enforce foreign keys');
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}

export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
  // Data no SQL migration can write: names folded as the matcher folds them.
  await foldMissingNames(db);
}
