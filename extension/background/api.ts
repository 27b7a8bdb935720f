/**
 * The registry API as the background uses it. Every request of the extension goes through here, and only to the
 * server the user signed in to: nothing about the pages the user visits is ever sent.
 */
import { browser } from 'wxt/browser';
import type { Watchlist } from '../../core/types.ts';
import type { WatchlistDelta } from './delta.ts';
import type { Person } from './storage.ts';
import type { SignInError, SyncError } from '../shared/messaging.ts';

export type WatchlistResult =
  | { status: 'ok'; watchlist: Watchlist; body: string; etag: string }
  /** `delta` is null when the answer has a delta's `since` but not the rest of its shape. */
  | { status: 'delta'; delta: WatchlistDelta | null }
  | { status: 'not-modified' }
  | { status: 'unauthorized' }
  | { status: 'failed'; error: SyncError };

export type SignInResult<T> = { ok: true; value: T } | { ok: false; error: SignInError };

/**
 * The server URL the user typed, reduced to origin and path; null unless it is https (plain http only on the
 * user's own machine, for development and the demo).
 */
export function normalizeServer(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function headers(token?: string): Record<string, string> {
  // The server writes summaries and advice in the language asked for; the extension's pages follow the browser.
  const h: Record<string, string> = { Accept: 'application/json', 'Accept-Language': browser.i18n.getUILanguage() };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

/**
 * A server that takes the connection but never answers (a stuck proxy, a captive portal) would otherwise hold the
 * one sync in flight until the service worker restarts, and every later sync would wait on it. Long enough for a
 * large watchlist over a slow line.
 */
const REQUEST_TIMEOUT_MS = 20_000;

/** What the callers need of an answer, read whole inside the deadline (a body can stall as well as the headers). */
interface Answer {
  status: number;
  ok: boolean;
  etag: string | null;
  body: string;
}

/** The answer, or null when there was none in time (network down, refused, timed out, cut off mid-body). */
async function request(url: string, init: RequestInit): Promise<Answer | null> {
  // A timer of our own rather than AbortSignal.timeout: it is the clock tests (and fake timers) control.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), REQUEST_TIMEOUT_MS);
  try {
    // credentials: 'omit' because the API authenticates the extension by token only, never by a cookie the user
    // may also hold for the registry's web UI.
    const res = await fetch(url, { ...init, signal: deadline.signal, credentials: 'omit', cache: 'no-store' });
    const body = await res.text();
    return { status: res.status, ok: res.ok, etag: res.headers.get('ETag'), body };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function failure(res: Answer | null): SignInError {
  if (!res) return 'unreachable';
  if (res.status === 401 || res.status === 403) return 'unauthorized';
  if (res.status === 429) return 'rate-limited';
  return res.status >= 500 ? 'server' : 'invalid';
}

const isStrings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Enough of an entry's shape to compile a matcher from and draw a card with. */
const isEntry = (e: Watchlist['entries'][number]) =>
  !!e &&
  typeof e.id === 'string' &&
  typeof e.name === 'string' &&
  isStrings(e.names) &&
  (e.domains === undefined || isStrings(e.domains)) &&
  (e.emails === undefined || isStrings(e.emails)) &&
  (e.kvk === undefined || isStrings(e.kvk)) &&
  (e.vat === undefined || isStrings(e.vat)) &&
  (e.ambiguous === undefined || isStrings(e.ambiguous)) &&
  Array.isArray(e.conflicts) &&
  e.conflicts.every((c) => !!c && typeof c.kind === 'string');

/** A whole watchlist; anything else is refused whole. */
function isWatchlist(value: unknown): value is Watchlist {
  const w = value as Watchlist | null;
  return !!w && typeof w.version === 'string' && Array.isArray(w.entries) && w.entries.every(isEntry);
}

/** What changed since a version the client holds (`?since=`). */
function isDelta(value: unknown): value is WatchlistDelta {
  const d = value as WatchlistDelta | null;
  return (
    !!d &&
    typeof d.version === 'string' &&
    typeof d.since === 'string' &&
    Array.isArray(d.entries) &&
    d.entries.every(isEntry) &&
    isStrings(d.removed)
  );
}

/**
 * The watchlist, or with `since` (the version of the copy held) only what changed since: the server answers a
 * delta when it still knows that version and the full list otherwise.
 */
export async function fetchWatchlist(
  server: string,
  token: string,
  etag?: string,
  since?: string,
): Promise<WatchlistResult> {
  const h = headers(token);
  if (etag) h['If-None-Match'] = etag;
  const res = await request(`${server}/api/v1/watchlist${since ? `?since=${encodeURIComponent(since)}` : ''}`, {
    headers: h,
  });
  if (!res) return { status: 'failed', error: 'unreachable' };
  if (res.status === 304) return { status: 'not-modified' };
  if (res.status === 401) return { status: 'unauthorized' };
  if (!res.ok) return { status: 'failed', error: res.status >= 500 ? 'server' : 'invalid' };
  const watchlist = parse(res.body);
  if (since && (watchlist as WatchlistDelta | null)?.since !== undefined) {
    return { status: 'delta', delta: isDelta(watchlist) ? watchlist : null };
  }
  if (!isWatchlist(watchlist)) return { status: 'failed', error: 'invalid' };
  // The ETag is the version (quoted); the header is read when the server exposes it to extension origins.
  return { status: 'ok', watchlist, body: res.body, etag: res.etag ?? `"${watchlist.version}"` };
}

/** Who the token belongs to, and its scope (`full`, `extension`; null from a server that does not say). */
export async function fetchMe(server: string, token: string): Promise<SignInResult<Person & { scope: string | null }>> {
  const res = await request(`${server}/api/v1/me`, { headers: headers(token) });
  if (!res?.ok) return { ok: false, error: failure(res) };
  const me = parse(res.body) as (Person & { scope?: unknown }) | null;
  if (!me || typeof me.id !== 'string') return { ok: false, error: 'invalid' };
  const scope = typeof me.scope === 'string' ? me.scope : null;
  return { ok: true, value: { id: me.id, email: me.email, name: me.name, role: me.role, scope } };
}

/** An extension-scoped token made with a full one, which the caller then forgets. */
export async function tradeForExtensionToken(
  server: string,
  fullToken: string,
  name: string,
  days: number,
): Promise<SignInResult<string>> {
  const res = await request(`${server}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { ...headers(fullToken), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, scope: 'extension', expiresInDays: days }),
  });
  if (!res?.ok) return { ok: false, error: failure(res) };
  const body = parse(res.body) as { token?: unknown } | null;
  return typeof body?.token === 'string' ? { ok: true, value: body.token } : { ok: false, error: 'invalid' };
}

/** Ends the token on the server (signing out); false when the server could not be told. */
export async function revokeOwnToken(server: string, token: string): Promise<boolean> {
  const res = await request(`${server}/api/v1/me/token`, { method: 'DELETE', headers: headers(token) });
  // Already revoked or expired (401): ended all the same.
  return !!res && (res.ok || res.status === 401);
}

/** Trades e-mail and password for an extension-scoped token; the password is not kept. */
export async function requestToken(
  server: string,
  email: string,
  password: string,
  name: string,
): Promise<SignInResult<string>> {
  const res = await request(`${server}/api/v1/auth/token`, {
    method: 'POST',
    headers: { ...headers(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, name }),
  });
  if (!res?.ok) return { ok: false, error: failure(res) };
  const body = parse(res.body) as { token?: unknown } | null;
  return typeof body?.token === 'string' ? { ok: true, value: body.token } : { ok: false, error: 'invalid' };
}

/** A "wrong flag?" report, as the registry stores it: no page text, only what was registered and the host name. */
export interface FlagReportBody {
  supplierId: string;
  matched: string | null;
  kind: string;
  host: string;
  reason: string;
  note: string | null;
}

export async function sendFlagReport(
  server: string,
  token: string,
  report: FlagReportBody,
): Promise<SignInResult<void>> {
  const res = await request(`${server}/api/v1/flag-reports`, {
    method: 'POST',
    headers: { ...headers(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(report),
  });
  return res?.ok ? { ok: true, value: undefined } : { ok: false, error: failure(res) };
}

/** The one-time code of the single sign-on, exchanged once for an extension-scoped token. */
export async function exchangeSsoCode(
  server: string,
  code: string,
  redirectUri: string,
  name: string,
): Promise<SignInResult<string>> {
  const res = await request(`${server}/api/v1/auth/extension-code`, {
    method: 'POST',
    headers: { ...headers(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, redirectUri, name }),
  });
  if (!res?.ok) return { ok: false, error: failure(res) };
  const body = parse(res.body) as { token?: unknown } | null;
  return typeof body?.token === 'string' ? { ok: true, value: body.token } : { ok: false, error: 'invalid' };
}
