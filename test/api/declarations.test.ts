import { describe, expect, test } from 'vitest';
import { callAs, useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const as = (who: keyof World['tokens']) => callAs(t, w.tokens[who]);

describe('declaring', () => {
  test('a gift from a supplier in negotiation is kept, with the verdict "decline"', async () => {
    const res = await as('staff').post('/api/v1/declarations', {
      kind: 'gift',
      supplierId: w.supplierId,
      valueEur: 25,
      form: 'goods',
      description: 'Fles wijn',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'submitted',
      valueEur: 25,
      verdict: { allowed: false, rule: 'gift.negotiation', message: expect.stringMatching(/weigeren/) },
    });
    expect((await as('staff').get(`/api/v1/declarations/${res.body.id}`)).body.verdict.allowed).toBe(false);
  });

  test('the verdict speaks English when asked, and can be previewed without declaring', async () => {
    const body = { kind: 'gift', supplierId: w.otherSupplierId, valueEur: 50, form: 'goods' };
    const preview = await t.call('POST', '/api/v1/declarations/verdict', {
      token: w.tokens.staff,
      body,
      headers: { 'accept-language': 'en-GB,en' },
    });
    expect(preview.body.verdict).toMatchObject({
      allowed: false,
      rule: 'gift.limit',
      message: expect.stringMatching(/decline/),
    });
    expect((await as('staff').get('/api/v1/declarations')).body.total).toBe(1);
  });

  test('a supplier not in the registry is named, and the reviewer links it', async () => {
    const res = await as('staff').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierName: 'Onbekend Loodgietersbedrijf',
      relation: 'vriend',
    });
    expect(res.body).toMatchObject({ supplierId: null, supplierName: 'Onbekend Loodgietersbedrijf' });
    const reviewed = await as('ownManager').post(`/api/v1/declarations/${res.body.id}/review`, {
      decision: 'acknowledged',
      supplierId: w.otherSupplierId,
    });
    expect(reviewed.body).toMatchObject({ status: 'acknowledged', supplierId: w.otherSupplierId });
  });

  test('a side job may name an organisation that is no supplier; a gift may not', async () => {
    const job = await as('staff').post('/api/v1/declarations', {
      kind: 'side_job',
      organisation: 'Voetbalvereniging VVV',
      description: 'Penningmeester, betaald',
    });
    expect(job.status).toBe(201);
    const gift = await as('staff').post('/api/v1/declarations', {
      kind: 'gift',
      organisation: 'Club',
      valueEur: 1,
      form: 'goods',
    });
    expect(gift.status).toBe(400);
    expect(gift.body.error.details.fields[0].field).toBe('organisation');
  });

  test.each([
    [{ kind: 'gift', supplierId: 'x', form: 'goods' }, 'valueEur'],
    [{ kind: 'gift', valueEur: 3, form: 'goods' }, 'supplierId'],
    [{ kind: 'gift', supplierId: 'x', supplierName: 'y', valueEur: 3, form: 'goods' }, 'supplierId'],
    [{ kind: 'gift', supplierId: 'x', valueEur: 3.333, form: 'goods' }, 'valueEur'],
    [{ kind: 'gift', supplierId: 'x', valueEur: -1, form: 'goods' }, 'valueEur'],
    [{ kind: 'invitation', supplierId: 'x', days: 0 }, 'days'],
    [
      {
        kind: 'private_purchase',
        supplierId: 'x',
        date: '2026-02-30',
        amountEur: 5,
        marketPrice: true,
        normalTerms: true,
      },
      'date',
    ],
    [
      {
        kind: 'private_purchase',
        supplierId: 'x',
        date: '2026-12-01',
        amountEur: 5,
        marketPrice: true,
        normalTerms: true,
      },
      'date',
    ],
    [{ kind: 'relationship', supplierId: 'x' }, 'relation'],
    [{ kind: 'bribe', supplierId: 'x' }, 'kind'],
  ])('%j is a 400 naming %s', async (body, field) => {
    const res = await as('staff').post('/api/v1/declarations', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test('a private purchase is reported when the organisation does business with the supplier, and needs no report otherwise', async () => {
    const purchase = (supplierId: string, marketPrice = true) => ({
      kind: 'private_purchase',
      supplierId,
      date: '2026-10-01',
      amountEur: 1200,
      marketPrice,
      normalTerms: true,
    });
    const contracted = await as('staff').post('/api/v1/declarations', purchase(w.supplierId));
    expect(contracted.body.verdict).toMatchObject({ allowed: true, rule: 'purchase.report' });
    expect((await as('staff').post('/api/v1/declarations', purchase(w.supplierId, false))).body.verdict).toMatchObject({
      allowed: false,
      rule: 'purchase.terms',
    });
    const prospect = await t.call('POST', '/api/v1/suppliers', {
      token: w.tokens.manager,
      body: { name: 'Nooit Gebruikt B.V.', status: 'former', lastBusinessDate: '2024-05-01' },
    });
    expect(
      (await as('staff').post('/api/v1/declarations', purchase(prospect.body.id, false))).body.verdict,
    ).toMatchObject({ allowed: true, rule: 'purchase.not_required' });
  });

  test('an unknown supplierId is a 400 on that field', async () => {
    const res = await as('staff').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: 'nope',
      relation: 'zus',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('supplierId');
  });
});

describe('who sees and decides', () => {
  test("staff list only their own declarations; another person's is 404", async () => {
    const theirs = await as('otherStaff').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: w.supplierId,
      relation: 'neef',
    });
    expect(theirs.status).toBe(201);
    const mine = await as('staff').get('/api/v1/declarations');
    expect(mine.body.items.map((d: { declarantId: string }) => d.declarantId)).toEqual([w.people.staff.id]);
    expect((await as('otherStaff').get(`/api/v1/declarations/${w.declarationId}`)).status).toBe(404);
  });

  test("the review queue holds the submitted declarations of the people one manages, never one's own", async () => {
    const own = await as('ownManager').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: w.supplierId,
      relation: 'zwager',
    });
    expect(own.status).toBe(201);
    const queue = await as('ownManager').get('/api/v1/declarations?toReview=1');
    expect(queue.body.items.map((d: { id: string }) => d.id)).toEqual([w.declarationId]);
    const otherQueue = await as('manager').get('/api/v1/declarations?toReview=1');
    expect(otherQueue.body.items.map((d: { id: string }) => d.id)).not.toContain(w.declarationId);
  });

  test('reviewing your own declaration is 403, and a decision is final', async () => {
    const own = await as('ownManager').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: w.supplierId,
      relation: 'zwager',
    });
    expect(
      (await as('ownManager').post(`/api/v1/declarations/${own.body.id}/review`, { decision: 'acknowledged' })).status,
    ).toBe(403);
    const first = await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, {
      decision: 'not_permitted',
      note: 'Niet combineren',
    });
    expect(first.body).toMatchObject({
      status: 'not_permitted',
      decisionNote: 'Niet combineren',
      reviewerId: w.people.ownManager.id,
    });
    expect(
      (await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, { decision: 'acknowledged' }))
        .status,
    ).toBe(409);
  });

  test('any manager reviews for a declarant without a manager', async () => {
    const res = await as('admin').post('/api/v1/declarations', {
      kind: 'relationship',
      supplierId: w.supplierId,
      relation: 'dochter',
    });
    expect(
      (await as('manager').post(`/api/v1/declarations/${res.body.id}/review`, { decision: 'acknowledged' })).status,
    ).toBe(200);
  });

  test.each([
    ['is deactivated', { active: false }],
    ['is no longer a manager', { role: 'purchaser' }],
  ])("when the declarant's manager %s, any other manager reviews, never the declarant", async (_, change) => {
    expect(
      (await t.call('PATCH', `/api/v1/people/${w.people.ownManager.id}`, { token: w.tokens.admin, body: change }))
        .status,
    ).toBe(200);
    const queue = await as('manager').get('/api/v1/declarations?toReview=1');
    expect(queue.body.items.map((d: { id: string }) => d.id)).toContain(w.declarationId);
    expect(
      (await as('staff').post(`/api/v1/declarations/${w.declarationId}/review`, { decision: 'acknowledged' })).status,
    ).toBe(403);
    const reviewed = await as('manager').post(`/api/v1/declarations/${w.declarationId}/review`, {
      decision: 'acknowledged',
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.reviewerId).toBe(w.people.manager.id);
  });

  test("only an active manager or admin can be made someone's manager", async () => {
    const setManager = (managerId: string) =>
      t.call('PATCH', `/api/v1/people/${w.people.otherStaff.id}`, { token: w.tokens.admin, body: { managerId } });
    for (const managerId of [w.people.deactivated.id, w.people.purchaser.id, w.people.staff.id]) {
      const res = await setManager(managerId);
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('managerId');
    }
    const added = await t.call('POST', '/api/v1/people', {
      token: w.tokens.admin,
      body: { email: 'nieuw@zuiver.test', name: 'Nieuw', role: 'staff', managerId: w.people.purchaser.id },
    });
    expect(added.status).toBe(400);
    expect((await setManager(w.people.admin.id)).status).toBe(200);
    expect((await setManager(w.people.ownManager.id)).status).toBe(200);
  });

  test('a person whose manager was deactivated can still be edited without choosing another', async () => {
    await t.call('PATCH', `/api/v1/people/${w.people.ownManager.id}`, {
      token: w.tokens.admin,
      body: { active: false },
    });
    const res = await t.call('PATCH', `/api/v1/people/${w.people.staff.id}`, {
      token: w.tokens.admin,
      body: { name: 'Hernoemd', managerId: w.people.ownManager.id },
    });
    expect(res.status).toBe(200);
  });

  test('withdraw only while submitted; end only a relationship, side job or interest', async () => {
    const gift = await as('staff').post('/api/v1/declarations', {
      kind: 'gift',
      supplierId: w.otherSupplierId,
      valueEur: 10,
      form: 'goods',
    });
    expect((await as('staff').post(`/api/v1/declarations/${gift.body.id}/end`)).status).toBe(409);
    expect((await as('staff').post(`/api/v1/declarations/${gift.body.id}/withdraw`)).body.status).toBe('withdrawn');
    await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, { decision: 'acknowledged' });
    expect((await as('staff').post(`/api/v1/declarations/${w.declarationId}/withdraw`)).status).toBe(409);
    const ended = await as('staff').post(`/api/v1/declarations/${w.declarationId}/end`);
    expect(ended.body).toMatchObject({ status: 'ended', closedAt: expect.any(String) });
  });
});
