import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const asManager = (method: string, path: string, body?: unknown) =>
  t.call(method, path, { token: w.tokens.manager, body });

describe('registering suppliers', () => {
  test('a manager registers a supplier; identifiers are stored in one spelling', async () => {
    const res = await asManager('POST', '/api/v1/suppliers', {
      name: 'Dakdekkers Noord B.V.',
      kvk: ['1234 5678'],
      vat: ['nl 8123.45678.b01'],
      domains: ['https://www.DakNoord.nl/contact'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      kvk: ['12345678'],
      vat: ['NL812345678B01'],
      domains: ['daknoord.nl'],
      status: 'prospect',
    });
    const got = await t.call('GET', `/api/v1/suppliers/${res.body.id}`, { token: w.tokens.staff });
    expect(got.body.name).toBe('Dakdekkers Noord B.V.');
  });

  test.each([
    [{ name: '' }, 'name'],
    [{ name: 'X', kvk: ['1234567'] }, 'kvk.0'],
    [{ name: 'X', vat: ['NL123456789X01'] }, 'vat.0'],
    [{ name: 'X', domains: ['not a domain'] }, 'domains.0'],
    [{ name: 'X', status: 'friend' }, 'status'],
    [{ name: 'X', kvkNumber: '12345678' }, 'kvkNumber'],
    [{ name: 'X', aliases: 'one' }, 'aliases'],
  ])('bad input %j is a 400 naming %s', async (body, field) => {
    const res = await asManager('POST', '/api/v1/suppliers', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field).join(' ')).toContain(field);
  });

  test('the same KvK number twice is a 409 that names the existing supplier, on create and on edit', async () => {
    const res = await asManager('POST', '/api/v1/suppliers', { name: 'Kopie', kvk: ['11112222'] });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ field: 'kvk', supplierId: w.supplierId });
    const edit = await asManager('PATCH', `/api/v1/suppliers/${w.otherSupplierId}`, { kvk: ['33334444', '1111 2222'] });
    expect(edit.status).toBe(409);
    const moved = await asManager('PATCH', `/api/v1/suppliers/${w.supplierId}`, { kvk: ['99998888'] });
    expect(moved.body.kvk).toEqual(['99998888']);
    expect((await asManager('POST', '/api/v1/suppliers', { name: 'Nu vrij', kvk: ['11112222'] })).status).toBe(201);
  });

  test('one number written twice in two spellings is stored once, on create and on edit', async () => {
    const created = await asManager('POST', '/api/v1/suppliers', {
      name: 'Dubbel Genoteerd B.V.',
      vat: ['NL812345678B01', 'nl 8123.45678.b01'],
    });
    expect(created.status).toBe(201);
    expect(created.body.vat).toEqual(['NL812345678B01']);
    const edit = await asManager('PATCH', `/api/v1/suppliers/${w.otherSupplierId}`, {
      kvk: ['1234 5678', '12345678'],
      aliases: ['Proef', 'Proef'],
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ kvk: ['12345678'], aliases: ['Proef'] });
    const numbers = await t.registry.client.execute({
      sql: 'select kind, value from supplier_numbers where supplier_id = ?',
      args: [w.otherSupplierId],
    });
    expect(numbers.rows.map((r) => [r.kind, r.value])).toEqual([['kvk', '12345678']]);
  });

  test('malformed JSON is a 400, a body over 1 MB a 413, and nothing is stored', async () => {
    const before = (await asManager('GET', '/api/v1/suppliers')).body.total;
    expect((await asManager('POST', '/api/v1/suppliers', '{"name": ')).status).toBe(400);
    const huge = await asManager('POST', '/api/v1/suppliers', { name: 'x', notes: 'a'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect((await asManager('GET', '/api/v1/suppliers')).body.total).toBe(before);
  });

  test('lists page with limit and offset and report the total', async () => {
    for (let i = 0; i < 5; i++) await asManager('POST', '/api/v1/suppliers', { name: `Aannemer ${i}` });
    const page = await asManager('GET', '/api/v1/suppliers?q=aannemer&limit=2&offset=2');
    expect(page.body.total).toBe(5);
    expect(page.body.items.map((s: { name: string }) => s.name)).toEqual(['Aannemer 2', 'Aannemer 3']);
    expect((await asManager('GET', '/api/v1/suppliers?q=aannemer&limit=2&offset=10')).body).toEqual({
      items: [],
      total: 5,
    });
    expect((await asManager('GET', '/api/v1/suppliers?limit=1001')).status).toBe(400);
  });

  test('DELETE archives: the supplier drops out of the list but stays readable', async () => {
    expect((await asManager('DELETE', `/api/v1/suppliers/${w.otherSupplierId}`)).body.status).toBe('archived');
    expect((await asManager('GET', '/api/v1/suppliers')).body.items.map((s: { id: string }) => s.id)).not.toContain(
      w.otherSupplierId,
    );
    expect(
      (await asManager('GET', '/api/v1/suppliers?status=archived')).body.items.map((s: { id: string }) => s.id),
    ).toContain(w.otherSupplierId);
  });

  test('merging moves names, numbers and negotiations onto the surviving supplier', async () => {
    await asManager('POST', '/api/v1/negotiations', {
      supplierId: w.otherSupplierId,
      reference: 'M-1',
      subject: 'Schilderwerk',
    });
    const merged = await asManager('POST', `/api/v1/suppliers/${w.otherSupplierId}/merge`, { into: w.supplierId });
    expect(merged.status).toBe(200);
    expect(merged.body.aliases).toContain('Schilders Proef V.O.F.');
    expect(merged.body.kvk).toEqual(['11112222', '33334444']);
    const negotiations = await asManager('GET', `/api/v1/negotiations?supplierId=${w.supplierId}`);
    expect(negotiations.body.items.map((n: { reference: string }) => n.reference).sort()).toEqual(['M-1', 'T-1']);
    expect((await asManager('POST', `/api/v1/suppliers/${w.supplierId}/merge`, { into: w.supplierId })).status).toBe(
      400,
    );
    const again = await asManager('POST', '/api/v1/suppliers', { name: 'Derde', kvk: ['33334444'] });
    expect(again.status).toBe(409);
    expect(again.body.error.details.supplierId).toBe(w.supplierId);
  });

  test('a merge leaves an audit row for every negotiation and declaration it moves, and for each changed field', async () => {
    const trail = async (entityId: string) => (await asManager('GET', `/api/v1/audit?entityId=${entityId}`)).body.items;
    await asManager('PATCH', `/api/v1/suppliers/${w.otherSupplierId}`, { lastBusinessDate: '2026-06-01' });
    const negotiation = await asManager('POST', '/api/v1/negotiations', {
      supplierId: w.otherSupplierId,
      reference: 'M-2',
      subject: 'Schilderwerk',
    });
    const declaration = await t.call('POST', '/api/v1/declarations', {
      token: w.tokens.staff,
      body: { kind: 'relationship', supplierId: w.otherSupplierId, relation: 'oom' },
    });
    expect([negotiation.status, declaration.status]).toEqual([201, 201]);
    expect(
      (await asManager('POST', `/api/v1/suppliers/${w.otherSupplierId}/merge`, { into: w.supplierId })).status,
    ).toBe(200);
    const moved = { actorId: w.people.manager.id, fields: ['supplierId'] };
    expect((await trail(negotiation.body.id))[0]).toMatchObject({ action: 'negotiation.update', ...moved });
    expect((await trail(declaration.body.id))[0]).toMatchObject({ action: 'declaration.update', ...moved });
    expect((await trail(w.supplierId))[0]).toMatchObject({
      action: 'supplier.update',
      fields: ['aliases', 'kvk', 'lastBusinessDate'],
    });
    expect((await trail(w.otherSupplierId))[0]).toMatchObject({
      action: 'supplier.merge',
      fields: ['kvk', 'mergedInto', 'status'],
    });
    expect((await asManager('GET', '/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('declarations about a merged supplier', () => {
  test('belong to the supplier it was merged into, whose negotiation the verdict reads', async () => {
    // The world's supplier is in a tender; the other is not, until it is merged into it.
    const gift = { kind: 'gift', supplierId: w.otherSupplierId, valueEur: 20, form: 'goods' };
    const before = await t.call('POST', '/api/v1/declarations/verdict', { token: w.tokens.staff, body: gift });
    expect(before.body.verdict.allowed).toBe(true);
    expect(
      (await asManager('POST', `/api/v1/suppliers/${w.otherSupplierId}/merge`, { into: w.supplierId })).status,
    ).toBe(200);

    const after = await t.call('POST', '/api/v1/declarations/verdict', { token: w.tokens.staff, body: gift });
    expect(after.body.verdict).toMatchObject({ allowed: false, rule: 'gift.negotiation' });
    const created = await t.call('POST', '/api/v1/declarations', { token: w.tokens.staff, body: gift });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ supplierId: w.supplierId, verdict: after.body.verdict });
  });

  test('a review that links a merged supplier links the one it was merged into', async () => {
    const declared = await t.call('POST', '/api/v1/declarations', {
      token: w.tokens.staff,
      body: { kind: 'relationship', supplierName: 'Schilders Proef', relation: 'neef' },
    });
    expect(
      (await asManager('POST', `/api/v1/suppliers/${w.otherSupplierId}/merge`, { into: w.supplierId })).status,
    ).toBe(200);
    const reviewed = await t.call('POST', `/api/v1/declarations/${declared.body.id}/review`, {
      token: w.tokens.ownManager,
      body: { decision: 'acknowledged', supplierId: w.otherSupplierId },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.supplierId).toBe(w.supplierId);
  });
});
