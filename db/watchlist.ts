/**
 * Compiles the watchlist for one person: the suppliers with a conflict that person may see, with every name and
 * identifier the extension matches on, and each conflict cut to what their role may see.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { amsterdamDate } from '../core/dates.ts';
import { ambiguousNames } from '../core/name-rules.ts';
import { computeConflicts, LIVE_STATUSES, RELATED_KINDS } from '../core/policy.ts';
import type { Conflict, ConflictDetail, Lang, Watchlist, WatchlistEntry } from '../core/types.ts';
import { viewConflicts, type Viewer } from '../core/visibility.ts';
import type { Db } from './client.ts';
import { presentDeclaration, type DeclarationKind, type DeclarationStatus } from './declarations.ts';
import { openTeamStandings } from './team.ts';
import { getPolicy } from './policy.ts';
import { declarations, negotiations, people, suppliers } from './schema.ts';

/** Conflicts of every supplier, before anybody's view is applied. */
export async function loadConflicts(db: Db, today: string) {
  const rules = await getPolicy(db);
  const [openNegotiations, candidateDeclarations] = await Promise.all([
    db.select().from(negotiations).where(eq(negotiations.status, 'open')),
    db
      .select()
      .from(declarations)
      .where(
        and(
          isNotNull(declarations.supplierId),
          or(
            and(inArray(declarations.kind, [...RELATED_KINDS] as DeclarationKind[]), inArray(declarations.status, [...LIVE_STATUSES] as DeclarationStatus[])),
            and(eq(declarations.kind, 'private_purchase'), isNotNull(declarations.date)),
          ),
        ),
      ),
  ]);
  // Each open negotiation's team: whose declarations its owner may see by name, and who is to keep out.
  const teams = await openTeamStandings(db);
  const conflicts = computeConflicts({
    negotiations: openNegotiations.map((n) => ({ ...n, team: teams.get(n.id) })),
    declarations: candidateDeclarations,
    today,
    purchaseWindowMonths: rules.purchaseWindowMonths,
  });
  return { rules, conflicts, declarations: new Map(candidateDeclarations.map((d) => [d.id, d])) };
}

/**
 * What every viewer's watchlist is cut from: the conflicts, their suppliers (sorted by name) and people's
 * names. It depends only on the registry and the date, so a cache can load it once for all viewers.
 */
export async function loadWatchlistBase(db: Db, now: Date) {
  const today = amsterdamDate(now);
  const { rules, conflicts, declarations: rows } = await loadConflicts(db, today);
  const ids = [...conflicts.keys()];
  const [supplierRows, personRows] = await Promise.all([
    ids.length ? db.select().from(suppliers).where(inArray(suppliers.id, ids)) : [],
    db.select({ id: people.id, name: people.name }).from(people),
  ]);
  supplierRows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  // Decided here, once per registry change, with the word lists: the extension compiles its matcher without them.
  const ambiguous = new Map(supplierRows.map((s) => [s.id, ambiguousNames([s.name, ...s.aliases])]));
  return { today, rules, conflicts, declarations: rows, suppliers: supplierRows, ambiguous, names: new Map(personRows.map((p) => [p.id, p.name])) };
}

export type WatchlistBase = Awaited<ReturnType<typeof loadWatchlistBase>>;

/** One viewer's watchlist, cut from the base. */
export function viewWatchlist(base: WatchlistBase, viewer: Viewer, now: Date, lang: Lang, registryUrl: string): Watchlist {
  const { rules, conflicts, declarations: rows, names } = base;
  const detail = (id: string): ConflictDetail | undefined => {
    const d = rows.get(id);
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
  const entries: WatchlistEntry[] = [];
  for (const s of base.suppliers) {
    const visible: Conflict[] = viewConflicts(conflicts.get(s.id)!, viewer, { lang, rules, names, detail });
    if (!visible.length) continue;
    const ambiguous = base.ambiguous.get(s.id)!;
    entries.push({ id: s.id, name: s.name, names: [s.name, ...s.aliases], domains: s.domains, emails: s.emails, kvk: s.kvk, vat: s.vat, conflicts: visible, ...(ambiguous.length ? { ambiguous } : {}) });
  }
  const body = { registryUrl, counsellor: rules.counsellor, entries };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27);
  return { version, generatedAt: now.toISOString(), ...body };
}
