/**
 * POST /check shares matchers between people (api/watchlist/matchers.ts) and still answers exactly as a matcher
 * of the caller's own watchlist would, also where a supplier only they see overlaps one everybody sees.
 */
import { expect, test } from 'vitest';
import { createMatcher } from '../../core/matcher/index.ts';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

type Who = keyof World['tokens'];
const post = (who: Who, path: string, body: unknown) => t.call('POST', path, { token: w.tokens[who], body });

test('each caller gets the matches of a matcher made from their own watchlist, shared matchers or not', async () => {
  // A supplier only `otherStaff` sees (their own relationship), whose name holds the name everybody sees.
  const own = await post('manager', '/api/v1/suppliers', { name: 'Bouwbedrijf Testers Noord B.V.', kvk: ['55551111'] });
  expect(own.status).toBe(201);
  expect(
    (
      await post('otherStaff', '/api/v1/declarations', {
        kind: 'relationship',
        supplierId: own.body.id,
        relation: 'oom',
        description: 'Oom is directeur',
      })
    ).status,
  ).toBe(201);
  const texts = [
    'Offerte van Bouwbedrijf Testers B.V. ontvangen.',
    'Offerte van Bouwbedrijf Testers Noord B.V. ontvangen.',
    'Geen leverancier hier, wel testers.nl en KvK 55551111.',
    'Eerst Bouwbedrijf Testers B.V., dan Bouwbedrijf Testers Noord B.V., en 11112222.',
  ];
  for (const who of ['staff', 'otherStaff', 'purchaser', 'manager'] as Who[]) {
    const list = (await t.call('GET', '/api/v1/watchlist', { token: w.tokens[who] })).body;
    const expected = texts.flatMap((text, i) =>
      createMatcher(list.entries)
        .scan(text)
        .map((m) => ({ text: i, start: m.start, end: m.end, kind: m.kind, supplierId: m.id })),
    );
    const res = await post(who, '/api/v1/check', { texts });
    expect(res.status).toBe(200);
    expect(
      res.body.matches.map(({ text, start, end, kind, supplierId }: Record<string, unknown>) => ({
        text,
        start,
        end,
        kind,
        supplierId,
      })),
      who,
    ).toEqual(expected);
  }
  const seen = async (who: Who) =>
    (await post(who, '/api/v1/check', { texts: [texts[1]] })).body.matches.map(
      (m: { supplierId: string }) => m.supplierId,
    );
  expect(await seen('otherStaff')).toEqual([own.body.id]);
  expect(await seen('staff')).toEqual([w.supplierId]);
});
