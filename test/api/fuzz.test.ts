/**
 * Bad input, generated: every API route of the app's own route list gets hostile bodies, queries, path
 * parameters and headers (wrong types, huge strings, deep JSON, invalid UTF-8, SQL and HTML fragments, bad
 * Content-Types, garbage Authorization, Cookie, If-None-Match, Origin and Accept-* headers, 10 MB bodies).
 * Whatever comes in, the answer is never a 5xx; a refusal is a 4xx JSON `{ error: { code, message, details } }`,
 * a 400 names the problem, and a refused request leaves the database exactly as it was (every row of every
 * table is compared). The inputs: test/support/fuzz-input.ts; the judging: test/support/fuzz-target.ts; hostile
 * CSV files: fuzz-csv.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  CONTENT_TYPES,
  garbageAuthorization,
  hostileBody,
  hostileHeaders,
  hostileParam,
  hostileQuery,
  hugeString,
  knownKeys,
} from '../support/fuzz-input.ts';
import { fill, openFuzzTarget, routeName, RUNS, withBody } from '../support/fuzz-target.ts';

// Built before the tests are collected, so each route gets tests of its own (and its own time budget).
const { t, w, routes, tokenFor, probe } = await openFuzzTarget();
afterAll(() => t.registry.close());

test("the route list is the app's own and covers the API", () => {
  expect(routes.length).toBeGreaterThan(30);
  expect(routes.map(routeName)).toEqual(
    expect.arrayContaining(['POST /api/v1/declarations', 'POST /api/v1/suppliers/import', 'GET /api/v1/watchlist']),
  );
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
          await probe({
            method: route.method,
            path: fill(route.path, param) + (query ? `?${query}` : ''),
            headers,
            body,
            stream: route.spec.stream,
          });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  if (route.body)
    test('JSON with the right keys and wrong values: a 400 naming the field, nothing changed', async () => {
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
          const req = {
            method: route.method,
            path: fill(route.path, id),
            headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' },
            body: JSON.stringify({ [key]: value }),
          };
          const res = await probe(req);
          expect([400, 413], `${key}=${JSON.stringify(value)?.slice(0, 80)}`).toContain(res.status);
          // The 400 names the wrong field (a declaration without a valid kind is named by its missing kind).
          if (res.status === 400) {
            const named = JSON.parse(res.text).error.details.fields.map(
              (f: { field: string }) => f.field.split('.')[0],
            );
            expect(named, key).toContain(named.includes('kind') && key !== 'kind' ? 'kind' : key);
          }
        }),
        { numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
      );
    });

  test(
    route.spec.roles === 'public'
      ? 'a garbage Authorization header is shrugged off'
      : 'a garbage Authorization header is a 401',
    async () => {
      await fc.assert(
        fc.asyncProperty(garbageAuthorization, async (authorization) => {
          const headers = { authorization, 'content-type': 'application/json' };
          const res = await probe({
            method: route.method,
            path: fill(route.path, w.supplierId),
            headers,
            body: withBody(route) ? '{}' : undefined,
          });
          if (route.spec.roles !== 'public') expect(res.status, `"${authorization.slice(0, 60)}"`).toBe(401);
        }),
        { numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
      );
    },
  );

  if (withBody(route))
    test('a 10 MB body is refused with 413', async () => {
      const tenMegabytes = new Uint8Array(10 * 1024 * 1024).fill(0x61);
      for (const type of ['application/json', 'text/csv']) {
        const res = await probe({
          method: route.method,
          path: fill(route.path, w.supplierId),
          headers: { authorization: `Bearer ${w.tokens.admin}`, 'content-type': type },
          body: tenMegabytes,
        });
        if (route.spec.roles === 'public' || type === 'application/json' || route.path.endsWith('/import'))
          expect(res.status, type).toBe(413);
      }
    });
});
