/**
 * Each role's watchlist carries exactly the fields that role may see: the key set of every conflict (and of its
 * details) is compared per role, so a field added to the watchlist fails here until someone decides who sees it.
 * The world: one supplier in an open tender owned by `ownerPurchaser` with `staff` on its team, a relationship
 * declared by `staff` and a private purchase declared by `otherStaff`: all three conflict kinds on one supplier.
 * The owner learns the name of the declarant on the team, and only a count of the one outside it; `staff` declared
 * a conflict for the tender, so its owner and managers are told to keep them out.
 */
import { beforeAll, afterAll, expect, test } from 'vitest';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  const tpl = await worldTemplate();
  t = await openTestApp(tpl.file);
  w = tpl.world;
  const purchase = {
    kind: 'private_purchase',
    supplierId: w.supplierId,
    date: '2026-06-01',
    amountEur: 1234.5,
    marketPrice: true,
    normalTerms: true,
  };
  expect((await t.call('POST', '/api/v1/declarations', { token: w.tokens.otherStaff, body: purchase })).status).toBe(
    201,
  );
  const conflicted = { conflict: true, note: 'Mijn broer werkt hier' };
  expect(
    (
      await t.call('POST', `/api/v1/negotiations/${w.negotiationId}/declaration`, {
        token: w.tokens.staff,
        body: conflicted,
      })
    ).status,
  ).toBe(201);
});
afterAll(() => t.registry.close());

const NEGOTIATION_FULL = ['advice', 'count', 'kind', 'owner', 'reference', 'since', 'stage', 'subject', 'summary'];
const NEGOTIATION_RUN = [...NEGOTIATION_FULL, 'keepOut'].sort();
const DECLINE_ONLY = ['advice', 'kind', 'since', 'summary'];
const COUNT_ONLY = ['advice', 'count', 'kind', 'since', 'summary'];
const WITH_NAMES = [...COUNT_ONLY, 'declarants'].sort();
const OWN = [...COUNT_ONLY, 'details'].sort();
const ALL = [...COUNT_ONLY, 'declarants', 'details'].sort();
const RELATIONSHIP_DETAIL = ['declarant', 'declarationId', 'description', 'kind', 'relation', 'status'];
const PURCHASE_DETAIL = ['amountEur', 'date', 'declarant', 'declarationId', 'kind', 'status'];

type View = { conflict: string[]; detail?: string[] } | null;
const EXPECTED: Record<string, { negotiation: View; related: View; purchase: View }> = {
  staff: {
    negotiation: { conflict: DECLINE_ONLY },
    related: { conflict: OWN, detail: RELATIONSHIP_DETAIL },
    purchase: null,
  },
  otherStaff: {
    negotiation: { conflict: DECLINE_ONLY },
    related: null,
    purchase: { conflict: OWN, detail: PURCHASE_DETAIL },
  },
  purchaser: {
    negotiation: { conflict: NEGOTIATION_FULL },
    related: { conflict: COUNT_ONLY },
    purchase: { conflict: COUNT_ONLY },
  },
  ownerPurchaser: {
    negotiation: { conflict: NEGOTIATION_RUN },
    related: { conflict: WITH_NAMES },
    purchase: { conflict: COUNT_ONLY },
  },
  manager: {
    negotiation: { conflict: NEGOTIATION_RUN },
    related: { conflict: ALL, detail: RELATIONSHIP_DETAIL },
    purchase: { conflict: ALL, detail: PURCHASE_DETAIL },
  },
  admin: {
    negotiation: { conflict: NEGOTIATION_RUN },
    related: { conflict: ALL, detail: RELATIONSHIP_DETAIL },
    purchase: { conflict: ALL, detail: PURCHASE_DETAIL },
  },
};

const keys = (o: object) => Object.keys(o).sort();

async function entryFor(who: keyof World['tokens']) {
  const res = await t.call('GET', '/api/v1/watchlist', { token: w.tokens[who] });
  expect(res.status).toBe(200);
  expect(keys(res.body)).toEqual(['counsellor', 'entries', 'generatedAt', 'registryUrl', 'version']);
  expect(res.body.entries).toHaveLength(1);
  return res.body.entries[0];
}

test.each(Object.entries(EXPECTED))('%s sees exactly the fields of their role', async (who, expected) => {
  const entry = await entryFor(who as keyof World['tokens']);
  expect(keys(entry)).toEqual(['conflicts', 'domains', 'emails', 'id', 'kvk', 'name', 'names', 'vat']);
  const byKind = Object.fromEntries(entry.conflicts.map((c: { kind: string }) => [c.kind, c]));
  expect(keys(byKind)).toEqual(
    Object.entries(expected)
      .flatMap(([kind, v]) => (v ? [kind] : []))
      .sort(),
  );
  for (const [kind, view] of Object.entries(expected)) {
    if (!view) continue;
    const conflict = byKind[kind];
    expect(keys(conflict), `${who}: ${kind}`).toEqual(view.conflict);
    if (view.detail) for (const d of conflict.details) expect(keys(d), `${who}: ${kind} detail`).toEqual(view.detail);
  }
});

test('an extension-scoped token sees what its owner sees, nothing more', async () => {
  const viaExtension = await entryFor('extension');
  const viaFull = await entryFor('staff');
  expect(viaExtension).toEqual(viaFull);
});

test('values behind hidden fields do not leak through the fields that are shown', async () => {
  // Purchasers may see kind and count, never the relation, description or amount.
  for (const who of ['purchaser', 'ownerPurchaser'] as const) {
    const text = JSON.stringify(await entryFor(who));
    expect(text).not.toMatch(/broer|Mijn broer werkt hier|1234[.,]5/);
  }
  // Staff see nothing of a colleague's declarations, not even the names, nor the negotiation's details.
  // Whom to keep out is for those who run the tender: not for another purchaser, nor for the member themself.
  expect(JSON.stringify(await entryFor('purchaser'))).not.toMatch(/Test staff/);
  const staffText = JSON.stringify(await entryFor('staff'));
  expect(staffText).not.toMatch(/Test otherStaff|1234[.,]5|T-1|Test tender|Test ownerPurchaser/);
  expect(JSON.stringify(await entryFor('otherStaff'))).not.toMatch(/broer|Test staff\b/);
});
