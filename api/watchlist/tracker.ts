/**
 * The registry as the watchlists see it, kept up to date by what changed instead of reloading it: after a write
 * (this process's or another's, see db/changes.ts) the audit rows since the last look name the suppliers to load
 * again; only those whose state really differs count as changed. Each change that matters makes a new revision;
 * the recent revisions are kept with what they changed, so that views and deltas are updated per supplier.
 */
import { amsterdamDate } from '../../core/dates.ts';
import { involvedPeople } from '../../core/visibility.ts';
import { changeStamp } from '../../db/changes.ts';
import type { Db } from '../../db/client.ts';
import { loadChanges, loadNames } from '../../db/watchlist.ts';
import {
  compareSuppliers,
  loadSnapshot,
  loadSupplierStates,
  type RegistrySnapshot,
  type SupplierState,
} from './state.ts';

/** How many revisions are kept with what they changed: a delta since an older one is the full list. */
const KEPT_REVISIONS = 1000;

export interface RegistryState {
  snapshot: RegistrySnapshot;
  /** Counts the changes that matter; a view or delta made at one revision is updated by the changes after it. */
  revision: number;
  /** Supplier ids with a conflict, in watchlist order (by name). */
  order: string[];
  /** Per person, the suppliers that name them (see involvedPeople): where their view differs from their role's. */
  involved: Map<string, Set<string>>;
  /** Changes when a supplier's names or identifiers do: what a matcher is built from. */
  identity: number;
}

/** What a supplier is matched by. */
const identityOf = (s: SupplierState) =>
  JSON.stringify([s.supplier.name, s.supplier.aliases, s.supplier.domains, s.supplier.kvk, s.supplier.vat]);

export function createRegistryTracker(db: Db) {
  let state: RegistryState | undefined;
  let stamp: string | undefined;
  let pending: Promise<void> | undefined;
  /** Rows of the suppliers they belong to in the snapshot, so a row moved away still marks its former supplier. */
  const supplierOfRow = new Map<string, string>();
  const log: { revision: number; changed: Set<string> }[] = [];
  /** Revisions up to this one are no longer in the log. */
  let floor = 0;

  const index = (s: RegistryState, id: string, st: SupplierState | undefined, add: boolean) => {
    if (!st) return;
    for (const person of involvedPeople(st.conflicts)) {
      let set = s.involved.get(person);
      if (!set) s.involved.set(person, (set = new Set()));
      if (add) set.add(id);
      else set.delete(id);
    }
    for (const c of st.conflicts) {
      for (const row of [...c.negotiations, ...c.declarations]) {
        if (add) supplierOfRow.set(row.id, id);
        else if (supplierOfRow.get(row.id) === id) supplierOfRow.delete(row.id);
      }
    }
  };
  const sortOrder = (snapshot: RegistrySnapshot) =>
    [...snapshot.suppliers.values()].sort((a, b) => compareSuppliers(a.supplier, b.supplier)).map((s) => s.supplier.id);

  function start(snapshot: RegistrySnapshot): RegistryState {
    supplierOfRow.clear();
    const s: RegistryState = {
      snapshot,
      revision: (state?.revision ?? 0) + 1,
      order: sortOrder(snapshot),
      involved: new Map(),
      identity: (state?.identity ?? 0) + 1,
    };
    for (const [id, st] of snapshot.suppliers) index(s, id, st, true);
    // Nothing before this revision can be brought up to date by supplier: a view or delta older than it starts over.
    log.length = 0;
    floor = s.revision;
    return s;
  }

  /** Replaces the states of `ids` by `fresh` and records a revision when anything a viewer sees changed. */
  function apply(
    s: RegistryState,
    ids: Iterable<string>,
    fresh: Map<string, SupplierState>,
    names: Map<string, string>,
  ) {
    const changed = new Set<string>();
    let identityChanged = false;
    let orderChanged = false;
    for (const id of ids) {
      const before = s.snapshot.suppliers.get(id);
      const after = fresh.get(id);
      if (before?.fingerprint === after?.fingerprint) continue;
      changed.add(id);
      if (!before || !after || identityOf(before) !== identityOf(after)) identityChanged = true;
      if (!before || !after || before.supplier.name !== after.supplier.name) orderChanged = true;
      index(s, id, before, false);
      if (after) s.snapshot.suppliers.set(id, after);
      else s.snapshot.suppliers.delete(id);
      index(s, id, after, true);
    }
    // A new name shows wherever its person is named: in the conflicts of the suppliers that involve them.
    for (const [person, name] of names) {
      if (s.snapshot.names.get(person) === name) continue;
      for (const id of s.involved.get(person) ?? []) changed.add(id);
    }
    s.snapshot.names = names;
    if (!changed.size) return;
    s.revision++;
    if (identityChanged) s.identity++;
    if (orderChanged) s.order = sortOrder(s.snapshot);
    log.push({ revision: s.revision, changed });
    if (log.length > KEPT_REVISIONS) floor = log.shift()!.revision;
  }

  async function refresh(now: Date, newStamp: string) {
    const today = amsterdamDate(now);
    if (!state) {
      state = start(await loadSnapshot(db, now));
    } else if (state.snapshot.today !== today) {
      // The purchase window moved: every supplier may have changed, but most did not; compare them all.
      const fresh = await loadSnapshot(db, now);
      if (JSON.stringify(fresh.rules) !== JSON.stringify(state.snapshot.rules)) state = start(fresh);
      else {
        const ids = new Set([...state.snapshot.suppliers.keys(), ...fresh.suppliers.keys()]);
        state.snapshot.today = today;
        state.snapshot.seq = fresh.seq;
        apply(state, ids, fresh.suppliers, fresh.names);
      }
    } else {
      const s = state;
      const changes = await loadChanges(db, s.snapshot.seq, (row) => supplierOfRow.get(row));
      if (changes.everything) state = start(await loadSnapshot(db, now));
      else {
        const [fresh, names] = await Promise.all([
          changes.suppliers.size
            ? loadSupplierStates(db, today, s.snapshot.rules, [...changes.suppliers])
            : new Map<string, SupplierState>(),
          changes.people.size ? loadNames(db) : s.snapshot.names,
        ]);
        s.snapshot.seq = changes.seq;
        apply(s, changes.suppliers, fresh, names);
      }
    }
    stamp = newStamp;
  }

  return {
    /** The registry state as of now (at most a poll behind another process's writes). */
    async at(now: Date): Promise<RegistryState> {
      // The stamp before loading: a write that lands while loading makes a new stamp, and the next call loads again.
      const wanted = `${await changeStamp(db, now.getTime())}:${amsterdamDate(now)}`;
      // A refresh under way may be for an older stamp: wait for it, then look again.
      while (stamp !== wanted) await (pending ??= refresh(now, wanted).finally(() => (pending = undefined)));
      return state!;
    },
    /** The suppliers changed after `revision`; undefined when that revision is too old to tell. */
    changedSince(revision: number): Set<string> | undefined {
      if (revision < floor) return undefined;
      const changed = new Set<string>();
      for (const entry of log) if (entry.revision > revision) for (const id of entry.changed) changed.add(id);
      return changed;
    },
  };
}

export type RegistryTracker = ReturnType<typeof createRegistryTracker>;
