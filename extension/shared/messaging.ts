/**
 * The messages between the background and the rest of the extension, typed once. Tabs ask the background for the
 * prepared matcher and for the display data of the suppliers they flagged; the popup and options pages ask it to
 * sign in, sync and change sites. The token never travels: only the background reads it.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Counsellor, MatchKind, Mention, WatchlistEntry } from '../../core/types.ts';
import type { PreparedFlags } from './flag-data.ts';

export type SyncError = 'unreachable' | 'server' | 'invalid';
export type SignInError = 'unauthorized' | 'unreachable' | 'server' | 'invalid' | 'rate-limited';

/** What the popup and options pages show of the background's sync. */
export interface SyncStatus {
  signedIn: boolean;
  server: string | null;
  person: { name: string; email: string } | null;
  /** When the server last confirmed the copy in use; null without a copy. */
  checkedAt: number | null;
  /** Set when the last attempt failed: flags come from the copy confirmed at `checkedAt`. */
  error: SyncError | null;
  /** The copy is older than MAX_COPY_AGE_MS and no longer used. */
  expired: boolean;
  suppliers: number;
}

/** A mention as the background sends it back, with the initials of the supplier's conflict kinds. */
export interface KindedMatch extends Mention {
  kinds: string;
}

/**
 * Suppliers as a tab names them: by their positions in watchlist `version`, so that tabs need no ids. The
 * background answers only for the version it uses; a tab on another one gets a refresh soon.
 */
export interface SupplierPositions {
  version: string;
  suppliers: number[];
}

/** What a card shows about one supplier: everything of the entry but the identifiers used for matching. */
export type SupplierCard = Pick<WatchlistEntry, 'id' | 'name' | 'conflicts'>;

export interface CardData {
  suppliers: SupplierCard[];
  counsellor: Counsellor | null;
  registryUrl: string | null;
}

/**
 * A flag a card was opened on: its supplier's position, the flagged text and the kind of match. The text goes
 * only to the background, which reports the registered name or identifier it matched instead (background/wrong-flag.ts).
 */
export interface FlaggedText {
  supplier: number;
  text: string;
  kind: MatchKind;
}

export type WrongFlagReason = 'not_this_supplier' | 'person';

/** "Wrong flag?" from a card: which of the card's suppliers, why, and the flags it was opened on. */
export interface WrongFlag {
  version: string;
  flagged: FlaggedText[];
  supplierId: string;
  reason: WrongFlagReason;
  note: string;
}

export type WrongFlagReply = { ok: true } | { ok: false; error: SignInError | 'not-signed-in' | 'stale' };

export type SignInReply = { ok: true; status: SyncStatus } | { ok: false; error: SignInError | 'bad-server' };

export interface SiteState {
  /** The match pattern the site would get (https://host/*), null for pages the extension cannot run on. */
  pattern: string | null;
  host: string | null;
  enabled: boolean;
  paused: boolean;
  /** Whether the person may add this site; IT can switch that off by policy. */
  addable: boolean;
}

/** Requests to the background: name -> [argument, reply]. */
export interface BackgroundProtocol {
  /** The prepared flags. Tabs read them from storage; they ask for them when storage holds another version or format. */
  flagData: [void, PreparedFlags | null];
  /** The version a tab would draw now (null: nothing to draw), so a refresh can tell whether anything changed. */
  flagVersion: [void, string | null];
  /** Matches in the texts of a child frame, which holds no matcher of its own; never stored or sent on. */
  scan: [string[], { version: string; matches: KindedMatch[][] } | null];
  cards: [SupplierPositions, CardData];
  reportFlags: [SupplierPositions, void];
  /** Sends a "wrong flag?" report to the registry. */
  reportWrongFlag: [WrongFlag, WrongFlagReply];
  status: [void, SyncStatus];
  syncNow: [void, SyncStatus];
  signIn: [{ server: string; token: string }, SignInReply];
  signInWithPassword: [{ server: string; email: string; password: string }, SignInReply];
  /** The end of the single sign-on: the one-time code and the redirect URL it was issued for. */
  signInWithCode: [{ server: string; code: string; redirectUri: string }, SignInReply];
  signOut: [void, SyncStatus];
  tabFlags: [number, CardData];
  siteState: [string, SiteState];
  setPaused: [{ host: string; paused: boolean }, void];
  /** false: policy does not let people add sites, and nothing was added. */
  addSite: [{ pattern: string; tabId?: number }, boolean];
  removeSite: [string, void];
}

/** Requests from the background to the content scripts of a tab. */
export interface TabProtocol {
  refresh: [void, void];
  moveFlag: [1 | -1, void];
}

type Arg<P, K extends keyof P> = P[K] extends [infer A, unknown] ? A : never;
type Reply<P, K extends keyof P> = P[K] extends [unknown, infer R] ? R : never;

interface Envelope {
  zuiver: string;
  data: unknown;
}

export function sendToBackground<K extends keyof BackgroundProtocol>(
  type: K,
  ...data: Arg<BackgroundProtocol, K> extends void ? [] : [Arg<BackgroundProtocol, K>]
): Promise<Reply<BackgroundProtocol, K>> {
  return browser.runtime.sendMessage({ zuiver: type, data: data[0] } satisfies Envelope);
}

/** To every frame of the tab. */
export function sendToTab<K extends keyof TabProtocol>(
  tabId: number,
  type: K,
  data: Arg<TabProtocol, K>,
): Promise<Reply<TabProtocol, K>> {
  return browser.tabs.sendMessage(tabId, { zuiver: type, data } satisfies Envelope);
}

export type Handlers<P> = {
  [K in keyof P]: (data: Arg<P, K>, sender: Browser.runtime.MessageSender) => Reply<P, K> | Promise<Reply<P, K>>;
};

/**
 * Answers the protocol's messages; returns the function that stops listening. Messages of other shapes are left
 * alone (returning undefined lets another listener answer). A message `allowed` refuses is answered with an
 * error, and its handler never runs.
 */
export function handleMessages<P>(
  handlers: Partial<Handlers<P>>,
  allowed: (type: keyof P, sender: Browser.runtime.MessageSender) => boolean = () => true,
): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    const type = (message as Envelope | null)?.zuiver;
    const handler = typeof type === 'string' && Object.hasOwn(handlers, type) ? handlers[type as keyof P] : undefined;
    if (!handler) return undefined;
    if (!allowed(type as keyof P, sender)) return Promise.reject(new Error('Not allowed from here'));
    return Promise.resolve(handler((message as Envelope).data as never, sender));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
