/**
 * The integrity rules as data, and the functions that apply them. Both seed codes are presets of the same
 * shape, so an organisation picks one and adjusts it; the API, the watchlist and the web UI all call these.
 */
import { addMonths } from './dates.ts';
import type { MemberStanding } from './team.ts';
import { type Counsellor, type Localized } from './types.ts';
import { CONFLICT_KINDS, isLive, isRelatedKind, type ConflictKind, type GiftForm, type NegotiationStatus, type Stage } from './vocabulary.ts';

export type RuleTextKey = ConflictKind | 'gift' | 'invitation' | 'side_job';

export interface PolicyRules {
  /** Which seed code these rules started from. */
  code: 'samenwerking' | 'clavis';
  gifts: {
    /** Personal gifts of an everyday kind (Samenwerking) or none at all (Clavis). */
    personalAllowed: boolean;
    /** Small gifts meant for the whole company (cake, flowers). */
    wholeCompanyAllowed: boolean;
    /** A gift is allowed only when its value is strictly below this (EUR 50 means 50.00 is refused). */
    limitEur: number;
  };
  invitations: {
    /** Only from suppliers that already have a contract (Clavis). */
    onlyFromContracted: boolean;
    /** Trips of more than one day (Clavis: never). */
    multiDayAllowed: boolean;
  };
  /** A private purchase must be declared when business ran within this many months. */
  purchaseWindowMonths: number;
  /** Ended, withdrawn and not-relevant declarations are erased after this many years. */
  retentionYears: number;
  counsellor: Counsellor;
  texts: Record<RuleTextKey, Localized>;
}

const sharedTexts: Record<'negotiation' | 'related' | 'purchase' | 'side_job', Localized> = {
  negotiation: {
    nl: 'Met deze leverancier lopen gesprekken, een aanbesteding of onderhandelingen: neem geen geschenken, maaltijden of uitnodigingen aan.',
    en: 'Talks, a tender or negotiations with this supplier are under way: accept no gifts, meals or invitations.',
  },
  related: {
    nl: 'Er is een relatie, nevenfunctie of belang gemeld: geef geen voorrang, houd de betrokkene buiten deze inkoop en meld het bij je leidinggevende.',
    en: 'A relationship, side job or interest has been declared: give no preference, keep the person concerned out of this procurement and tell your manager.',
  },
  purchase: {
    nl: 'Privé kopen bij deze leverancier mag alleen tegen marktconforme prijzen en normale voorwaarden, en je meldt het bij je leidinggevende.',
    en: 'Buying privately from this supplier is allowed only at market prices and normal terms, and you report it to your manager.',
  },
  side_job: {
    nl: 'Meld nevenwerkzaamheden en belangen vooraf bij je leidinggevende.',
    en: 'Declare side jobs and interests to your manager beforehand.',
  },
};

export const PRESETS: Record<PolicyRules['code'], PolicyRules> = {
  samenwerking: {
    code: 'samenwerking',
    gifts: { personalAllowed: true, wholeCompanyAllowed: true, limitEur: 50 },
    invitations: { onlyFromContracted: false, multiDayAllowed: true },
    purchaseWindowMonths: 12,
    retentionYears: 5,
    counsellor: { name: 'Renata Zimmerman (intern), Margriet Maris (extern)', contact: 'https://hetvolstevertrouwen.nl/' },
    texts: {
      ...sharedTexts,
      gift: {
        nl: 'Geschenken van alledaagse aard onder € 50 mag je aannemen, nooit geld en nooit van een partij waarmee gesproken of onderhandeld wordt.',
        en: 'Everyday gifts under EUR 50 may be accepted; never money, and never from a party in talks or negotiation.',
      },
      invitation: {
        nl: 'Neem een uitnodiging alleen aan als die evident in het belang van de organisatie is, en overleg eerst met je leidinggevende.',
        en: 'Accept an invitation only when it is clearly in the organisation’s interest, and discuss it with your manager first.',
      },
    },
  },
  clavis: {
    code: 'clavis',
    gifts: { personalAllowed: false, wholeCompanyAllowed: true, limitEur: 50 },
    invitations: { onlyFromContracted: true, multiDayAllowed: false },
    purchaseWindowMonths: 12,
    retentionYears: 5,
    counsellor: { name: 'Vertrouwenspersoon Clavis', contact: 'vertrouwenspersoon@clavis.example' },
    texts: {
      ...sharedTexts,
      gift: {
        nl: 'Neem geen persoonlijke geschenken aan; alleen kleine geschenken voor het hele bedrijf, zoals taart of bloemen.',
        en: 'Accept no personal gifts; only small gifts for the whole company, such as cake or flowers.',
      },
      invitation: {
        nl: 'Alleen uitnodigingen van leveranciers met een lopende opdracht, nooit meerdaagse reizen, en altijd eerst overleggen met je leidinggevende.',
        en: 'Only invitations from suppliers already under contract, never multi-day trips, and always discuss with your manager first.',
      },
    },
  },
};

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
export function giftVerdict(rules: PolicyRules, gift: GiftFacts, supplier: SupplierStanding, lang: 'nl' | 'en'): Verdict {
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
  if (!rules.invitations.multiDayAllowed && invitation.days > 1) return verdict(false, 'invitation.multi_day', rules, lang);
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

// ---- Conflicts ---------------------------------------------------------------------------------------------

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
  return d.kind === 'private_purchase' && !PURCHASE_DEAD.has(d.status) && !!d.date && d.date >= windowStart && d.date <= today;
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
