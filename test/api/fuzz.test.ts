/**
 * Bad input, generated: every API route of the app's own route list gets hostile bodies, queries, path
 * parameters, headers and CSV files (wrong types, huge strings, deep JSON, invalid UTF-8, SQL and HTML
 * fragments, bad Content-Types, garbage Authorization, Cookie, If-None-Match, Origin and Accept-* headers,
 * 10 MB bodies). Whatever comes in, the answer is
 * never a 5xx; a refusal is a 4xx JSON `{ error: { code, message, details } }`, a 400 names the problem, and a
 * refused request leaves the database exactly as it was (every row of every table is compared).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { z, type ZodType } from 'zod';
import { afterAll, describe, expect, test } from 'vitest';
import { describedRoutes, type RouteInfo } from '../../api/openapi.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';

/** Runs per route and property; the whole file stays well under a minute on two cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

// Built before the tests are collected, so each route gets tests of its own (and its own time budget).
const tpl = await worldTemplate();
const t: TestApp = await openTestApp(tpl.file);
const w: World = tpl.world;
// Web pages answer HTML to browsers and have their own tests; this file is about the JSON API.
const routes: RouteInfo[] = describedRoutes(t.app).filter((r) => r.path.startsWith('/api/') && !r.spec.web);
const tables = (await t.registry.client.execute(`select name from sqlite_master where type = 'table' order by name`)).rows.map((r) => String(r.name));
// A token's first use in a minute stamps its last use; do that now, so later requests change nothing at all.
for (const token of Object.values(w.tokens)) await t.call('GET', '/api/v1/me', { token });
afterAll(() => t.registry.close());

/** A digest of every row of every table: equal digests, same database. */
async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    const res = await t.registry.client.execute(`select * from "${table}" order by rowid`);
    hash.update(table).update(JSON.stringify(res.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return hash.digest('hex');
}

// ---- What hostile input looks like ---------------------------------------------------------------------------

const FRAGMENTS = [
  "' OR '1'='1", "'; DROP TABLE people; --", '1 UNION SELECT token_hash FROM tokens --', '" OR ""="', "%' --", "\\'; --",
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>', '{{7*7}}', '${7*7}',
  '../../../../etc/passwd', '%00', '\u0000', '\uD800', '\uDFFF', '\uFEFF', '\u202E', '\r\n\r\nX-Injected: 1', 'NaN', 'Infinity', '-1',
  '1e309', '-0', '0x10', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'prototype', ' ', '', '9'.repeat(400),
];

const hugeString = fc.integer({ min: 10_000, max: 400_000 }).map((n) => 'é<'.repeat(n / 2));
const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...FRAGMENTS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 0.001, 49.999));

/** The field names a route's schemas know (for near-misses: the right keys, the wrong values). */
function knownKeys(schema: ZodType | undefined): string[] {
  if (!schema) return [];
  const keys = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
    for (const k of Object.keys(n.properties ?? {})) keys.add(k);
    for (const sub of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) walk(sub);
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return [...keys];
}

function hostileValue(keys: string[]) {
  const key = keys.length ? fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 4 }, { arbitrary: hostileString, weight: 1 }) : hostileString;
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      hostileNumber,
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('relationship', 'gift', 'private_purchase', 'acknowledged', 'staff', 'admin', 'samenwerking', 'talks', 'open'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
}

/** A body for a route: mostly objects with the route's own keys and wrong or hostile values. */
function hostileBody(keys: string[]) {
  const value = hostileValue(keys);
  const nearMiss = keys.length ? fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: keys.length }) : fc.object();
  const deep = fc.integer({ min: 1_000, max: 200_000 }).chain((n) =>
    fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n), '['.repeat(n)),
  );
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return fc.oneof(
    { arbitrary: nearMiss.map((v) => utf8(JSON.stringify(v))), weight: 6 },
    { arbitrary: value.map((v) => utf8(JSON.stringify(v) ?? 'undefined')), weight: 3 },
    { arbitrary: deep.map(utf8), weight: 1 },
    // Invalid UTF-8: lone continuation bytes, overlong forms, truncated sequences, raw binary.
    { arbitrary: fc.constantFrom([0xff, 0xfe], [0xc0, 0xaf], [0xe2, 0x82], [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]).map((b) => new Uint8Array(b)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    { arbitrary: fc.constantFrom('', '{', '{"a":1,}', "{'a':1}", 'null', '"just a string"', '1', 'true').map(utf8), weight: 2 },
  );
}

const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'text/csv', 'application/xml', 'application/jsonx', '',
];

const hostileQuery = (keys: string[]) =>
  fc
    .array(fc.tuple(keys.length ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString, fc.oneof(hostileString, hostileNumber.map(String))), { maxLength: 5 })
    .map((pairs) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(k, v);
      return params.toString();
    });

/** Path parameters: hostile strings, percent-encoded as a client would, plus a few raw malformed encodings. */
const hostileParam = fc.oneof(
  hostileString.filter((s) => s.length < 5_000).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '..', '.', '%2e%2e', 'a%2Fb', 'x'.repeat(65), '%00'),
);

