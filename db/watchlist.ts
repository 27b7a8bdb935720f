/**
 * The rows the watchlists are made of: open negotiations with their teams, the declarations that can make a
 * conflict, suppliers, people's names, and what the audit trail says changed since a given row (every write
 * leaves rows there, this process's and any other's). What they amount to is decided in api/watchlist/ with
 * core/conflicts.ts and core/visibility.ts.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, or } from 'drizzle-orm';
import { LIVE_STATUSES, RELATED_KINDS, type DeclarationKind, type DeclarationStatus } from '../core/vocabulary.ts';
import type { Db } from './client.ts';
import { openTeamStandings } from './team.ts';
import { audit, declarations, negotiations, people, suppliers } from './schema.ts';

/** inArray lists are sent in slices, well under any server's limit on bound parameters. */
const SLICE = 500;

export type SupplierRow = typeof suppliers.$inferSelect;

const slices = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / SLICE) }, (_, i) => items.slice(i * SLICE, (i + 1) * SLICE));

/** The newest audit row: everything loaded after reading it is at least that new. */
export async function newestSeq(db: Db): Promise<number> {
  const [last] = await db.select({ seq: audit.seq }).from(audit).orderBy(desc(audit.seq)).limit(1);
  return last?.seq ?? 0;
}

export async function loadNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: people.id, name: people.name }).from(people);
  return new Map(rows.map((p) => [p.id, p.name]));
}

/**
 * The rows conflicts are made of, of the given suppliers (of all when `ids` is undefined): open negotiations with
 * their teams, and the declarations that can make a conflict.
 */
export async function loadConflictRows(db: Db, ids?: string[]) {
  const parts = ids
    ? await Promise.all(slices(ids).map((slice) => conflictRows(db, slice)))
    : [await conflictRows(db, undefined)];
  // Each open negotiation's team: whose declarations its owner may see by name, and who is to keep out.
  const teams = await openTeamStandings(db);
  return {
    negotiations: parts.flatMap(([n]) => n).map((n) => ({ ...n, team: teams.get(n.id) })),
    declarations: parts.flatMap(([, d]) => d),
  };
}

function conflictRows(db: Db, ids: string[] | undefined) {
  return Promise.all([
    db
      .select()
      .from(negotiations)
      .where(and(eq(negotiations.status, 'open'), ids && inArray(negotiations.supplierId, ids))),
    db
      .select()
      .from(declarations)
      .where(
        and(
          isNotNull(declarations.supplierId),
          ids && inArray(declarations.supplierId, ids),
          or(
            and(
              inArray(declarations.kind, [...RELATED_KINDS] as DeclarationKind[]),
              inArray(declarations.status, [...LIVE_STATUSES] as DeclarationStatus[]),
            ),
            and(eq(declarations.kind, 'private_purchase'), isNotNull(declarations.date)),
          ),
        ),
      ),
  ]);
}

export async function loadSuppliers(db: Db, ids: string[]): Promise<SupplierRow[]> {
  return (
    await Promise.all(slices(ids).map((slice) => db.select().from(suppliers).where(inArray(suppliers.id, slice))))
  ).flat();
}

/** What the audit rows after a given one touched. */
export interface RegistryChanges {
  /** The newest audit row read. */
  seq: number;
  /** The policy changed, or a write named no single supplier (a CSV import): load everything again. */
  everything: boolean;
  /** Suppliers whose state may differ now. */
  suppliers: Set<string>;
  /** People who were added or changed (a new name shows in others' conflicts). */
  people: Set<string>;
}

/**
 * Reads the audit rows after `since` and finds the suppliers they may have changed: a declaration or
 * negotiation counts for the supplier it belongs to now and for the one it belonged to in the snapshot (a merge
 * moves rows between suppliers). Tokens and sessions change no watchlist.
 */
export async function loadChanges(
  db: Db,
  since: number,
  formerSupplierOf: (rowId: string) => string | undefined,
): Promise<RegistryChanges> {
  const rows = await db
    .select({ seq: audit.seq, entity: audit.entity, entityId: audit.entityId })
    .from(audit)
    .where(gt(audit.seq, since))
    .orderBy(asc(audit.seq));
  const changes: RegistryChanges = {
    seq: rows.at(-1)?.seq ?? since,
    everything: false,
    suppliers: new Set(),
    people: new Set(),
  };
  const declarationIds: string[] = [];
  const negotiationIds: string[] = [];
  for (const { entity, entityId } of rows) {
    if (entity === 'policy' || (entity === 'supplier' && !entityId)) changes.everything = true;
    else if (!entityId) continue;
    else if (entity === 'supplier') changes.suppliers.add(entityId);
    else if (entity === 'person') changes.people.add(entityId);
    else if (entity === 'declaration') declarationIds.push(entityId);
    else if (entity === 'negotiation') negotiationIds.push(entityId);
  }
  if (changes.everything) return changes;
  for (const id of [...declarationIds, ...negotiationIds]) {
    const former = formerSupplierOf(id);
    if (former) changes.suppliers.add(former);
  }
  const current = await Promise.all([
    ...slices([...new Set(declarationIds)]).map((slice) =>
      db.select({ supplierId: declarations.supplierId }).from(declarations).where(inArray(declarations.id, slice)),
    ),
    ...slices([...new Set(negotiationIds)]).map((slice) =>
      db.select({ supplierId: negotiations.supplierId }).from(negotiations).where(inArray(negotiations.id, slice)),
    ),
  ]);
  for (const { supplierId } of current.flat()) if (supplierId) changes.suppliers.add(supplierId);
  return changes;
}
