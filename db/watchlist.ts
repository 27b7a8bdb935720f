/**
 * What the watchlists are cut from, loaded per supplier: each supplier with a conflict, its conflicts and the
 * declarations they are made of (a `SupplierState`), and what changed since a snapshot was loaded, read from the
 * audit trail (every write leaves rows there, this process's and any other's). The caching and the per-person
 * views are in api/watchlist/cache.ts; what each viewer may see is decided in core/visibility.ts.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import { amsterdamDate } from '../core/dates.ts';
import { ambiguousNames } from '../core/matcher/name-rules.ts';
import { computeConflicts, type SupplierConflict } from '../core/conflicts.ts';
import type { PolicyRules } from '../core/policy.ts';
import type { ConflictDetail, Lang, WatchlistEntry } from '../core/types.ts';
import { viewConflicts, type Viewer } from '../core/visibility.ts';
import { LIVE_STATUSES, RELATED_KINDS, type DeclarationKind, type DeclarationStatus } from '../core/vocabulary.ts';
import type { Db } from './client.ts';
import { presentDeclaration, type DeclarationRow } from './declarations.ts';
import { openTeamStandings } from './team.ts';
import { getPolicy } from './policy.ts';
import { audit, declarations, negotiations, people, suppliers } from './schema.ts';

/** inArray lists are sent in slices, well under any server's limit on bound parameters. */
const SLICE = 500;

export type SupplierRow = typeof suppliers.$inferSelect;

/** One supplier with a conflict: what every viewer's entry for it is cut from. */
export interface SupplierState {
  supplier: SupplierRow;
  conflicts: SupplierConflict[];
  /** The declarations its conflicts are made of, by id, for their details. */
  declarations: Map<string, DeclarationRow>;
  /** The folded names that count only with a legal form (core/matcher/name-rules.ts). */
  ambiguous: string[];
  /** Equal for two loads exactly when nothing any viewer could see of this supplier differs (names aside). */
  fingerprint: string;
}

export interface RegistrySnapshot {
  /** The newest audit row when loading began: everything up to it is in, later rows may be too. */
  seq: number;
  today: string;
  rules: PolicyRules;
  /** Display names of people, by id. */
  names: Map<string, string>;
  /** The suppliers with a conflict. */
  suppliers: Map<string, SupplierState>;
}

const slices = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / SLICE) }, (_, i) => items.slice(i * SLICE, (i + 1) * SLICE));

async function newestSeq(db: Db): Promise<number> {
  const [last] = await db.select({ seq: audit.seq }).from(audit).orderBy(desc(audit.seq)).limit(1);
  return last?.seq ?? 0;
}

export async function loadNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: people.id, name: people.name }).from(people);
  return new Map(rows.map((p) => [p.id, p.name]));
}

/** The rows conflicts are made of, of the given suppliers (all suppliers when `only` is undefined). */
async function loadConflictRows(db: Db, only: SQL | undefined, onlyDeclarations: SQL | undefined) {
  return Promise.all([
    db.select().from(negotiations).where(and(eq(negotiations.status, 'open'), only)),
    db
      .select()
      .from(declarations)
      .where(
        and(
          isNotNull(declarations.supplierId),
          onlyDeclarations,
          or(
            and(inArray(declarations.kind, [...RELATED_KINDS] as DeclarationKind[]), inArray(declarations.status, [...LIVE_STATUSES] as DeclarationStatus[])),
            and(eq(declarations.kind, 'private_purchase'), isNotNull(declarations.date)),
          ),
        ),
      ),
  ]);
}

/**
 * The states of the given suppliers (of all when `ids` is undefined) as of now; a supplier without a conflict
 * has none in the result.
 */
