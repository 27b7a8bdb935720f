/**
 * "Wrong flag?" reports: stored with the registered name or identifier and the host name only, audited, seen and
 * handled by managers (API and the supplier's page), never by the person who reported or other staff.
 */
import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText } from './web-client.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const report = (over: Record<string, unknown> = {}) => ({
  supplierId: w.supplierId,
  matched: 'Bouwbedrijf Testers B.V.',
  kind: 'name',
  host: 'Outlook.Office.com',
  reason: 'person',
  note: 'Dit is Jan Testers, een collega van de gemeente',
  ...over,
});

describe('reporting a wrong flag', () => {
  test('an extension token stores a report; it is audited, with field names only', async () => {
    const res = await t.call('POST', '/api/v1/flag-reports', { token: w.tokens.extension, body: report() });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'id']);
    const row = (
      await t.registry.client.execute({ sql: 'select * from flag_reports where id = ?', args: [res.body.id] })
    ).rows[0];
    expect(row).toMatchObject({
      supplier_id: w.supplierId,
      person_id: w.people.staff.id,
      matched: 'Bouwbedrijf Testers B.V.',
      kind: 'name',
      host: 'outlook.office.com',
      reason: 'person',
      resolved_at: null,
    });
    const audit = (
      await t.registry.client.execute({ sql: 'select * from audit where entity_id = ?', args: [res.body.id] })
    ).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'flag_report.create',
      entity: 'flag_report',
      actor_id: w.people.staff.id,
    });
    expect(String(audit[0].fields)).not.toContain('Testers');
    expect((await t.call('GET', '/api/v1/audit/verify', { token: w.tokens.manager })).body.ok).toBe(true);
  });

  test.each([
    [{ host: 'https://outlook.office.com/mail/inbox' }, 'host'],
    [{ host: 'outlook.office.com/mail' }, 'host'],
    [{ kind: 'page' }, 'kind'],
    [{ reason: 'boring' }, 'reason'],
    [{ text: 'Geachte heer Testers, ...' }, 'text'],
    [{ note: 'x'.repeat(1001) }, 'note'],
  ])('%j is a 400 naming %s, and nothing is stored', async (over, field) => {
    const res = await t.call('POST', '/api/v1/flag-reports', { token: w.tokens.extension, body: report(over) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await t.registry.client.execute('select count(*) as n from flag_reports')).rows[0].n).toBe(1);
  });

  test('an unknown supplier is a 400 naming supplierId', async () => {
    const res = await t.call('POST', '/api/v1/flag-reports', {
      token: w.tokens.staff,
      body: report({ supplierId: 'nope' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ field: 'supplierId' });
  });
});

describe('managers see and handle reports', () => {
  test('through the API: open ones first, marking handled is audited, others may not read them', async () => {
    const sent = await t.call('POST', '/api/v1/flag-reports', { token: w.tokens.extension, body: report() });
    const list = await t.call('GET', `/api/v1/flag-reports?supplierId=${w.supplierId}&open=1`, {
      token: w.tokens.manager,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual([sent.body.id, w.flagReportId].sort());
    expect(list.body.items.find((r: { id: string }) => r.id === sent.body.id)).toMatchObject({
      personName: 'Test staff',
      matched: 'Bouwbedrijf Testers B.V.',
      host: 'outlook.office.com',
    });
    const done = await t.call('PATCH', `/api/v1/flag-reports/${sent.body.id}`, {
      token: w.tokens.manager,
      body: { resolved: true },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ resolvedAt: t.clock.now().toISOString(), resolvedBy: w.people.manager.id });
    const open = await t.call('GET', `/api/v1/flag-reports?supplierId=${w.supplierId}&open=1`, {
      token: w.tokens.manager,
    });
    expect(open.body.items.map((r: { id: string }) => r.id)).toEqual([w.flagReportId]);
    const audit = await t.registry.client.execute({
      sql: 'select action from audit where entity_id = ? order by seq',
      args: [sent.body.id],
    });
    expect(audit.rows.map((r) => r.action)).toEqual(['flag_report.create', 'flag_report.update']);
    expect((await t.call('GET', '/api/v1/flag-reports', { token: w.tokens.staff })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/flag-reports', { token: w.tokens.purchaser })).status).toBe(403);
  });

  test("on the supplier's page: what matched and where, never for staff; marked handled there", async () => {
    await t.call('POST', '/api/v1/flag-reports', { token: w.tokens.extension, body: report() });
    const manager = await sessionFor(t, w.people.manager.id);
    const page = await getPage(t, `/suppliers/${w.supplierId}`, manager);
    const text = visibleText(page.html);
    expect(text).toContain('Meldingen van verkeerde markeringen');
    expect(text).toMatch(
      /Bouwbedrijf Testers B\.V\. \(naam\) outlook\.office\.com een persoon, geen bedrijf Test staff Dit is Jan Testers, een collega van de gemeente open Afgehandeld/,
    );
    expect(text).toMatch(/testers\.nl \(domein\) mail\.example\.net niet deze leverancier/);
    for (const who of ['staff', 'purchaser'] as const) {
      const other = await sessionFor(t, w.people[who].id);
      const seen = visibleText((await getPage(t, `/suppliers/${w.supplierId}`, other)).html);
      expect(seen).not.toContain('verkeerde markeringen');
      expect(seen).not.toContain('outlook.office.com');
    }
    const handled = await postForm(t, `/suppliers/${w.supplierId}/flag-reports/${w.flagReportId}`, manager, {
      resolved: '1',
    });
    expect(handled.status).toBe(303);
    const row = (
      await t.registry.client.execute({
        sql: 'select resolved_by from flag_reports where id = ?',
        args: [w.flagReportId],
      })
    ).rows[0];
    expect(row.resolved_by).toBe(w.people.manager.id);
    expect(visibleText((await getPage(t, handled.location!, manager)).html)).toMatch(
      /mail\.example\.net niet deze leverancier Test staff — afgehandeld Heropenen/,
    );
    // A report is handled on its own supplier's page only.
    const elsewhere = await postForm(t, `/suppliers/${w.otherSupplierId}/flag-reports/${w.flagReportId}`, manager, {
      resolved: '0',
    });
    expect(elsewhere.status).toBe(404);
  });

  test('a merge moves the reports to the supplier merged into', async () => {
    const merged = await t.call('POST', `/api/v1/suppliers/${w.supplierId}/merge`, {
      token: w.tokens.manager,
      body: { into: w.otherSupplierId },
    });
    expect(merged.status).toBe(200);
    const list = await t.call('GET', `/api/v1/flag-reports?supplierId=${w.otherSupplierId}`, {
      token: w.tokens.manager,
    });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([w.flagReportId]);
  });
});
