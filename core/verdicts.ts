/**
 * The verdict on a gift, invitation or private purchase under the rules, with its wording in both languages: the
 * API stores it with the declaration, the web UI explains a rule before anything is submitted.
 */
import { addMonths } from './dates.ts';
import type { PolicyRules } from './policy.ts';
import type { Localized } from './types.ts';
import type { GiftForm } from './vocabulary.ts';

export interface Verdict {
  allowed: boolean;
  /** Stable code of the rule that decided, e.g. `gift.negotiation`. */
  rule: string;
  message: string;
}

/** What the verdict needs to know about the supplier at the time of declaring. */
export interface SupplierStanding {
  inNegotiation: boolean;
  contracted: boolean;
}

export interface GiftFacts {
  form: GiftForm;
  valueEur: number;
  forWholeCompany: boolean;
}

export interface InvitationFacts {
  days: number;
}

type VerdictText = (rules: PolicyRules) => Localized;

/** Every verdict's wording in one place, so the web UI can explain a rule before anything is submitted. */
export const VERDICT_TEXTS: Record<string, VerdictText> = {
  'gift.money': () => ({
    nl: 'Geld en waardebonnen neem je nooit aan: weiger het geschenk.',
    en: 'Never accept money or vouchers: decline the gift.',
  }),
  'gift.negotiation': () => ({
    nl: 'Van een leverancier in onderhandeling: weigeren.',
    en: 'From a supplier in negotiation: decline.',
  }),
  'gift.personal': () => ({
    nl: 'Persoonlijke geschenken neem je niet aan: weiger het, of alleen een klein geschenk voor het hele bedrijf.',
    en: 'Personal gifts are not accepted: decline, or accept only a small gift for the whole company.',
  }),
  'gift.limit': (r) => ({
    nl: `De waarde is € ${r.gifts.limitEur} of meer: weigeren.`,
    en: `The value is EUR ${r.gifts.limitEur} or more: decline.`,
  }),
  'gift.allowed': (r) => ({
    nl: `Toegestaan: een geschenk onder € ${r.gifts.limitEur}, niet van een partij in onderhandeling.`,
    en: `Allowed: a gift under EUR ${r.gifts.limitEur}, not from a party in negotiation.`,
  }),
  'invitation.negotiation': () => ({
    nl: 'Van een leverancier in onderhandeling: weigeren.',
    en: 'From a supplier in negotiation: decline.',
  }),
  'invitation.not_contracted': () => ({
    nl: 'Alleen uitnodigingen van leveranciers met een lopende opdracht: weigeren.',
    en: 'Only invitations from suppliers under contract: decline.',
  }),
  'invitation.multi_day': () => ({
    nl: 'Meerdaagse reizen kunnen niet: weigeren.',
    en: 'Multi-day trips are never accepted: decline.',
  }),
  'purchase.terms': () => ({
    nl: 'Privé kopen bij een leverancier van de organisatie mag alleen tegen marktconforme prijzen en normale voorwaarden.',
    en: 'Buying privately from a supplier of the organisation is allowed only at market prices and normal terms.',
  }),
  'purchase.not_required': (r) => ({
    nl: `De organisatie deed de afgelopen ${r.purchaseWindowMonths} maanden geen zaken met deze leverancier: een melding is niet nodig, maar wordt wel bewaard.`,
    en: `The organisation did no business with this supplier in the past ${r.purchaseWindowMonths} months: no report is needed, but it is kept.`,
  }),
  'purchase.report': () => ({
    nl: 'Marktconform en normale voorwaarden: je leidinggevende ontvangt deze melding.',
    en: 'Market price and normal terms: your manager receives this report.',
  }),
  'invitation.discuss': () => ({
    nl: 'Toegestaan als het evident in het belang van de organisatie is: overleg eerst met je leidinggevende.',
    en: 'Allowed when clearly in the organisation’s interest: discuss it with your manager first.',
  }),
};

function verdict(allowed: boolean, rule: string, rules: PolicyRules, lang: 'nl' | 'en'): Verdict {
  return { allowed, rule, message: VERDICT_TEXTS[rule](rules)[lang] };
}

/** Money first (never), then the negotiation ban, then the code's own limits. */
export function giftVerdict(
  rules: PolicyRules,
  gift: GiftFacts,
  supplier: SupplierStanding,
  lang: 'nl' | 'en',
): Verdict {
  if (gift.form === 'money' || gift.form === 'voucher') return verdict(false, 'gift.money', rules, lang);
  if (supplier.inNegotiation) return verdict(false, 'gift.negotiation', rules, lang);
  const allowedKind = gift.forWholeCompany ? rules.gifts.wholeCompanyAllowed : rules.gifts.personalAllowed;
  if (!allowedKind) return verdict(false, 'gift.personal', rules, lang);
  if (gift.valueEur >= rules.gifts.limitEur) return verdict(false, 'gift.limit', rules, lang);
  return verdict(true, 'gift.allowed', rules, lang);
}

export function invitationVerdict(
  rules: PolicyRules,
  invitation: InvitationFacts,
  supplier: SupplierStanding,
  lang: 'nl' | 'en',
): Verdict {
  if (supplier.inNegotiation) return verdict(false, 'invitation.negotiation', rules, lang);
  if (rules.invitations.onlyFromContracted && !supplier.contracted)
    return verdict(false, 'invitation.not_contracted', rules, lang);
  if (!rules.invitations.multiDayAllowed && invitation.days > 1)
    return verdict(false, 'invitation.multi_day', rules, lang);
  return verdict(true, 'invitation.discuss', rules, lang);
}

/**
 * A private purchase from a supplier the organisation does (or recently did) business with is fine only at
 * market prices and on normal terms, and is reported to the manager. From any other firm it needs no report.
 */
export function purchaseVerdict(
  rules: PolicyRules,
  purchase: { marketPrice: boolean; normalTerms: boolean; mustBeDeclared: boolean },
  lang: 'nl' | 'en',
): Verdict {
  if (!purchase.mustBeDeclared) return verdict(true, 'purchase.not_required', rules, lang);
  return purchase.marketPrice && purchase.normalTerms
    ? verdict(true, 'purchase.report', rules, lang)
    : verdict(false, 'purchase.terms', rules, lang);
}

/** A private purchase must be declared when the supplier is contracted or did business inside the window. */
export function purchaseMustBeDeclared(
  rules: PolicyRules,
  supplier: { status: string; lastBusinessDate: string | null },
  today: string,
): boolean {
  if (supplier.status === 'contracted') return true;
  return !!supplier.lastBusinessDate && supplier.lastBusinessDate >= addMonths(today, -rules.purchaseWindowMonths);
}
