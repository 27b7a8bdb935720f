/**
 * The vocabulary of the API access table (access.test.ts): the kinds of caller, the statuses each may get, what a
 * row can say about its request, and how one row is sent for one caller and checked.
 */
import { expect } from 'vitest';
import { auditRows, ownAttestationId, type AccessCase } from './access-table.ts';
import type { TestApp, Who, World } from './app.ts';

export type Caller = Who | 'anonymous';
export const CALLERS: Caller[] = [
  'anonymous',
  'staff',
  'otherStaff',
  'purchaser',
  'ownerPurchaser',
  'manager',
  'ownManager',
  'admin',
  'deactivated',
  'revoked',
  'expired',
  'extension',
];
type Expect = Partial<Record<Caller, number>>;

const BAD_CREDENTIALS: Expect = { anonymous: 401, deactivated: 401, revoked: 401, expired: 401 };
const SIGNED_IN: Caller[] = ['staff', 'otherStaff', 'purchaser', 'ownerPurchaser', 'manager', 'ownManager', 'admin'];

/** `ok` for the given roles, 403 for the other signed-in callers and the extension token, 401 without credentials. */
export function only(ok: number, allowed: Caller[], extra: Expect = {}): Expect {
  const out: Expect = { ...BAD_CREDENTIALS, extension: 403 };
  for (const c of SIGNED_IN) out[c] = allowed.includes(c) ? ok : 403;
  return { ...out, ...extra };
}
export const anyone = (ok: number, extra: Expect = {}) => only(ok, SIGNED_IN, extra);
export const withExtension = (e: Expect) => ({ ...e, extension: e.staff });
export const publicRoute = (ok: number): Expect => Object.fromEntries(CALLERS.map((c) => [c, ok]));
export const MANAGERS: Caller[] = ['manager', 'ownManager', 'admin'];
export const BUYERS: Caller[] = ['purchaser', 'ownerPurchaser', ...MANAGERS];

export interface Row {
  expect: Expect;
  path?: (w: World, who: Caller) => string;
  body?: (w: World, who: Caller) => unknown;
  headers?: Record<string, string>;
  /** A POST that only reads (a check, a preview), so it leaves no audit row. */
  readOnly?: boolean;
  /** An answer that streams until the client goes (server-sent events): only its status is read. */
  stream?: boolean;
  /** Adds what the route needs to the case's database first (a campaign) and gives the path. */
  prepare?: (t: TestApp, w: World, who: Caller) => Promise<string>;
}

/** The caller's own attestation in a new campaign (staff's for callers without one). */
export const ownAttestation = async (t: TestApp, w: World, who: Caller) =>
  `/api/v1/attestations/${await ownAttestationId(t, w, who)}/confirm`;

/** The status of a streamed answer, and the error body of a refused one; the stream itself is let go. */
async function streamStatus(t: TestApp, path: string, token?: string) {
  const res = await t.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status >= 400) return { status: res.status, body: await res.json() };
  await res.body?.cancel();
  return { status: res.status, body: null };
}

/** Sends the row's request as the caller and checks the status, and that only a successful write is audited. */
export async function checkApiRow({ t, w, who, method, pattern, row }: AccessCase<Row, Caller>) {
  const path = row.prepare ? await row.prepare(t, w, who) : row.path ? row.path(w, who) : pattern;
  const token = who === 'anonymous' ? undefined : w.tokens[who];
  const auditBefore = await auditRows(t);
  const res = row.stream
    ? await streamStatus(t, path, token)
    : await t.call(method, path, { token, body: row.body?.(w, who), headers: row.headers });
  expect(res.status, JSON.stringify(res.body)).toBe(row.expect[who]);
  if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
  // Every successful write leaves at least one audit row; a refused one leaves none.
  const auditAfter = await auditRows(t);
  if (method !== 'GET' && !row.readOnly && res.status < 300) expect(auditAfter).toBeGreaterThan(auditBefore);
  if (res.status >= 400) expect(auditAfter).toBe(auditBefore);
}
