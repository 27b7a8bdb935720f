/**
 * What a tender team's owner learns about colleagues' declarations: names only of those on the team, and who to
 * keep out only for the owner and managers. The world: `ownerPurchaser` owns tender T-1 with `staff` on its team;
 * `staff` declared a relationship with its supplier.
 */
import { describe, expect, test } from 'vitest';
import { callAs, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

type Who = keyof World['tokens'];
const as = (who: Who) => callAs(t, w.tokens[who], '/api/v1');
const N = () => `/negotiations/${w.negotiationId}`;

describe('the owner learns only about the team', () => {
  const watched = async (who: Who, supplierId: string) => {
    const res = await as(who).get('/watchlist');
    expect(res.status).toBe(200);
    return res.body.entries.find((e: { id: string }) => e.id === supplierId);
  };
  const checked = async (who: Who, text: string) => {
    const res = await as(who).post('/check', { texts: [text] });
    expect(res.status).toBe(200);
    return res.body.matches;
  };

  test('the walk: opening negotiations with supplier after supplier teaches a purchaser no name outside the team', async () => {
    // Colleagues declared about both suppliers; `purchaser` opens a negotiation with each in turn.
    const purchase = {
      kind: 'private_purchase',
      supplierId: w.otherSupplierId,
      date: '2026-06-01',
      amountEur: 250,
      marketPrice: true,
      normalTerms: true,
    };
    expect((await as('otherStaff').post('/declarations', purchase)).status).toBe(201);
    const names = /Test staff|Test otherStaff/;
    for (const [supplierId, text] of [
      [w.supplierId, 'Offerte van Bouwbedrijf Testers B.V.'],
      [w.otherSupplierId, 'Offerte van Schilders Proef V.O.F.'],
    ]) {
      const opened = await as('purchaser').post('/negotiations', {
        supplierId,
        reference: `W-${supplierId.slice(0, 4)}`,
        subject: 'Rondgang',
        stage: 'talks',
      });
      expect(opened.status).toBe(201);
      const e = await watched('purchaser', supplierId);
      expect(e.conflicts.find((c: { kind: string }) => c.kind !== 'negotiation')).toMatchObject({ count: 1 });
      expect(JSON.stringify(e)).not.toMatch(names);
      expect(JSON.stringify(await checked('purchaser', text))).not.toMatch(names);
      // Someone else on the team changes nothing; the supplier cannot be swapped to walk on.
      expect(
        (await as('purchaser').post(`/negotiations/${opened.body.id}/team`, { personId: w.people.manager.id })).status,
      ).toBe(201);
      expect(JSON.stringify(await watched('purchaser', supplierId))).not.toMatch(names);
      expect(
        (
          await as('purchaser').patch(`/negotiations/${opened.body.id}`, {
            supplierId: w.otherSupplierId === supplierId ? w.supplierId : w.otherSupplierId,
          })
        ).status,
      ).toBe(409);
    }
  });

  test("a declarant's name shows while they are on the team, and goes when they leave it", async () => {
    const opened = await as('purchaser').post('/negotiations', {
      supplierId: w.supplierId,
      reference: 'W-2',
      subject: 'Rondgang',
      stage: 'talks',
    });
    const id = opened.body.id;
    const related = async () =>
      (await watched('purchaser', w.supplierId)).conflicts.find((c: { kind: string }) => c.kind === 'related');
    expect(await related()).not.toHaveProperty('declarants');
    await as('purchaser').post(`/negotiations/${id}/team`, { personId: w.people.staff.id });
    expect((await related()).declarants).toEqual(['Test staff']);
    expect(JSON.stringify(await checked('purchaser', 'Bouwbedrijf Testers B.V.'))).toMatch(/Test staff/);
    expect((await as('purchaser').del(`/negotiations/${id}/team/${w.people.staff.id}`)).status).toBe(204);
    expect(await related()).not.toHaveProperty('declarants');
    expect(JSON.stringify(await checked('purchaser', 'Bouwbedrijf Testers B.V.'))).not.toMatch(/Test staff/);
    // Managers see everything, as before.
    expect(
      (await watched('manager', w.supplierId)).conflicts.find((c: { kind: string }) => c.kind === 'related').declarants,
    ).toEqual(['Test staff']);
  });

  test('the owner and managers see which team member to keep out; other purchasers and staff do not', async () => {
    const negotiationOf = async (who: Who) =>
      (await watched(who, w.supplierId)).conflicts.find((c: { kind: string }) => c.kind === 'negotiation');
    expect(await negotiationOf('ownerPurchaser')).not.toHaveProperty('keepOut');
    await as('staff').post(`${N()}/declaration`, { conflict: true, note: 'Broer' });
    expect((await negotiationOf('ownerPurchaser')).keepOut).toEqual(['Test staff']);
    expect((await negotiationOf('manager')).keepOut).toEqual(['Test staff']);
    for (const who of ['purchaser', 'staff', 'otherStaff'] as const)
      expect(await negotiationOf(who), who).not.toHaveProperty('keepOut');
    await as('ownerPurchaser').post(`${N()}/recusals`, { personId: w.people.staff.id, reason: 'Broer' });
    expect(await negotiationOf('ownerPurchaser')).not.toHaveProperty('keepOut');
  });
});
