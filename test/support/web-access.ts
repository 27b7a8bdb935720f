/**
 * The vocabulary of the web access table (web-access.test.ts): the kinds of caller (sessions, and a token that
 * opens no page), the statuses each may get, what a row can say about its request, and how one row is sent for one
 * caller and checked.
 */
import { expect } from 'vitest';
import { getPage, postForm, sessionFor } from '../api/web-client.ts';
import { auditRows, ownAttestationId, type AccessCase } from './access-table.ts';
import type { TestApp, World } from './app.ts';

const SIGNED_IN = ['staff', 'otherStaff', 'purchaser', 'ownerPurchaser', 'manager', 'ownManager', 'admin'] as const;
/** `token`: no session, but staff's full-scope personal token in an Authorization header, which opens no page. */
export type Caller = (typeof SIGNED_IN)[number] | 'anonymous' | 'deactivated' | 'token';
export const CALLERS: Caller[] = ['anonymous', ...SIGNED_IN, 'deactivated', 'token'];
const SESSIONLESS: Caller[] = ['anonymous', 'deactivated', 'token'];
type Expect = Record<Caller, number>;

/** Without a (live) session a page redirects to /login: 303. */
const NO_SESSION = { anonymous: 303, deactivated: 303, token: 303 };

export function only(ok: number, allowed: Caller[], extra: Partial<Expect> = {}): Expect {
  const out = { ...NO_SESSION } as Expect;
  for (const c of SIGNED_IN) out[c] = allowed.includes(c) ? ok : 403;
  return { ...out, ...extra };
}
export const anyone = (ok: number, extra: Partial<Expect> = {}) => only(ok, [...SIGNED_IN], extra);
export const publicPage = (ok: number, extra: Partial<Expect> = {}) => ({
  ...(Object.fromEntries(CALLERS.map((c) => [c, ok])) as Expect),
  ...extra,
});
export const MANAGERS: Caller[] = ['manager', 'ownManager', 'admin'];
export const BUYERS: Caller[] = ['purchaser', 'ownerPurchaser', ...MANAGERS];
export const NOT_YOURS = { otherStaff: 404, purchaser: 404, ownerPurchaser: 404 };

export interface Row {
  expect: Expect;
  path?: (w: World, who: Caller) => string;
  form?: (w: World, who: Caller) => Record<string, string>;
  /** Adds what the page needs to the case's database first (a campaign) and gives the path. */
  prepare?: (t: TestApp, w: World, who: Caller) => Promise<string>;
  cookie?: string;
  /** A page that can be opened without a session (it then answers for itself, not with a redirect). */
  public?: boolean;
}

/** The caller's own attestation in a new campaign (staff's for callers without a session). */
export const ownAttestation = async (t: TestApp, w: World, who: Caller) =>
  `/attestations/${await ownAttestationId(t, w, who)}/confirm`;

/** Signs the caller in (or not), sends the row's request and checks the status, the redirect and the audit. */
export async function checkWebRow({ t, w, who, method, pattern, row }: AccessCase<Row, Caller>) {
  const session = who === 'anonymous' || who === 'token' ? undefined : await sessionFor(t, w.people[who].id);
  const headers: Record<string, string> = who === 'token' ? { authorization: `Bearer ${w.tokens.staff}` } : {};
  const path = row.prepare ? await row.prepare(t, w, who) : row.path ? row.path(w, who) : pattern;
  const before = await auditRows(t);
  const res =
    method === 'GET'
      ? await getPage(t, path, session, headers)
      : await postForm(t, path, session, row.form?.(w, who) ?? {}, { cookie: row.cookie, headers });
  expect(res.status, res.html.slice(0, 300)).toBe(row.expect[who]);
  if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  if (res.status === 303 && !row.public && SESSIONLESS.includes(who)) expect(res.location).toMatch(/^\/login/);
  // Every successful form post leaves an audit row; a refused one, or one without a session, leaves none.
  const after = await auditRows(t);
  const refused = res.status >= 400 || (!row.public && SESSIONLESS.includes(who));
  if (refused) expect(after).toBe(before);
  else if (method === 'POST') expect(after).toBeGreaterThan(before);
}
