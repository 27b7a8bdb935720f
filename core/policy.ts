/**
 * The integrity rules as data. Both seed codes are presets of the same shape, so an organisation picks one and
 * adjusts it; the verdicts (core/verdicts.ts) and the conflicts (core/conflicts.ts) apply them.
 */
import type { Counsellor, Localized } from './types.ts';
import type { ConflictKind } from './vocabulary.ts';

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
    counsellor: {
      name: 'Renata Zimmerman (intern), Margriet Maris (extern)',
      contact: 'https://hetvolstevertrouwen.nl/',
    },
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
