/** Suppliers: the firms the organisation talks to, with every name and number they may be mentioned by. */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import { nameMatchRule, type NameMatchRule } from '../core/matcher/name-rules.ts';
import { namesWithin } from '../core/matcher/registered-names.ts';
import type { SupplierStatus } from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { isFreeMailDomain } from './free-mail.ts';
import { declarations, flagReports, negotiations, supplierNumbers, suppliers } from './schema.ts';
import { storeFoldedNames } from './folded-names.ts';

export type Supplier = typeof suppliers.$inferSelect;

/** The fields people set; identifiers arrive normalised and each list without repeats, from the validator at the edge. */
export interface SupplierInput {
  name: string;
  aliases: string[];
  kvk: string[];
  vat: string[];
  domains: string[];
  /** Optional so that callers written before addresses existed register none. */
  emails?: string[];
  status: SupplierStatus;
  lastBusinessDate: string | null;
  notes: string | null;
}

const EDITABLE = ['name', 'aliases', 'kvk', 'vat', 'domains', 'emails', 'status', 'lastBusinessDate', 'notes'] as const;

export async function getSupplier(db: Tx, id: string): Promise<Supplier> {
  const [s] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  if (!s) throw notFound('Supplier');
  return s;
}

/** A KvK or VAT number belongs to one firm: a second supplier with it is a duplicate (409). */
async function checkUnique(tx: Tx, input: Pick<SupplierInput, 'kvk' | 'vat'>, exceptId?: string) {
  for (const kind of ['kvk', 'vat'] as const) {
    if (!input[kind].length) continue;
    const [dup] = await tx
      .select({ value: supplierNumbers.value, supplierId: supplierNumbers.supplierId })
      .from(supplierNumbers)
      .where(
        and(
          eq(supplierNumbers.kind, kind),
          inArray(supplierNumbers.value, input[kind]),
          exceptId ? ne(supplierNumbers.supplierId, exceptId) : undefined,
        ),
      )
      .limit(1);
    if (dup)
      throw conflict(`${kind === 'kvk' ? 'KvK' : 'VAT'} number ${dup.value} is already registered.`, {
        field: kind,
        value: dup.value,
        supplierId: dup.supplierId,
      });
  }
}

/** Keeps supplier_numbers equal to the supplier's own lists. */
async function storeNumbers(tx: Tx, supplierId: string, numbers: Pick<SupplierInput, 'kvk' | 'vat'>) {
  await tx.delete(supplierNumbers).where(eq(supplierNumbers.supplierId, supplierId));
  const rows = [
    ...numbers.kvk.map((value) => ({ kind: 'kvk' as const, value, supplierId })),
    ...numbers.vat.map((value) => ({ kind: 'vat' as const, value, supplierId })),
  ];
  if (rows.length) await tx.insert(supplierNumbers).values(rows);
}

/** The values each once, in the order they first came. */
export const unique = (values: string[]) => [...new Set(values)];

export async function createSupplier(
  tx: Tx,
  now: Date,
  actorId: string | null,
  input: SupplierInput,
): Promise<Supplier> {
  await checkUnique(tx, input);
  const at = now.toISOString();
  const [s] = await tx
    .insert(suppliers)
    .values({ id: randomUUID(), ...input, createdAt: at, updatedAt: at })
    .returning();
  await storeNumbers(tx, s.id, input);
  await storeFoldedNames(tx, s.id);
  await appendAudit(tx, now, {
    actorId,
    action: 'supplier.create',
    entity: 'supplier',
    entityId: s.id,
    fields: EDITABLE.filter((k) => input[k] != null),
  });
  return s;
}

const changedFields = (before: Supplier, changes: Partial<SupplierInput>) =>
  EDITABLE.filter((k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(before[k]));

export async function updateSupplier(
  tx: Tx,
  now: Date,
  actorId: string | null,
  id: string,
  changes: Partial<SupplierInput>,
): Promise<Supplier> {
  const before = await getSupplier(tx, id);
  if (before.mergedInto)
    throw conflict('This supplier was merged into another; edit that one.', { mergedInto: before.mergedInto });
  const fields = changedFields(before, changes);
  if (!fields.length) return before;
  await checkUnique(tx, { kvk: changes.kvk ?? [], vat: changes.vat ?? [] }, id);
  const [s] = await tx
    .update(suppliers)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(suppliers.id, id))
    .returning();
  if (changes.kvk || changes.vat) await storeNumbers(tx, id, s);
  if (changes.name || changes.aliases) await storeFoldedNames(tx, id);
  await appendAudit(tx, now, {
    actorId,
    action: changes.status === 'archived' ? 'supplier.archive' : 'supplier.update',
    entity: 'supplier',
    entityId: id,
    fields,
  });
  return s;
}

/**
 * Moves everything of `id` onto `into` (negotiations, declarations, names and numbers) and archives `id`,
 * for the duplicates an ERP import leaves behind. Audited per moved row and per supplier, naming the changed fields.
 */
