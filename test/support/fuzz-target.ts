/**
 * The app the fuzz tests send hostile input to, and how they judge its answers: never a 5xx; a refusal is a 4xx
 * JSON `{ error: { code, message, details } }`, a 400 names the problem, and a refused request (or any GET)
 * leaves the database exactly as it was (every row of every table is compared).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { describedRoutes, type RouteInfo } from '../../api/openapi.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from './app.ts';

/** Runs per route and property; each fuzz file stays well under a minute on two cores. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** The route streams (server-sent events): an accepted request's stream is let go unread. */
  stream?: boolean;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

export const fill = (path: string, param: string) => path.replace(/:(\w+)/g, () => param);
export const withBody = (r: RouteInfo) => ['POST', 'PUT', 'PATCH'].includes(r.method);
export const routeName = (r: RouteInfo) => `${r.method} ${r.path}`;

/**
 * A test app on a copy of the test world, its JSON API routes from the app's own route list, and `probe`, which
 * sends, judges, and checks the database. Await it at the top of a test file, so that each route gets tests of its
 * own, and close `t.registry` in an `afterAll`.
 */
export async function openFuzzTarget() {
  const tpl = await worldTemplate();
  const t: TestApp = await openTestApp(tpl.file);
  const w: World = tpl.world;
  // Web pages answer HTML to browsers and have their own tests; the fuzz tests are about the JSON API.
  const routes: RouteInfo[] = describedRoutes(t.app).filter((r) => r.path.startsWith('/api/') && !r.spec.web);
  const tables = (
    await t.registry.client.execute(`select name from sqlite_master where type = 'table' order by name`)
  ).rows.map((r) => String(r.name));
  // A token's first use in a minute stamps its last use; do that now, so later requests change nothing at all.
  for (const token of Object.values(w.tokens)) await t.call('GET', '/api/v1/me', { token });

  /** A digest of every row of every table: equal digests, same database. */
  async function fingerprint(): Promise<string> {
    const hash = createHash('sha256');
    for (const table of tables) {
      const res = await t.registry.client.execute(`select * from "${table}" order by rowid`);
      hash.update(table).update(JSON.stringify(res.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
    return hash.digest('hex');
  }

  /**
   * The token of a caller the route admits, so input checks are reached (all route roles admit admins). The route
   * that revokes its caller's own token gets a token of its own, which it may revoke without locking out the rest.
   */
  const tokenFor = (route: RouteInfo) =>
    route.spec.roles === 'public' ? undefined : route.path === '/api/v1/me/token' ? w.tokens.extension : w.tokens.admin;

  async function send(req: Sent): Promise<Answer> {
    const res = await t.app.request(req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
    });
    if (req.stream && res.ok) await res.body?.cancel();
    const text = req.stream && res.ok ? '' : await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  }

  /** Sends, judges, and checks that a refused request (or any GET) left the database as it was. */
  async function probe(req: Sent) {
    const before = await fingerprint();
    const res = await send(req);
    judge(req, res);
    const changed = (await fingerprint()) !== before;
    if (res.status >= 400 || req.method === 'GET')
      expect(changed, `${req.method} ${req.path.slice(0, 200)} -> ${res.status} changed the database`).toBe(false);
    return { ...res, changed };
  }

  return { t, w, routes, tokenFor, probe };
}

/** The answer to hostile input: no 5xx; a refusal is our JSON error shape; a 400 says what is wrong. */
function judge(req: Sent, res: Answer) {
  const where = `${req.method} ${req.path.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.type, where).toMatch(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(Object.keys(body), where).toEqual(['error']);
  expect(Object.keys(body.error).sort(), where).toEqual(['code', 'details', 'message']);
  expect(body.error.code, where).toMatch(/^[a-z_]+$/);
  expect(typeof body.error.message, where).toBe('string');
  if (res.status === 400) {
    // Named: a specific message, and where fields are to blame, which ones.
    expect(body.error.message.length, where).toBeGreaterThan(15);
    expect(body.error.message, where).not.toMatch(/^Bad Request$/i);
    // An unknown key is named as sent, even when that is a space.
    for (const f of body.error.details?.fields ?? []) expect(f.field.length, where).toBeGreaterThan(0);
  }
}
