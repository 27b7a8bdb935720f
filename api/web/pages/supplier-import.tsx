/** The ERP's supplier list in and out as CSV; an import is previewed before it writes (ui/csv-import.tsx). */
import { Hono } from 'hono';
import { exportSuppliers, importSuppliers, type ImportReport } from '../../../db/supplier-csv.ts';
import { now } from '../../http.ts';
import { MANAGERS, page, sendCsv, type WebEnv } from '../env.ts';
import { csvImportHandlers } from '../ui/csv-import.tsx';

const supplierImport = csvImportHandlers<ImportReport>({
  path: '/suppliers/import',
  texts: (t) => ({ ...t.import, name: t.suppliers.name }),
  run: (c, csv, dryRun) => importSuppliers(c.var.deps.db, now(c), c.var.caller.person.id, csv, { dryRun }),
  link: (change) => change.supplierId && `/suppliers/${change.supplierId}`,
});

export const supplierImportPages = new Hono<WebEnv>()
  .get('/suppliers/import', page('The CSV import form', MANAGERS), supplierImport.form)
  .post(
    '/suppliers/import',
    page('Import the ERP supplier list: action=preview shows the changes, confirm writes them', MANAGERS),
    supplierImport.post,
  )
  .get('/suppliers/export', page('Download the suppliers as CSV', MANAGERS), async (c) =>
    sendCsv(c, 'leveranciers.csv', await exportSuppliers(c.var.deps.db)),
  );
