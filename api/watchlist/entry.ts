/** One supplier's watchlist entry as a viewer may see it, cut from its state with core/visibility.ts. */
import type { ConflictDetail, Lang, WatchlistEntry } from '../../core/types.ts';
import { viewConflicts, type Viewer } from '../../core/visibility.ts';
import { presentDeclaration } from '../../db/declarations.ts';
import type { RegistrySnapshot, SupplierState } from './state.ts';

/**
 * One supplier's watchlist entry as `viewer` may see it: every name and identifier the extension matches on, and
 * each conflict cut to what the viewer may see; undefined when they may see none of its conflicts.
 */
export function supplierEntry(
  state: SupplierState,
  viewer: Viewer,
  snapshot: Pick<RegistrySnapshot, 'rules' | 'names'>,
  lang: Lang,
): WatchlistEntry | undefined {
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
  return {
    id: s.id,
    name: s.name,
    names: [s.name, ...s.aliases],
    domains: s.domains,
    emails: s.emails,
    kvk: s.kvk,
    vat: s.vat,
    conflicts,
    ...(state.ambiguous.length ? { ambiguous: state.ambiguous } : {}),
  };
}