export async function mergeSupplier(tx: Tx, now: Date, actorId: string, id: string, into: string): Promise<Supplier> {
  if (id === into) throw invalidInput('A supplier cannot be merged into itself.', { field: 'into' });
  const source = await getSupplier(tx, id);
  const target = await getSupplier(tx, into).catch(() => {
    throw invalidInput('The supplier to merge into does not exist.', { field: 'into' });
  });
  if (source.mergedInto || target.mergedInto) throw conflict('One of these suppliers was already merged.');
  const movedNegotiations = await tx
    .update(negotiations)
    .set({ supplierId: into })
    .where(eq(negotiations.supplierId, id))
    .returning({ id: negotiations.id });
  const movedDeclarations = await tx
    .update(declarations)
    .set({ supplierId: into })
    .where(eq(declarations.supplierId, id))
    .returning({ id: declarations.id });
  // Every row the merge moves gets its own audit row, as if it had been edited one by one.
  const moved = { actorId, fields: ['supplierId'] };
  for (const n of movedNegotiations)
    await appendAudit(tx, now, { ...moved, action: 'negotiation.update', entity: 'negotiation', entityId: n.id });
  for (const d of movedDeclarations)
    await appendAudit(tx, now, { ...moved, action: 'declaration.update', entity: 'declaration', entityId: d.id });
  // Reports of wrong flags concern the names that now belong to `into`; the manager resolves them there.
  const movedReports = await tx
    .update(flagReports)
    .set({ supplierId: into })
    .where(eq(flagReports.supplierId, id))
    .returning({ id: flagReports.id });
  for (const r of movedReports)
    await appendAudit(tx, now, { ...moved, action: 'flag_report.update', entity: 'flag_report', entityId: r.id });
  const at = now.toISOString();
  const archived = { status: 'archived' as const, kvk: [], vat: [] };
  await tx
    .update(suppliers)
    .set({ ...archived, mergedInto: into, updatedAt: at })
    .where(eq(suppliers.id, id));
  const combined = {
    aliases: unique([...target.aliases, source.name, ...source.aliases]).filter((n) => n !== target.name),
    kvk: unique([...target.kvk, ...source.kvk]),
    vat: unique([...target.vat, ...source.vat]),
    domains: unique([...target.domains, ...source.domains]),
    emails: unique([...target.emails, ...source.emails]),
    lastBusinessDate: [target.lastBusinessDate, source.lastBusinessDate].filter(Boolean).sort().pop() ?? null,
  };
  const [merged] = await tx
    .update(suppliers)
    .set({ ...combined, updatedAt: at })
    .where(eq(suppliers.id, into))
    .returning();
  await storeNumbers(tx, id, { kvk: [], vat: [] });
  await storeNumbers(tx, into, merged);
  await storeFoldedNames(tx, into);
  await appendAudit(tx, now, {
    actorId,
    action: 'supplier.merge',
    entity: 'supplier',
    entityId: id,
    fields: ['mergedInto', ...changedFields(source, archived)],
  });
  await appendAudit(tx, now, {
    actorId,
    action: 'supplier.update',
    entity: 'supplier',
    entityId: into,
    fields: changedFields(target, combined),
  });
  return merged;
}

/** How a registered name will match: its rule, and for an ambiguous one why it needs more (never an empty list). */
function nameRuleOf(name: string): { name: string } & NameMatchRule {
  const { rule, ambiguousAs } = nameMatchRule(name);
  return ambiguousAs?.length ? { name, rule, ambiguousAs } : { name, rule };
}

/**
 * The rule of each of `names` (the legal name first), each once, and of the names each holds (`… h.o.d.n. …`,
 * `(SWU)`; registered-names.ts): for the API's supplier and beside the names on the pages.
 */
export const nameRulesOf = (names: string[]) => [...new Set(names.flatMap(namesWithin))].map(nameRuleOf);

/** The stored domains that are free-mail domains (registered before they were refused): they need a manager. */
export const freeMailDomainsOf = (s: Pick<Supplier, 'domains'>) => s.domains.filter(isFreeMailDomain);

/** Live suppliers with a free-mail domain, for the line at server start. */
export async function suppliersWithFreeMailDomains(db: Db): Promise<{ id: string; name: string; domains: string[] }[]> {
  const rows = await db
    .select({ id: suppliers.id, name: suppliers.name, domains: suppliers.domains })
    .from(suppliers)
    .where(and(isNull(suppliers.mergedInto), sql`json_array_length(${suppliers.domains}) > 0`));
  return rows.flatMap((r) => {
    const free = freeMailDomainsOf(r);
    return free.length ? [{ id: r.id, name: r.name, domains: free }] : [];
  });
}

export const publicSupplier = (s: Supplier) => ({
  id: s.id,
  name: s.name,
  aliases: s.aliases,
  nameRules: nameRulesOf([s.name, ...s.aliases]),
  kvk: s.kvk,
  vat: s.vat,
  domains: s.domains,
  emails: s.emails,
  status: s.status,
  lastBusinessDate: s.lastBusinessDate,
  notes: s.notes,
  mergedInto: s.mergedInto,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});
