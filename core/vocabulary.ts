/**
 * The registry's words, each defined once: roles, supplier and negotiation states, declaration kinds, statuses
 * and review decisions, conflict kinds, languages. db/schema.ts makes its enum columns from these lists, the API
 * its request schemas and the web UI its choices; the predicates say what the words mean together.
 */

export const ROLES = ['staff', 'purchaser', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Who sees every conflict in full, maintains suppliers and reviews the declarations of the people they manage. */
export const MANAGER_ROLES: readonly Role[] = ['manager', 'admin'];
/** Who runs procurement: opens and advances negotiations. */
export const BUYER_ROLES: readonly Role[] = ['purchaser', ...MANAGER_ROLES];

/** The languages Zuiver speaks: Dutch by default, English on request. */
export const LANGUAGES = ['nl', 'en'] as const;

export const SUPPLIER_STATUSES = ['prospect', 'contracted', 'former', 'archived'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

/** How far a procurement has come; any of them counts as "in negotiation" while it is open. */
export const STAGES = ['talks', 'tender', 'negotiation'] as const;
export type Stage = (typeof STAGES)[number];
/** Only an `open` negotiation is under way: it makes a conflict, and its team may still change. */
export const NEGOTIATION_STATUSES = ['open', 'awarded', 'closed'] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];

export const DECLARATION_KINDS = [
  'relationship',
  'side_job',
  'financial_interest',
  'private_purchase',
  'gift',
  'invitation',
] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];
/** Relationships, side jobs and interests: what lasts until its declarant ends it. */
export const RELATED_KINDS: readonly DeclarationKind[] = ['relationship', 'side_job', 'financial_interest'];
export const isRelatedKind = (kind: string) => (RELATED_KINDS as readonly string[]).includes(kind);
/** The kinds that may be at an organisation that is no supplier at all. */
const ORGANISATION_KINDS: readonly DeclarationKind[] = ['side_job', 'financial_interest'];
export const namesOrganisation = (kind: string) => (ORGANISATION_KINDS as readonly string[]).includes(kind);
export const GIFT_FORMS = ['goods', 'money', 'voucher', 'meal', 'event', 'trip'] as const;
export type GiftForm = (typeof GIFT_FORMS)[number];

export const DECLARATION_STATUSES = [
  'submitted',
  'needs_info',
  'acknowledged',
  'not_permitted',
  'not_relevant',
  'withdrawn',
  'ended',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
/** What a reviewer decides; `needs_info` asks the declarant a question and leaves the declaration open. */
export const DECISIONS = [
  'acknowledged',
  'not_permitted',
  'not_relevant',
  'needs_info',
] as const satisfies readonly DeclarationStatus[];
export type Decision = (typeof DECISIONS)[number];
/**
 * A related-party declaration counts until it is ended, withdrawn or judged not relevant; one whose reviewer
 * asked for more information still stands meanwhile. The watchlist, ending, editing and the attestation all
 * read this one list.
 */
export const LIVE_STATUSES: readonly DeclarationStatus[] = ['submitted', 'needs_info', 'acknowledged', 'not_permitted'];
export const isLive = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);
/** Only a declaration not yet decided can be withdrawn; a decided one is ended instead. */
const WITHDRAWABLE_STATUSES: readonly DeclarationStatus[] = ['submitted', 'needs_info'];
export const isWithdrawable = (status: string) => (WITHDRAWABLE_STATUSES as readonly string[]).includes(status);
/** Withdrawn, ended or judged not relevant: closed for good, and erased once the retention period has passed. */
export const CLOSED_STATUSES: readonly DeclarationStatus[] = ['ended', 'withdrawn', 'not_relevant'];

/** The kinds of conflict a supplier can have, in the order the watchlist lists them. */
export const CONFLICT_KINDS = ['negotiation', 'related', 'purchase'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
