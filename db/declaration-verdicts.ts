/**
 * The verdict the policy gives a gift, invitation or private purchase, from where its supplier stands today (a
 * supplier merged since the declaration named it counts as the one it was merged into).
 */
import { and, eq } from 'drizzle-orm';
import { amsterdamDate } from '../core/dates.ts';
import type { Lang } from '../core/types.ts';
import {
  giftVerdict,
  invitationVerdict,
  purchaseMustBeDeclared,
  purchaseVerdict,
  type SupplierStanding,
  type Verdict,
} from '../core/verdicts.ts';
import type { Tx } from './client.ts';
import type { DeclarationInput } from './declarations.ts';
import { getPolicy } from './policy.ts';
import { negotiations, suppliers } from './schema.ts';

/** Where the supplier stands today, for the gift and invitation rules. */
async function supplierStanding(db: Tx, supplierId: string | undefined): Promise<SupplierStanding> {
  if (!supplierId) return { inNegotiation: false, contracted: false };
  const [s] = await db.select({ status: suppliers.status }).from(suppliers).where(eq(suppliers.id, supplierId));
  const [open] = await db
    .select({ id: negotiations.id })
    .from(negotiations)
    .where(and(eq(negotiations.supplierId, supplierId), eq(negotiations.status, 'open')))
    .limit(1);
  return { inNegotiation: !!open, contracted: s?.status === 'contracted' };
}

/**
 * The supplier a declaration is about: the one named, or the one it was merged into, since a link made from an
 * older watchlist (a card in the extension, a bookmark) may name a supplier merged since. Undefined when there is
 * no such supplier.
 */
export async function currentSupplierId(db: Tx, id: string): Promise<string | undefined> {
  let at = id;
  // A merged supplier is never merged again, so the chain ends; the bound only guards against a damaged registry.
  for (let hop = 0; hop < 16; hop++) {
    const [s] = await db.select({ mergedInto: suppliers.mergedInto }).from(suppliers).where(eq(suppliers.id, at));
    if (!s) return undefined;
    if (!s.mergedInto) return at;
    at = s.mergedInto;
  }
  return undefined;
}

/** The verdict a gift, invitation or private purchase gets under the current policy; undefined for other kinds. */
export async function verdictFor(db: Tx, now: Date, named: DeclarationInput, lang: Lang): Promise<Verdict | undefined> {
  if (named.kind !== 'gift' && named.kind !== 'invitation' && named.kind !== 'private_purchase') return undefined;
  const input = { ...named, supplierId: named.supplierId && (await currentSupplierId(db, named.supplierId)) };
  const rules = await getPolicy(db);
  if (input.kind === 'private_purchase') {
    // A supplier named but not registered may well be one the organisation works with: it must be declared.
    const [supplier] = input.supplierId
      ? await db.select().from(suppliers).where(eq(suppliers.id, input.supplierId))
      : [];
    const mustBeDeclared = !supplier || purchaseMustBeDeclared(rules, supplier, amsterdamDate(now));
    return purchaseVerdict(
      rules,
      { marketPrice: !!input.marketPrice, normalTerms: !!input.normalTerms, mustBeDeclared },
      lang,
    );
  }
  const standing = await supplierStanding(db, input.supplierId);
  if (input.kind === 'gift')
    return giftVerdict(
      rules,
      { form: input.form ?? 'goods', valueEur: input.valueEur ?? 0, forWholeCompany: !!input.forWholeCompany },
      standing,
      lang,
    );
  return invitationVerdict(rules, { days: input.days ?? 1 }, standing, lang);
}