/** Header values a client can send: anything but NUL, CR and LF, and only bytes (Latin-1). */
const headerValue = fc.string({ unit: 'binary', maxLength: 300 }).map((s) => s.replace(/[^\x09\x20-\x7e\x80-\xff]/g, ''));
const garbageAuthorization = fc.oneof(
  fc.constantFrom('Bearer', 'Bearer ', 'bearer  ', 'Basic YWRtaW46YWRtaW4=', 'Bearer zv_', `Bearer ${'a'.repeat(500)}`, 'Token abc', 'Bearer a b', 'Bearer \u00ff\u00fe', "Bearer ' OR 1=1 --", 'Bearer null', 'Digest x'),
  headerValue,
  headerValue.map((v) => `Bearer ${v}`),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).map((v) => `Bearer zv_${v}`),
);

/** Other headers the app reads: language, cookies, conditional requests, CORS, compression. */
const hostileHeaders = fc.record(
  {
    'accept-language': fc.oneof(headerValue, fc.constantFrom('en', 'nl', '*', 'xx-YY;q=2', ',,,', 'en;q=abc')),
    cookie: fc.oneof(headerValue, headerValue.map((v) => `lang=${v}`), fc.constantFrom('lang=en', 'lang=', 'zuiver_session=x; lang=nl')),
    'if-none-match': fc.oneof(headerValue, fc.constantFrom('*', '""', 'W/"x"', '"a", "b"', ',')),
    origin: fc.oneof(headerValue, fc.constantFrom('chrome-extension://abc', 'moz-extension://', 'null', 'https://evil.example')),
    'accept-encoding': fc.oneof(headerValue, fc.constantFrom('br', 'gzip;q=0', 'identity', '*', 'deflate, br;q=abc')),
  },
  { requiredKeys: [] },
);

// ---- Sending and judging -------------------------------------------------------------------------------------

/**
 * The token of a caller the route admits, so input checks are reached (all route roles admit admins). The route
 * that revokes its caller's own token gets a token of its own, which it may revoke without locking out the rest.
 */
const tokenFor = (route: RouteInfo) => (route.spec.roles === 'public' ? undefined : route.path === '/api/v1/me/token' ? w.tokens.extension : w.tokens.admin);

const fill = (path: string, param: string) => path.replace(/:(\w+)/g, () => param);

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** The route streams (server-sent events): an accepted request's stream is let go unread. */
  stream?: boolean;
}

async function send(req: Sent) {
  const res = await t.app.request(req.path, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined });
  if (req.stream && res.ok) await res.body?.cancel();
  const text = req.stream && res.ok ? '' : await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** The answer to hostile input: no 5xx; a refusal is our JSON error shape; a 400 says what is wrong. */
