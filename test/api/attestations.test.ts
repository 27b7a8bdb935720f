/**
 * The yearly attestation through the API: an admin starts a campaign, everyone active gets an attestation and a
 * mail, reminders follow on the clock, people confirm (with a nil return, or each declaration still current or
 * ended), and managers see their own people's progress and who is overdue.
 */
import { describe, expect, test } from 'vitest';
import { runMailJobs } from '../../db/mail-jobs.ts';
import { callAs, T0, type TestApp, type World } from '../support/app.ts';
import { useMailWorld } from '../support/mail-world.ts';
import type { TestSmtp } from '../support/smtp.ts';

const PUBLIC_URL = 'http://127.0.0.1:8787';
const DAY = 86_400_000;
/** T0 is Monday 23 November 2026; the campaign is due four weeks later. */
const DUE = '2026-12-21';

let t: TestApp;
let w: World;
let smtp: TestSmtp;
useMailWorld((m) => ({ t, w, smtp } = m), { from: 'zuiver@zuiver.test', publicUrl: PUBLIC_URL });

const as = (who: keyof World['tokens']) => callAs(t, w.tokens[who]);
const ACTIVE = 7; // the world's people without the deactivated one

async function start() {
  const res = await as('admin').post('/api/v1/attestations/campaigns', {
    title: 'Jaarlijkse bevestiging 2026',
    dueOn: DUE,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const mine = async (who: keyof World['tokens']) => (await as(who).get('/api/v1/attestations/mine')).body.items;

describe('a campaign', () => {
  test('gives every active person an attestation and a mail with the link to it', async () => {
    const id = await start();
    const mails = await smtp.waitForMails(ACTIVE, (m) => m.subject.startsWith('Zuiver: Jaarlijkse bevestiging'));
    expect(new Set(mails.map((m) => m.to))).toEqual(
      new Set(
        Object.entries(w.people)
          .filter(([k]) => k !== 'deactivated')
          .map(([, p]) => p.email),
      ),
    );
    expect(mails.every((m) => m.link === `${PUBLIC_URL}/attestations` && m.language === 'nl')).toBe(true);
    const [a] = await mine('staff');
    expect(a).toMatchObject({
      campaignId: id,
      dueOn: DUE,
      status: 'open',
      declarations: [{ id: w.declarationId, kind: 'relationship' }],
    });
    const progress = (await as('admin').get(`/api/v1/attestations/campaigns/${id}`)).body;
    expect(progress).toMatchObject({ confirmed: 0, open: ACTIVE, overdue: 0 });
    expect(progress.people).toHaveLength(ACTIVE);
  });

  test('is started by admins only, and its progress is not for staff', async () => {
    expect((await as('manager').post('/api/v1/attestations/campaigns', { title: 'X', dueOn: DUE })).status).toBe(403);
    expect((await as('admin').post('/api/v1/attestations/campaigns', { title: 'X', dueOn: '2026-11-01' })).status).toBe(
      400,
    );
    const id = await start();
    expect((await as('staff').get(`/api/v1/attestations/campaigns/${id}`)).status).toBe(403);
    expect((await as('purchaser').get(`/api/v1/attestations/campaigns/${id}`)).status).toBe(403);
  });

  test('reminds a week before the due date and on it, once each, then lists who is overdue', async () => {
    const id = await start();
    await smtp.waitForMails(ACTIVE);
    // Decided, so that no weekly note about an open review joins the count of mails queued below.
    await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, { decision: 'acknowledged' });
    // Otherstaff confirms a nil return and gets no reminders.
    const [nil] = await mine('otherStaff');
    expect(
      (await as('otherStaff').post(`/api/v1/attestations/${nil.id}/confirm`, { nothingToDeclare: true })).status,
    ).toBe(200);

    const on = async (date: string) => (
      t.clock.set(new Date(`${date}T08:00:00Z`)),
      runMailJobs(t.registry.db, t.clock.now())
    );
    expect(await on('2026-12-13')).toBe(0);
    expect(await on('2026-12-14')).toBe(ACTIVE - 1);
    expect(await on('2026-12-15')).toBe(0);
    const reminders = await smtp.waitForMails(ACTIVE - 1, (m) => m.subject.startsWith('Zuiver: Herinnering'));
    expect(reminders.map((m) => m.to)).not.toContain(w.people.otherStaff.email);
    expect(reminders[0].text).toContain('21 dec 2026');
    expect(await on(DUE)).toBe(ACTIVE - 1);
    await smtp.waitForMails(ACTIVE - 1, (m) => m.subject.startsWith('Zuiver: Vandaag'));

    t.clock.set(new Date(`2026-12-22T08:00:00Z`));
    const all = (await as('admin').get(`/api/v1/attestations/campaigns/${id}`)).body;
    expect(all).toMatchObject({ confirmed: 1, open: ACTIVE - 1, overdue: ACTIVE - 1 });
    expect(all.people.find((p: any) => p.personId === w.people.otherStaff.id)).toMatchObject({
      status: 'confirmed',
      nothingToDeclare: true,
      overdue: false,
    });
    // A manager sees only their own people: manager manages otherStaff and both purchasers.
    const theirs = (await as('manager').get(`/api/v1/attestations/campaigns/${id}`)).body;
    expect(theirs.people.map((p: any) => p.personId).sort()).toEqual(
      [w.people.otherStaff.id, w.people.purchaser.id, w.people.ownerPurchaser.id].sort(),
    );
    expect(theirs).toMatchObject({ confirmed: 1, open: 2, overdue: 2 });
    expect((await mine('staff'))[0]).toMatchObject({ status: 'open', overdue: true });
  });

  test('asks each live declaration to be named still current or ended; ended ones end', async () => {
    await start();
    const [a] = await mine('staff');
    const missing = await as('staff').post(`/api/v1/attestations/${a.id}/confirm`, { nothingToDeclare: false });
    expect(missing.status).toBe(400);
    const nilButCurrent = await as('staff').post(`/api/v1/attestations/${a.id}/confirm`, {
      nothingToDeclare: true,
      stillCurrent: [w.declarationId],
    });
    expect(nilButCurrent.status).toBe(400);
    const notMine = await as('otherStaff').post(`/api/v1/attestations/${a.id}/confirm`, { nothingToDeclare: true });
    expect(notMine.status).toBe(404);
    const ok = await as('staff').post(`/api/v1/attestations/${a.id}/confirm`, {
      nothingToDeclare: true,
      ended: [w.declarationId],
    });
    expect(ok.status).toBe(200);
    expect((await as('staff').get(`/api/v1/declarations/${w.declarationId}`)).body.status).toBe('ended');
    expect((await as('staff').post(`/api/v1/attestations/${a.id}/confirm`, { nothingToDeclare: true })).status).toBe(
      409,
    );
  });

  test('gives someone added while it runs an attestation too', async () => {
    await start();
    const added = await as('admin').post('/api/v1/people', {
      email: 'nieuw@zuiver.test',
      name: 'Nieuwe Collega',
      role: 'staff',
    });
    expect(added.status).toBe(201);
    const [mail] = await smtp.waitForMails(1, (m) => m.to === 'nieuw@zuiver.test');
    expect(mail.link).toBe(`${PUBLIC_URL}/attestations`);
    const id = (await as('admin').get('/api/v1/attestations/campaigns')).body.items[0].id;
    expect((await as('admin').get(`/api/v1/attestations/campaigns/${id}`)).body.open).toBe(ACTIVE + 1);
  });

  test('counts in the yearly overview: campaigns, nil returns and overdue people', async () => {
    await start();
    const [nil] = await mine('otherStaff');
    await as('otherStaff').post(`/api/v1/attestations/${nil.id}/confirm`, { nothingToDeclare: true });
    t.clock.set(new Date(T0.getTime() + 40 * DAY));
    // Someone who left is nobody's to follow up any more.
    await as('admin').patch(`/api/v1/people/${w.people.purchaser.id}`, { active: false });
    const overview = (await as('admin').get('/api/v1/reports/yearly?year=2026')).body;
    expect(overview.attestations).toEqual({ campaigns: 1, nilReturns: 1, overdue: ACTIVE - 2 });
  });
});
