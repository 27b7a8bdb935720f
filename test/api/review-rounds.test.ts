/**
 * Reviews that go back and forth: a manager asks for more information, the declarant edits and the declaration
 * returns to submitted; editing an acknowledged one also sends it back; every round stays in the history.
 */
import { describe, expect, test } from 'vitest';
import { callAs, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const as = (who: keyof World['tokens']) => callAs(t, w.tokens[who]);
const path = () => `/api/v1/declarations/${w.declarationId}`;
const QUESTION = 'Werkt je broer op de afdeling die inschrijft?';

describe('a needs-info round', () => {
  test('asks a question, the declarant edits, and it returns to submitted for the next round', async () => {
    const asked = await as('ownManager').post(`${path()}/review`, { decision: 'needs_info', note: QUESTION });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'needs_info', decisionNote: QUESTION });
    // Waiting for the declarant: out of the manager's queue, still a live conflict on the watchlist.
    expect((await as('ownManager').get('/api/v1/declarations?toReview=1')).body.total).toBe(0);
    const watchlist = (await as('ownManager').get('/api/v1/watchlist')).body;
    expect(watchlist.entries.find((e: any) => e.id === w.supplierId).conflicts.map((c: any) => c.kind)).toContain(
      'related',
    );
    expect((await as('ownManager').post(`${path()}/review`, { decision: 'acknowledged' })).status).toBe(409);

    const edited = await as('staff').patch(path(), { description: 'Hij werkt op de planning, niet bij inkoop' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'submitted',
      description: 'Hij werkt op de planning, niet bij inkoop',
      relation: 'broer',
      decisionNote: null,
    });
    expect((await as('ownManager').get('/api/v1/declarations?toReview=1')).body.total).toBe(1);

    await as('ownManager').post(`${path()}/review`, {
      decision: 'acknowledged',
      note: 'Buiten de aanbesteding houden',
    });
    const { rounds } = (await as('staff').get(path())).body;
    expect(rounds.map((r: any) => [r.action, r.note])).toEqual([
      ['needs_info', QUESTION],
      ['edited', null],
      ['acknowledged', 'Buiten de aanbesteding houden'],
    ]);
    expect(rounds[1].fields).toEqual(['description']);
    const audit = (await as('admin').get(`/api/v1/audit?entityId=${w.declarationId}`)).body.items.map(
      (r: any) => r.action,
    );
    expect(audit).toEqual(['declaration.review', 'declaration.update', 'declaration.review', 'declaration.create']);
  });

  test('a question needs its text', async () => {
    const res = await as('ownManager').post(`${path()}/review`, { decision: 'needs_info' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('note');
  });

  test('editing an acknowledged declaration sends it back to submitted', async () => {
    await as('ownManager').post(`${path()}/review`, { decision: 'acknowledged' });
    const res = await as('staff').patch(path(), { relation: 'zwager' });
    expect(res.body).toMatchObject({ status: 'submitted', relation: 'zwager', reviewerId: null, decidedAt: null });
  });

  test('only the declarant edits, only what the kind allows, and nothing closed', async () => {
    expect((await as('ownManager').patch(path(), { relation: 'zwager' })).status).toBe(403);
    expect((await as('otherStaff').patch(path(), { relation: 'zwager' })).status).toBe(404);
    const invalid = await as('staff').patch(path(), { valueEur: 20 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.fields.map((f: any) => f.field)).toContain('valueEur');
    expect((await as('staff').patch(path(), { relation: null })).status).toBe(400);
    expect((await as('staff').patch(path(), { kind: 'gift' })).status).toBe(400);
    await as('staff').post(`${path()}/end`);
    expect((await as('staff').patch(path(), { relation: 'zwager' })).status).toBe(409);
  });

  test('a gift edited gets a new verdict, and naming another party replaces the first', async () => {
    const gift = (
      await as('staff').post('/api/v1/declarations', {
        kind: 'gift',
        supplierId: w.otherSupplierId,
        valueEur: 20,
        form: 'goods',
      })
    ).body;
    expect(gift.verdict.allowed).toBe(true);
    const res = await as('staff').patch(`/api/v1/declarations/${gift.id}`, { valueEur: 80 });
    expect(res.body.verdict).toMatchObject({ allowed: false, rule: 'gift.limit' });
    const renamed = await as('staff').patch(`/api/v1/declarations/${gift.id}`, { supplierName: 'Onbekende Aannemer' });
    expect(renamed.body).toMatchObject({ supplierId: null, supplierName: 'Onbekende Aannemer' });
  });
});
