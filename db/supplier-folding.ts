/**
 * The folded names of supplier_search (see its `folded` column): written with every write of a supplier's names,
 * and for the suppliers that have none yet (those from before the column, or written by an older version) when
 * the registry opens. The search matches the folded query there, as well as the names as typed.
 */
import { eq } from 'drizzle-orm';
import { foldText } from '../core/matcher/normalize.ts';
import type { Db, Tx } from './client.ts';
import { SEARCH_SEPARATOR, supplierSearch } from './schema.ts';
import { writeTx } from './write.ts';

const foldNames = (names: string) => names.split(SEARCH_SEPARATOR).map(foldText).join(SEARCH_SEPARATOR);

/** After a write of the supplier's name or aliases (the triggers have written its names by then). */
export async function storeFoldedNames(tx: Tx, supplierId: string): Promise<void> {
  const [row] = await tx
    .select({ names: supplierSearch.names })
    .from(supplierSearch)
    .where(eq(supplierSearch.supplierId, supplierId));
  if (row)
    await tx
      .update(supplierSearch)
      .set({ folded: foldNames(row.names) })
      .where(eq(supplierSearch.supplierId, supplierId));
}

/** Folds the names of every supplier that has none folded yet. */
export async function foldMissingNames(db: Db): Promise<void> {
  const missing = await db
    .select({ id: supplierSearch.supplierId, names: supplierSearch.names })
    .from(supplierSearch)
    .where(eq(supplierSearch.folded, ''));
  if (!missing.length) return;
  await writeTx(db, async (tx) => {
    for (const { id, names } of missing)
      await tx
        .update(supplierSearch)
        .set({ folded: foldNames(names) })
        .where(eq(supplierSearch.supplierId, id));
  });
}
