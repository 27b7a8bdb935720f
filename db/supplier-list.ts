/** The supplier list: a page of live (or, when asked for, archived) suppliers, searched by name or KvK number. */
import { and, asc, count, eq, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { SupplierStatus } from '../core/vocabulary.ts';
import type { Db } from './client.ts';
import { foldedPattern } from './folded-names.ts';
import { pageTotal, totalColumn } from './paging.ts';
import { SEARCH_SEPARATOR, supplierNumbers, supplierSearch, suppliers } from './schema.ts';
import type { Supplier } from './suppliers.ts';

export interface SupplierQuery {
  q?: string;
  status?: SupplierStatus;
  limit: number;
  offset: number;
}

/**
 * Searches legal names and aliases, as typed or folded (`Bogemann` finds Bögemann), and KvK numbers; archived
 * suppliers only when asked for by status. The search, count and sort run over supplier_search alone; only the
 * page's suppliers are read in full.
 */
export async function listSuppliers(db: Db, query: SupplierQuery): Promise<{ items: Supplier[]; total: number }> {
  const ss = supplierSearch;
  const conditions: SQL[] = [isNull(ss.mergedInto)];
  conditions.push(query.status ? eq(ss.status, query.status) : ne(ss.status, 'archived'));
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // Folding leaves words and single spaces only: no wildcard, nor the separator, to escape.
    const folded = foldedPattern(q);
    const digits = q.replace(/[\s.]/g, '');
    conditions.push(
      or(
        // A query holding the separator would span two names, which no name matches.
        q.includes(SEARCH_SEPARATOR) ? sql`0` : sql`${ss.names} like ${pattern} escape '\\'`,
        ...(folded ? [like(ss.folded, folded)] : []),
        // supplier_numbers holds each supplier's KvK numbers, indexed: a prefix is a range of its key.
        ...(/^\d{1,8}$/.test(digits)
          ? [
              inArray(
                ss.supplierId,
                db
                  .select({ id: supplierNumbers.supplierId })
                  .from(supplierNumbers)
                  .where(and(eq(supplierNumbers.kind, 'kvk'), sql`${supplierNumbers.value} glob ${digits + '*'}`)),
              ),
            ]
          : []),
      )!,
    );
  }
  const where = and(...conditions);
  const page = db
    .select({ id: ss.supplierId, name: ss.name, total: totalColumn().as('total') })
    .from(ss)
    .where(where)
    .orderBy(asc(ss.name), asc(ss.supplierId))
    .limit(query.limit)
    .offset(query.offset)
    .as('page');
  const rows = await db
    .select({ supplier: suppliers, total: page.total })
    .from(page)
    .innerJoin(suppliers, eq(suppliers.id, page.id))
    .orderBy(asc(page.name), asc(page.id));
  const total = await pageTotal(
    rows,
    query.offset,
    async () => (await db.select({ n: count() }).from(ss).where(where))[0].n,
  );
  return { items: rows.map((r) => r.supplier), total };
}
