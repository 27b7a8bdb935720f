/** Suppliers, their search table and registry numbers, and reports of wrong flags on them. */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SUPPLIER_STATUSES } from '../../core/vocabulary.ts';
import { createdAt, id, json, updatedAt } from './columns.ts';
import { people } from './people.ts';

export const suppliers = sqliteTable(
  'suppliers',
  {
    id: id(),
    name: text('name').notNull(),
    aliases: json<string[]>('aliases').notNull().default([]),
    kvk: json<string[]>('kvk').notNull().default([]),
    vat: json<string[]>('vat').notNull().default([]),
    domains: json<string[]>('domains').notNull().default([]),
    /** Whole e-mail addresses, for one-person businesses that mail from a free-mail domain. */
    emails: json<string[]>('emails').notNull().default([]),
    status: text('status', { enum: SUPPLIER_STATUSES }).notNull().default('prospect'),
    /** The date business last ran; a private purchase must be declared within the window after it. */
    lastBusinessDate: text('last_business_date'),
    notes: text('notes'),
    /** Set when this supplier was merged into another; merged suppliers are archived. */
    mergedInto: text('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('suppliers_name').on(t.name), index('suppliers_status').on(t.status)],
);

/**
 * What a supplier search reads, one narrow row per supplier: the legal name and aliases in one text, separated by
 * SEARCH_SEPARATOR (one LIKE per row instead of a json_each over the aliases), and copies of what the list filters
 * and sorts by, so a search scans, counts and sorts this table alone and reads only its page's suppliers. Kept by
 * triggers on `suppliers` (migration 0007_supplier_search), so every writer (API, CLI, imports, a second process)
 * keeps it right without knowing it.
 */
export const supplierSearch = sqliteTable('supplier_search', {
  supplierId: text('supplier_id')
    .primaryKey()
    .references(() => suppliers.id, { onDelete: 'cascade' }),
  names: text('names').notNull(),
  /**
   * The same names folded as the matcher folds them (case, diacritics, `ı`, `ø`, `ß`, `&`, `y` as `ij`), so that
   * `Bogemann` finds Bögemann. SQL cannot fold so: db/folded-names.ts writes it with every write of a name.
   */
  folded: text('folded').notNull().default(''),
  name: text('name').notNull(),
  status: text('status', { enum: SUPPLIER_STATUSES }).notNull(),
  mergedInto: text('merged_into'),
});

/** Between the names in supplier_search.names: a control character no name contains. */
export const SEARCH_SEPARATOR = '\u001f';

/**
 * Each KvK and VAT number once, pointing at the supplier that holds it: the primary key makes a duplicate a
 * constraint violation and turns the uniqueness check of every insert into one index lookup.
 */
export const supplierNumbers = sqliteTable(
  'supplier_numbers',
  {
    kind: text('kind', { enum: ['kvk', 'vat'] }).notNull(),
    value: text('value').notNull(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] }), index('supplier_numbers_supplier').on(t.supplierId)],
);

export const FLAG_REPORT_REASONS = ['not_this_supplier', 'person'] as const;
export const FLAG_MATCH_KINDS = ['name', 'domain', 'email', 'kvk', 'vat'] as const;

/**
 * "Wrong flag?" from the extension's card: which registered name or identifier matched and on which site (host
 * name only), never the page's text. A manager resolves it, often by adjusting the supplier's aliases.
 */
export const flagReports = sqliteTable(
  'flag_reports',
  {
    id: id(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The registered name or identifier the flag came from; null when the extension could not tell. */
    matched: text('matched'),
    kind: text('kind', { enum: FLAG_MATCH_KINDS }).notNull(),
    host: text('host').notNull(),
    reason: text('reason', { enum: FLAG_REPORT_REASONS }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('flag_reports_supplier').on(t.supplierId, t.resolvedAt)],
);