function judge(req: Sent, res: Awaited<ReturnType<typeof send>>) {
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

/** Sends, judges, and checks that a refused request (or any GET) left the database as it was. */
async function probe(req: Sent) {
  const before = await fingerprint();
  const res = await send(req);
  judge(req, res);
  const changed = (await fingerprint()) !== before;
  if (res.status >= 400 || req.method === 'GET') expect(changed, `${req.method} ${req.path.slice(0, 200)} -> ${res.status} changed the database`).toBe(false);
  return { ...res, changed };
}

const withBody = (r: RouteInfo) => ['POST', 'PUT', 'PATCH'].includes(r.method);
const routeName = (r: RouteInfo) => `${r.method} ${r.path}`;

test('the route list is the app\'s own and covers the API', () => {
  expect(routes.length).toBeGreaterThan(30);
  expect(routes.map(routeName)).toEqual(expect.arrayContaining(['POST /api/v1/declarations', 'POST /api/v1/suppliers/import', 'GET /api/v1/watchlist']));
});

describe.each(routes.map((r) => [routeName(r), r] as const))('%s', (_name, route) => {
  const token = tokenFor(route);

  test('hostile path parameters, queries, bodies and headers: a 4xx JSON error or an honest success, never a 5xx', async () => {
    const bodyKeys = knownKeys(route.body);
    const queryKeys = knownKeys(route.query);
    await fc.assert(
      fc.asyncProperty(
        hostileParam,
        hostileQuery(queryKeys),
        withBody(route) ? hostileBody(bodyKeys) : fc.constant(undefined),
        fc.constantFrom(...CONTENT_TYPES),
        hostileHeaders,
        async (param, query, body, type, extra) => {
          const headers: Record<string, string> = { ...extra };
          if (token) headers.authorization = `Bearer ${token}`;
          if (body !== undefined && type) headers['content-type'] = type;
          await probe({ method: route.method, path: fill(route.path, param) + (query ? `?${query}` : ''), headers, body, stream: route.spec.stream });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  if (route.body) test('JSON with the right keys and wrong values: a 400 naming the field, nothing changed', async () => {
    const keys = knownKeys(route.body);
    const ids = [w.supplierId, w.negotiationId, w.declarationId];
    // Values no field of any body accepts: negative numbers, lists of objects, unknown objects, huge strings.
    const wrongType = fc.oneof(
      fc.integer({ max: -1 }),
      fc.array(fc.constant({}), { minLength: 1, maxLength: 2 }),
      fc.dictionary(fc.constantFrom('zz', '__proto__', 'constructor'), fc.integer(), { minKeys: 1, maxKeys: 2 }),
      hugeString,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), wrongType, fc.constantFrom(...ids), async (key, value, id) => {
        const req = { method: route.method, path: fill(route.path, id), headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' }, body: JSON.stringify({ [key]: value }) };
        const res = await probe(req);
        expect([400, 413], `${key}=${JSON.stringify(value)?.slice(0, 80)}`).toContain(res.status);
        // The 400 names the wrong field (a declaration without a valid kind is named by its missing kind).
        if (res.status === 400) {
          const named = JSON.parse(res.text).error.details.fields.map((f: { field: string }) => f.field.split('.')[0]);
          expect(named, key).toContain(named.includes('kind') && key !== 'kind' ? 'kind' : key);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });

  test(route.spec.roles === 'public' ? 'a garbage Authorization header is shrugged off' : 'a garbage Authorization header is a 401', async () => {
    await fc.assert(
      fc.asyncProperty(garbageAuthorization, async (authorization) => {
        const headers = { authorization, 'content-type': 'application/json' };
        const res = await probe({ method: route.method, path: fill(route.path, w.supplierId), headers, body: withBody(route) ? '{}' : undefined });
        if (route.spec.roles !== 'public') expect(res.status, `"${authorization.slice(0, 60)}"`).toBe(401);
      }),
      { numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });

  if (withBody(route)) test('a 10 MB body is refused with 413', async () => {
    const tenMegabytes = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    for (const type of ['application/json', 'text/csv']) {
      const res = await probe({ method: route.method, path: fill(route.path, w.supplierId), headers: { authorization: `Bearer ${w.tokens.admin}`, 'content-type': type }, body: tenMegabytes });
      if (route.spec.roles === 'public' || type === 'application/json' || route.path.endsWith('/import')) expect(res.status, type).toBe(413);
    }
  });
});

describe('CSV files', () => {
  const importRoute = () => routes.find((r) => r.method === 'POST' && r.path === '/api/v1/suppliers/import')!;
  const cell = fc.oneof(hostileString.filter((s) => s.length < 2_000), fc.stringMatching(/^\d{8}$/), fc.constantFrom('contracted', 'voormalig', 'NL123456789B01', 'bouw.nl', '"', '""', '";"', '\r', '\n'));
  const separator = fc.constantFrom(';', ',', '\t', '|');
  const header = fc.oneof(
    fc.constantFrom('naam;kvk;btw;domein;status', 'name,kvk,vat,domains,status,aliases', 'naam', '\uFEFFnaam;kvk', 'kvk;btw', ''),
    fc.array(hostileString.filter((s) => s.length < 200), { maxLength: 6 }).map((h) => h.join(';')),
  );
  const csv = fc.tuple(header, separator, fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 20 })).map(([h, sep, rows]) => [h, ...rows.map((r) => r.join(sep))].join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]));
  const bytes = fc.oneof(
    csv.map((s) => new TextEncoder().encode(s)),
    // Invalid UTF-8 and Windows-1252 bytes inside otherwise plain CSV.
    fc.tuple(csv, fc.uint8Array({ minLength: 1, maxLength: 50 })).map(([s, b]) => new Uint8Array([...new TextEncoder().encode(s), 0x0a, ...b, 0x3b, 0xe9, 0xff, 0x0a])),
  );

  test('a preview (dryRun=1) of any file answers a report or a 4xx, and never writes', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('text/csv', 'text/csv; charset=windows-1252', 'text/plain', 'application/json', 'application/octet-stream'), async (body, type) => {
        const res = await probe({ method: 'POST', path: `${importRoute().path}?dryRun=1`, headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': type }, body });
        expect(res.changed).toBe(false);
        if (res.status === 200) expect(JSON.parse(res.text)).toMatchObject({ added: expect.any(Number), rejected: expect.any(Array) });
      }),
      { numRuns: RUNS * 4, endOnFailure: true },
    );
  });

  test('an import whose every row is invalid changes nothing and reports each row with its reasons', async () => {
    // Every row carries a KvK number that cannot be valid, so each must be rejected.
    const badRow = fc.tuple(hostileString.filter((s) => s.length < 500), fc.string({ maxLength: 12 })).map(([name, kvk]) => [name, `x${kvk}`]);
    await fc.assert(
      fc.asyncProperty(fc.array(badRow, { minLength: 1, maxLength: 15 }), async (rows) => {
        const text = ['naam;kvk', ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';'))].join('\n');
        const res = await probe({ method: 'POST', path: importRoute().path, headers: { authorization: `Bearer ${w.tokens.manager}`, 'content-type': 'text/csv' }, body: text });
        expect(res.status, res.text.slice(0, 300)).toBe(200);
        const report = JSON.parse(res.text);
        expect(report).toMatchObject({ added: 0, updated: 0 });
        expect(res.changed, 'a wholly rejected import changed the database').toBe(false);
        for (const r of report.rejected) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 2, endOnFailure: true },
    );
  });
});