export async function loadSupplierStates(db: Db, today: string, rules: PolicyRules, ids?: string[]): Promise<Map<string, SupplierState>> {
  const parts = ids
    ? await Promise.all(slices(ids).map((slice) => loadConflictRows(db, inArray(negotiations.supplierId, slice), inArray(declarations.supplierId, slice))))
    : [await loadConflictRows(db, undefined, undefined)];
  const open = parts.flatMap(([n]) => n);
  const rows = parts.flatMap(([, d]) => d);
  // Each open negotiation's team: whose declarations its owner may see by name, and who is to keep out.
  const teams = await openTeamStandings(db);
  const conflicts = computeConflicts({
    negotiations: open.map((n) => ({ ...n, team: teams.get(n.id) })),
    declarations: rows,
    today,
    purchaseWindowMonths: rules.purchaseWindowMonths,
  });
  const withConflict = [...conflicts.keys()];
  const supplierRows = (await Promise.all(slices(withConflict).map((slice) => db.select().from(suppliers).where(inArray(suppliers.id, slice))))).flat();
  const byId = new Map(rows.map((d) => [d.id, d]));
  const states = new Map<string, SupplierState>();
  for (const supplier of supplierRows) {
    const own = conflicts.get(supplier.id)!;
    const used = new Map(own.flatMap((c) => c.declarations.map((d) => [d.id, byId.get(d.id)!] as const)));
    // Decided here, once per change of the supplier, with the word lists: the extension compiles without them.
    const ambiguous = ambiguousNames([supplier.name, ...supplier.aliases]);
    states.set(supplier.id, { supplier, conflicts: own, declarations: used, ambiguous, fingerprint: JSON.stringify([supplier, own]) });
  }
  return states;
}

/** Everything, for the first watchlist of a process and after a change that touches every supplier. */
export async function loadSnapshot(db: Db, now: Date): Promise<RegistrySnapshot> {
  // The sequence number first: whatever is loaded after it is at least that new.
  const seq = await newestSeq(db);
  const today = amsterdamDate(now);
  const rules = await getPolicy(db);
  const [names, states] = await Promise.all([loadNames(db), loadSupplierStates(db, today, rules)]);
  return { seq, today, rules, names, suppliers: states };
}

/** What the audit rows after a snapshot touched. */
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
 * Reads the audit rows after `snapshot.seq` and finds the suppliers they may have changed: a declaration or
 * negotiation counts for the supplier it belongs to now and for the one it belonged to in the snapshot (a merge
 * moves rows between suppliers). Tokens and sessions change no watchlist.
 */
export async function loadChanges(db: Db, snapshot: RegistrySnapshot, formerSupplierOf: (rowId: string) => string | undefined): Promise<RegistryChanges> {
  const rows = await db
    .select({ seq: audit.seq, entity: audit.entity, entityId: audit.entityId })
    .from(audit)
    .where(gt(audit.seq, snapshot.seq))
    .orderBy(asc(audit.seq));
  const changes: RegistryChanges = { seq: rows.at(-1)?.seq ?? snapshot.seq, everything: false, suppliers: new Set(), people: new Set() };
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

/** Where a sort puts suppliers: by name, then id, so that equal names keep one order. */
const collator = new Intl.Collator();
export const compareSuppliers = (a: SupplierRow, b: SupplierRow) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One supplier's watchlist entry as `viewer` may see it: every name and identifier the extension matches on, and
 * each conflict cut to what the viewer may see; undefined when they may see none of its conflicts.
 */
export function supplierEntry(state: SupplierState, viewer: Viewer, snapshot: Pick<RegistrySnapshot, 'rules' | 'names'>, lang: Lang): WatchlistEntry | undefined {
  const { rules, names } = snapshot;
  const detail = (id: string): ConflictDetail | undefined => {
    const d = state.declarations.get(id);
    if (!d) return undefined;
    const full = presentDeclaration(d);
    return {
      declarationId: d.id,
      declarant: names.get(d.declarantId),
      kind: d.kind,
      relation: full.relation ?? undefined,
      description: full.description ?? undefined,
      date: full.date ?? undefined,
      amountEur: full.amountEur,
      status: d.status,
    };
  };
  const conflicts = viewConflicts(state.conflicts, viewer, { lang, rules, names, detail });
  if (!conflicts.length) return undefined;
  const s = state.supplier;
  return { id: s.id, name: s.name, names: [s.name, ...s.aliases], domains: s.domains, emails: s.emails, kvk: s.kvk, vat: s.vat, conflicts, ...(state.ambiguous.length ? { ambiguous: state.ambiguous } : {}) };
}
