/**
 * The registry as the watchlists see it: each supplier with a conflict, its conflicts (core/conflicts.ts) and the
 * declarations they are made of, built from the rows db/watchlist.ts loads. The tracker keeps it current.
 */
import { amsterdamDate } from '../../core/dates.ts';
import { computeConflicts, type SupplierConflict } from '../../core/conflicts.ts';
import { ambiguousNames } from '../../core/matcher/name-rules.ts';
import type { PolicyRules } from '../../core/policy.ts';
import type { Db } from '../../db/client.ts';
import type { DeclarationRow } from '../../db/declarations.ts';
import { getPolicy } from '../../db/policy.ts';
import { loadConflictRows, loadNames, loadSuppliers, newestSeq, type SupplierRow } from '../../db/watchlist.ts';

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

/**
 * The states of the given suppliers (of all when `ids` is undefined) as of now; a supplier without a conflict
 * has none in the result.
 */
export async function loadSupplierStates(
  db: Db,
  today: string,
  rules: PolicyRules,
  ids?: string[],
): Promise<Map<string, SupplierState>> {
  const rows = await loadConflictRows(db, ids);
  const conflicts = computeConflicts({ ...rows, today, purchaseWindowMonths: rules.purchaseWindowMonths });
  const supplierRows = await loadSuppliers(db, [...conflicts.keys()]);
  const byId = new Map(rows.declarations.map((d) => [d.id, d]));
  const states = new Map<string, SupplierState>();
  for (const supplier of supplierRows) {
    const own = conflicts.get(supplier.id)!;
    const used = new Map(own.flatMap((c) => c.declarations.map((d) => [d.id, byId.get(d.id)!] as const)));
    // Decided here, once per change of the supplier, with the word lists: the extension compiles without them.
    const ambiguous = ambiguousNames([supplier.name, ...supplier.aliases]);
    states.set(supplier.id, {
      supplier,
      conflicts: own,
      declarations: used,
      ambiguous,
      fingerprint: JSON.stringify([supplier, own]),
    });
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

/** Where a sort puts suppliers: by name, then id, so that equal names keep one order. */
const collator = new Intl.Collator();
export const compareSuppliers = (a: SupplierRow, b: SupplierRow) =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
