/**
 * The one conflict computation: which suppliers are in negotiation, or have live related-party or recent purchase
 * declarations. The watchlist and the team checks call it with whatever rows they loaded.
 */
import { addMonths } from './dates.ts';
import type { MemberStanding } from './team.ts';
import {
  CONFLICT_KINDS,
  isLive,
  isRelatedKind,
  type ConflictKind,
  type NegotiationStatus,
  type Stage,
} from './vocabulary.ts';

export interface NegotiationFacts {
  id: string;
  supplierId: string;
  status: NegotiationStatus;
  stage: Stage;
  reference: string;
  subject: string;
  ownerId: string;
  openedOn: string;
  /** Its team and each member's standing, where loaded: who the owner may learn about, and who is to keep out. */
  team?: MemberStanding[];
}

export interface DeclarationFacts {
  id: string;
  supplierId: string | null;
  declarantId: string;
  kind: string;
  status: string;
  /** private_purchase: the purchase date. */
  date: string | null;
  createdAt: string;
}

export interface SupplierConflict<K extends ConflictKind = ConflictKind> {
  kind: K;
  since: string;
  negotiations: NegotiationFacts[];
  declarations: DeclarationFacts[];
}

/** A withdrawn purchase declaration was a mistake by its declarant; a not-relevant one was judged away. */
const PURCHASE_DEAD = new Set(['not_relevant', 'withdrawn']);

function isRelatedConflict(d: DeclarationFacts): boolean {
  return isRelatedKind(d.kind) && isLive(d.status);
}

function isPurchaseConflict(d: DeclarationFacts, windowStart: string, today: string): boolean {
  return (
    d.kind === 'private_purchase' &&
    !PURCHASE_DEAD.has(d.status) &&
    !!d.date &&
    d.date >= windowStart &&
    d.date <= today
  );
}

/**
 * The one conflict computation: per supplier, which conflicts exist and from which rows. Rows of other
 * suppliers or without one (a side job at a non-supplier) are ignored, so callers may pass whatever they loaded.
 */
export function computeConflicts(input: {
  negotiations: NegotiationFacts[];
  declarations: DeclarationFacts[];
  today: string;
  purchaseWindowMonths: number;
}): Map<string, SupplierConflict[]> {
  const windowStart = addMonths(input.today, -input.purchaseWindowMonths);
  const bySupplier = new Map<string, Partial<Record<ConflictKind, SupplierConflict>>>();
  const add = (supplierId: string, kind: ConflictKind, since: string, n?: NegotiationFacts, d?: DeclarationFacts) => {
    const kinds = bySupplier.get(supplierId) ?? {};
    bySupplier.set(supplierId, kinds);
    const c = (kinds[kind] ??= { kind, since, negotiations: [], declarations: [] });
    if (since < c.since) c.since = since;
    if (n) c.negotiations.push(n);
    if (d) c.declarations.push(d);
  };
  for (const n of input.negotiations) if (n.status === 'open') add(n.supplierId, 'negotiation', n.openedOn, n);
  for (const d of input.declarations) {
    if (!d.supplierId) continue;
    if (isRelatedConflict(d)) add(d.supplierId, 'related', d.createdAt.slice(0, 10), undefined, d);
    else if (isPurchaseConflict(d, windowStart, input.today)) add(d.supplierId, 'purchase', d.date!, undefined, d);
  }
  const result = new Map<string, SupplierConflict[]>();
  for (const [supplierId, kinds] of bySupplier) {
    result.set(
      supplierId,
      CONFLICT_KINDS.flatMap((k) => (kinds[k] ? [kinds[k]!] : [])),
    );
  }
  return result;
}
