/** Negotiations through the API: who sees the recusals (who was kept out of a procurement, and why); the search. */
import { expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const listAs = async (who: keyof World['tokens']) => {
  const res = await t.call('GET', '/api/v1/negotiations', { token: w.tokens[who] });
  expect(res.status).toBe(200);
  return res.body.items.find((n: { id: string }) => n.id === w.negotiationId);
};

test("recusals are listed for the negotiation's owner and managers, and left out for other purchasers", async () => {
  const reason = 'Broer werkt bij de inschrijver';
  const recorded = await t.call('POST', `/api/v1/negotiations/${w.negotiationId}/recusals`, {
    token: w.tokens.ownerPurchaser,
    body: { personId: w.people.staff.id, reason },
  });
  expect(recorded.status).toBe(201);
  const recusal = { personId: w.people.staff.id, personName: 'Test staff', reason };
  for (const who of ['ownerPurchaser', 'manager', 'admin'] as const)
    expect((await listAs(who)).recusals, who).toEqual([expect.objectContaining(recusal)]);
  const other = await listAs('purchaser');
  expect(other).toMatchObject({ reference: 'T-1' });
  expect(other).not.toHaveProperty('recusals');
});

test("a negotiation is found by its supplier's name typed without diacritics", async () => {
  const asManager = (method: string, path: string, body?: unknown) =>
    t.call(method, path, { token: w.tokens.manager, body });
  const supplier = await asManager('POST', '/api/v1/suppliers', { name: 'Dakwerken Ørsted & Bögemann' });
  const opened = await asManager('POST', '/api/v1/negotiations', {
    supplierId: supplier.body.id,
    reference: 'D-7',
    subject: 'Dakrenovatie',
  });
  expect(opened.status).toBe(201);
  for (const q of ['orsted en bogemann', 'Bögemann', 'D-7']) {
    const found = await asManager('GET', `/api/v1/negotiations?q=${encodeURIComponent(q)}`);
    expect(
      found.body.items.map((n: { id: string }) => n.id),
      q,
    ).toEqual([opened.body.id]);
  }
});
