/**
 * What hostile input looks like, for the fuzz tests: strings, numbers, bodies, queries, path parameters and
 * headers a client could send, built for a route from the keys its own schemas know (near-misses).
 */
import fc from 'fast-check';
import { z, type ZodType } from 'zod';

const FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  '1 UNION SELECT token_hash FROM tokens --',
  '" OR ""="',
  "%' --",
  "\\'; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u202E',
  '\r\n\r\nX-Injected: 1',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '-0',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  ' ',
  '',
  '9'.repeat(400),
];

export const hugeString = fc.integer({ min: 10_000, max: 400_000 }).map((n) => 'é<'.repeat(n / 2));
export const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...FRAGMENTS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 0.001, 49.999),
);

/** The field names a route's schemas know (for near-misses: the right keys, the wrong values). */
export function knownKeys(schema: ZodType | undefined): string[] {
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
  const key = keys.length
    ? fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 4 }, { arbitrary: hostileString, weight: 1 })
    : hostileString;
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      hostileNumber,
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        'relationship',
        'gift',
        'private_purchase',
        'acknowledged',
        'staff',
        'admin',
        'samenwerking',
        'talks',
        'open',
      ),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
}

/** A body for a route: mostly objects with the route's own keys and wrong or hostile values. */
export function hostileBody(keys: string[]) {
  const value = hostileValue(keys);
  const nearMiss = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: keys.length })
    : fc.object();
  const deep = fc
    .integer({ min: 1_000, max: 200_000 })
    .chain((n) =>
      fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n), '['.repeat(n)),
    );
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return fc.oneof(
    { arbitrary: nearMiss.map((v) => utf8(JSON.stringify(v))), weight: 6 },
    { arbitrary: value.map((v) => utf8(JSON.stringify(v) ?? 'undefined')), weight: 3 },
    { arbitrary: deep.map(utf8), weight: 1 },
    // Invalid UTF-8: lone continuation bytes, overlong forms, truncated sequences, raw binary.
    {
      arbitrary: fc
        .constantFrom(
          [0xff, 0xfe],
          [0xc0, 0xaf],
          [0xe2, 0x82],
          [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
        )
        .map((b) => new Uint8Array(b)),
      weight: 1,
    },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    {
      arbitrary: fc.constantFrom('', '{', '{"a":1,}', "{'a':1}", 'null', '"just a string"', '1', 'true').map(utf8),
      weight: 2,
    },
  );
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'text/csv',
  'application/xml',
  'application/jsonx',
  '',
];

export const hostileQuery = (keys: string[]) =>
  fc
    .array(
      fc.tuple(
        keys.length ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString,
        fc.oneof(hostileString, hostileNumber.map(String)),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(k, v);
      return params.toString();
    });

/** Path parameters: hostile strings, percent-encoded as a client would, plus a few raw malformed encodings. */
export const hostileParam = fc.oneof(
  hostileString.filter((s) => s.length < 5_000).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '..', '.', '%2e%2e', 'a%2Fb', 'x'.repeat(65), '%00'),
);

/** Header values a client can send: anything but NUL, CR and LF, and only bytes (Latin-1). */
const headerValue = fc
  .string({ unit: 'binary', maxLength: 300 })
  .map((s) => s.replace(/[^\x09\x20-\x7e\x80-\xff]/g, ''));
export const garbageAuthorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer  ',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer zv_',
    `Bearer ${'a'.repeat(500)}`,
    'Token abc',
    'Bearer a b',
    'Bearer \u00ff\u00fe',
    "Bearer ' OR 1=1 --",
    'Bearer null',
    'Digest x',
  ),
  headerValue,
  headerValue.map((v) => `Bearer ${v}`),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).map((v) => `Bearer zv_${v}`),
);

/** Other headers the app reads: language, cookies, conditional requests, CORS, compression. */
export const hostileHeaders = fc.record(
  {
    'accept-language': fc.oneof(headerValue, fc.constantFrom('en', 'nl', '*', 'xx-YY;q=2', ',,,', 'en;q=abc')),
    cookie: fc.oneof(
      headerValue,
      headerValue.map((v) => `lang=${v}`),
      fc.constantFrom('lang=en', 'lang=', 'zuiver_session=x; lang=nl'),
    ),
    'if-none-match': fc.oneof(headerValue, fc.constantFrom('*', '""', 'W/"x"', '"a", "b"', ',')),
    origin: fc.oneof(
      headerValue,
      fc.constantFrom('chrome-extension://abc', 'moz-extension://', 'null', 'https://evil.example'),
    ),
    'accept-encoding': fc.oneof(headerValue, fc.constantFrom('br', 'gzip;q=0', 'identity', '*', 'deflate, br;q=abc')),
  },
  { requiredKeys: [] },
);
