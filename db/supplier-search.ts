/**
 * Supplier searches answered from memory while no supplier changed: the same search (a name typed in the
 * declaration form, a list page) is asked by many people between two changes of the suppliers, and each costs a
 * scan of every supplier's names. Any write to suppliers is audited as entity `supplier` (create, update, merge,
 * import), also another process's, which entityStamp sees within its poll.
 */
import type { Db } from './client.ts';
import { entityStamp } from './changes.ts';
import { listSuppliers, type SupplierQuery } from './supplier-list.ts';
import type { Supplier } from './suppliers.ts';

const SUPPLIER_ENTITIES = ['supplier'];
/** Distinct searches kept per stamp; past it the cache starts over. */
const MAX_SEARCHES = 1000;

interface Cache {
  stamp: string;
  pages: Map<string, Promise<{ items: Supplier[]; total: number }>>;
}

const caches = new WeakMap<Db, Cache>();

/** listSuppliers, shared between callers while the suppliers stay the same. The rows are shared: do not change them. */
export async function searchSuppliers(
  db: Db,
  query: SupplierQuery,
  now: Date,
): Promise<{ items: Supplier[]; total: number }> {
  const stamp = await entityStamp(db, SUPPLIER_ENTITIES, now.getTime());
  let cache = caches.get(db);
  if (cache?.stamp !== stamp || cache.pages.size >= MAX_SEARCHES) caches.set(db, (cache = { stamp, pages: new Map() }));
  const key = JSON.stringify([query.q?.trim() ?? '', query.status ?? '', query.limit, query.offset]);
  let page = cache.pages.get(key);
  if (!page) {
    const pages = cache.pages;
    page = listSuppliers(db, query);
    pages.set(key, page);
    // A failed search is not remembered.
    page.catch(() => pages.delete(key));
  }
  return page;
}
