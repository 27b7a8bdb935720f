import { Hono } from 'hono';
import { writeTx } from '../../db/write.ts';
import { searchSuppliers } from '../../db/supplier-search.ts';
import {
  createSupplier,
  getSupplier,
  mergeSupplier,
  publicSupplier,
  updateSupplier,
  type Supplier,
} from '../../db/suppliers.ts';
import { exportSuppliers, importSuppliers } from '../../db/supplier-csv.ts';
import { guard, isTrue, now, readCsvBody, sendCsvFile, validate, type AppEnv } from '../http.ts';
import { idParam, importQuery } from '../schemas.ts';
import { mergeBody, supplierCreate, supplierListQuery, supplierPatch } from '../schemas/suppliers.ts';
import { MANAGER_ROLES, type Role } from '../../core/vocabulary.ts';

/** Staff search suppliers to declare against them; the internal notes are for managers. */
const forRole = (role: Role) => (s: Supplier) => {
  const { notes, ...rest } = publicSupplier(s);
  return MANAGER_ROLES.includes(role) ? { ...rest, notes } : rest;
};

export const suppliersRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({ summary: 'Search suppliers by name, alias or KvK number', roles: 'any' }),
    validate('query', supplierListQuery),
    async (c) => {
      const { items, total } = await searchSuppliers(c.get('deps').db, c.req.valid('query'), now(c));
      return c.json({ items: items.map(forRole(c.get('caller').person.role)), total });
    },
  )
  .post(
    '/',
    guard({ summary: 'Register a supplier', roles: [...MANAGER_ROLES] }),
    validate('json', supplierCreate),
    async (c) => {
      const input = c.req.valid('json');
      const s = await writeTx(c.get('deps').db, (tx) => createSupplier(tx, now(c), c.get('caller').person.id, input));
      return c.json(publicSupplier(s), 201);
    },
  )
  .get(
    '/export',
    guard({
      summary: 'Export the suppliers as CSV (naam;kvk;btw;domein;email;status;aliassen)',
      roles: [...MANAGER_ROLES],
    }),
    async (c) => {
      return sendCsvFile(c, 'leveranciers.csv', await exportSuppliers(c.get('deps').db));
    },
  )
  .post(
    '/import',
    guard({ summary: 'Import the ERP supplier list (CSV body); dryRun=1 previews', roles: [...MANAGER_ROLES] }),
    validate('query', importQuery),
    async (c) => {
      const csv = await readCsvBody(c);
      const report = await importSuppliers(c.get('deps').db, now(c), c.get('caller').person.id, csv, {
        dryRun: isTrue(c.req.valid('query').dryRun),
      });
      return c.json(report);
    },
  )
  .get('/:id', guard({ summary: 'One supplier', roles: 'any' }), validate('param', idParam), async (c) => {
    const s = await getSupplier(c.get('deps').db, c.req.valid('param').id);
    return c.json(forRole(c.get('caller').person.role)(s));
  })
  .patch(
    '/:id',
    guard({ summary: 'Change a supplier', roles: [...MANAGER_ROLES] }),
    validate('param', idParam),
    validate('json', supplierPatch),
    async (c) => {
      const changes = c.req.valid('json');
      const s = await writeTx(c.get('deps').db, (tx) =>
        updateSupplier(tx, now(c), c.get('caller').person.id, c.req.valid('param').id, changes),
      );
      return c.json(publicSupplier(s));
    },
  )
  .delete(
    '/:id',
    guard({ summary: 'Archive a supplier (kept for the audit trail)', roles: [...MANAGER_ROLES] }),
    validate('param', idParam),
    async (c) => {
      const s = await writeTx(c.get('deps').db, (tx) =>
        updateSupplier(tx, now(c), c.get('caller').person.id, c.req.valid('param').id, { status: 'archived' }),
      );
      return c.json(publicSupplier(s));
    },
  )
  .post(
    '/:id/merge',
    guard({ summary: 'Merge a duplicate into another supplier', roles: [...MANAGER_ROLES] }),
    validate('param', idParam),
    validate('json', mergeBody),
    async (c) => {
      const { into } = c.req.valid('json');
      const s = await writeTx(c.get('deps').db, (tx) =>
        mergeSupplier(tx, now(c), c.get('caller').person.id, c.req.valid('param').id, into),
      );
      return c.json(publicSupplier(s));
    },
  );
