/** Shared types between the API (which compiles the watchlist) and the extension (which shows it). */
import type { ConflictKind, LANGUAGES, Stage } from './vocabulary.ts';

/** One supplier as the matcher sees it: every name, e-mail address, domain and registry number it may be mentioned by. */
export interface WatchEntry {
  id: string;
  names: string[];
  /** Whole addresses (a one-person business on a free-mail domain): they match only whole. */
  emails?: string[];
  domains?: string[];
  kvk?: string[];
  vat?: string[];
  /**
   * The folded names (words joined by spaces) of `names` that are ambiguous: one word that is also a common
   * word, a personal name or a place. They count only next to a legal form. Set by the server from its word
   * lists (core/matcher/name-rules.ts), so that a matcher compiled elsewhere applies the same rule.
   */
  ambiguous?: string[];
}

export type MatchKind = 'name' | 'email' | 'domain' | 'kvk' | 'vat';

/**
 * A mention of a supplier in a text: `supplier` is its position in the watchlist the matcher was made from,
 * `start`/`end` are UTF-16 offsets into the original text.
 */
export interface Mention {
  supplier: number;
  start: number;
  end: number;
  kind: MatchKind;
}

/** A mention with the supplier's id. */
export interface Match extends Mention {
  id: string;
}

/**
 * One conflict of a supplier, cut to what the caller's role may see. Only `kind`, `summary` and `since` are
 * always present; the server leaves out every field the caller may not see (never sends it empty).
 */
export interface Conflict {
  kind: ConflictKind;
  /** One line, in the caller's language, safe to show to that caller. */
  summary: string;
  /** ISO date (YYYY-MM-DD) since when the conflict exists. */
  since: string;
  /** What the integrity code asks of the reader for this kind of conflict. */
  advice: string;
  /** related/purchase: how many declarations make up this conflict (purchasers and managers). */
  count?: number;
  /** negotiation (purchasers and managers): the negotiation's reference, subject and stage. */
  reference?: string;
  subject?: string;
  stage?: Stage;
  owner?: string;
  /** negotiation (its owner and managers): team members who declared a conflict and are still to be kept out. */
  keepOut?: string[];
  /** related/purchase: names of the declarants (managers; to an owner of an open negotiation with it, those on its team). */
  declarants?: string[];
  /** related/purchase (managers, and the declarant's own): the declarations in full. */
  details?: ConflictDetail[];
}

export interface ConflictDetail {
  declarationId: string;
  declarant?: string;
  kind: string;
  relation?: string;
  description?: string;
  date?: string;
  amountEur?: number;
  status: string;
}

export interface WatchlistEntry extends WatchEntry {
  /** The legal name, for display. */
  name: string;
  domains: string[];
  kvk: string[];
  vat: string[];
  conflicts: Conflict[];
}

export interface Counsellor {
  name: string;
  contact: string;
}

export interface Watchlist {
  /** Changes whenever anything in the list changes; also the ETag. */
  version: string;
  generatedAt: string;
  /** Base URL of the registry web UI, for links such as `/declare?kind=gift&supplier=<id>`. */
  registryUrl: string;
  counsellor: Counsellor;
  entries: WatchlistEntry[];
}

/** The languages Zuiver speaks: Dutch by default, English on request. */
export type Lang = (typeof LANGUAGES)[number];
export type Localized = Record<Lang, string>;
