/**
 * Choosing a registered supplier on a form that works without JavaScript: a search field that posts the form
 * back, the search on the server, and each candidate named so that namesakes can be told apart.
 */
import type { FC } from 'hono/jsx';
import type { Db } from '../../../db/client.ts';
import { listSuppliers } from '../../../db/supplier-list.ts';
import type { Supplier } from '../../../db/suppliers.ts';
import type { FormState } from '../form.ts';
import { useUi } from './context.ts';

const SEARCH_RESULTS = 10;

/** The suppliers that match a search term (see `searchTerm`); none when nothing was typed. */
export async function findSuppliers(db: Db, q: string | undefined): Promise<Supplier[]> {
  return q ? (await listSuppliers(db, { q, limit: SEARCH_RESULTS, offset: 0 })).items : [];
}

/** The `supplierQuery` field with its search button, which posts the form back with `action=search`. */
export const SupplierSearch: FC<{ form: FormState }> = ({ form }) => {
  const { t } = useUi();
  return (
    <>
      <label for="f-supplierQuery">{t.declare.supplierSearch}</label>
      <div role="group">
        <input id="f-supplierQuery" type="search" name="supplierQuery" value={form.values.supplierQuery ?? ''} />
        {/* First submit button of the form: Enter in a field searches, it never submits by accident. */}
        <button type="submit" name="action" value="search" class="secondary" formnovalidate>
          {t.common.search}
        </button>
      </div>
    </>
  );
};

/** A candidate's name with its KvK numbers, so that namesakes can be told apart. */
export function supplierLabel(s: Pick<Supplier, 'name' | 'kvk'>): string {
  return s.kvk.length ? `${s.name} · KvK ${s.kvk.join(', ')}` : s.name;
}

export const SupplierName: FC<{ s: Supplier }> = ({ s }) => <>{supplierLabel(s)}</>;
