/**
 * The benches' suppliers: the 10,000 of ../shared/fixtures/watchlist-10k.json, read once, and a way to write many
 * of them at once, each in an open tender.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Tx } from '../../db/client.ts';
import { negotiations, suppliers } from '../../db/schema.ts';

export interface FixtureSupplier {
  id: string;
  names: string[];
  domains: string[];
  kvk: string[];
  vat: string[];
}

export const fixture: FixtureSupplier[] = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/watchlist-10k.json', import.meta.url), 'utf8'),
);

/** Rows per insert: well under SQLite's limit on bound values. */
const BATCH = 500;

/**
 * Writes `entries` as contracted suppliers, each in a tender that `ownerId` runs (references `prefix-0`, ...),
 * straight into the tables: these benches measure serving, not thousands of validated inserts. Returns the
 * suppliers' ids, in order.
 */
export async function insertInTender(
  tx: Tx,
  entries: FixtureSupplier[],
  { ownerId, at, prefix }: { ownerId: string; at: string; prefix: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = entries.slice(i, i + BATCH).map((s) => ({
      id: randomUUID(),
      name: s.names[0],
      aliases: s.names.slice(1),
      kvk: s.kvk,
      vat: s.vat,
      domains: s.domains,
      status: 'contracted' as const,
      createdAt: at,
      updatedAt: at,
    }));
    await tx.insert(suppliers).values(rows);
    await tx.insert(negotiations).values(
      rows.map((r, j) => ({
        id: randomUUID(),
        supplierId: r.id,
        reference: `${prefix}-${i + j}`,
        subject: 'Onderhoud',
        ownerId,
        stage: 'tender' as const,
        openedOn: at.slice(0, 10),
        createdAt: at,
        updatedAt: at,
      })),
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
