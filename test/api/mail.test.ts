/**
 * Mail through a real SMTP server started here: who gets which mail, in which language, with which link; that a
 * dead mail server fails no write and loses no mail; and the scheduled mails once per day or week.
 */
import { describe, expect, test } from 'vitest';
import type { MailSender } from '../../api/mail/sender.ts';
import { runMailJobs } from '../../db/mail-jobs.ts';
import { runRetention } from '../../db/retention.ts';
import { callAs, T0, type TestApp, type World } from '../support/app.ts';
import { useMailWorld } from '../support/mail-world.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { waitFor } from '../support/wait.ts';

const PUBLIC_URL = 'http://127.0.0.1:8787';
const DAY = 86_400_000;

let t: TestApp;
let w: World;
let smtp: TestSmtp;
let sender: MailSender;
useMailWorld((m) => ({ t, w, smtp, sender } = m), {
  from: 'Zuiver <zuiver@zuiver.test>',
  publicUrl: PUBLIC_URL,
  mail: { configured: true },
});

const as = (who: keyof World['tokens']) => callAs(t, w.tokens[who]);
const to = (who: keyof World['people']) => (m: { to: string }) => m.to === w.people[who].email;
const gift = () => ({
  kind: 'gift',
  supplierId: w.otherSupplierId,
  valueEur: 30,
  form: 'goods',
  description: 'Fles wijn van de directeur',
});

describe('mail on a declaration', () => {
  test('a new declaration mails the declarant’s manager in Dutch, with its kind, supplier and link, and no details', async () => {
    const res = await as('staff').post('/api/v1/declarations', gift());
    expect(res.status).toBe(201);
    const link = `${PUBLIC_URL}/declarations/${res.body.id}`;
    const [mail] = await smtp.waitForMails(1, (m) => m.link === link);
    expect(mail).toMatchObject({
      to: w.people.ownManager.email,
      language: 'nl',
      subject: 'Zuiver: Melding om te beoordelen',
    });
    expect(mail.text).toContain('Geschenk (Schilders Proef V.O.F.)');
    expect(mail.text).not.toContain('wijn');
    expect(mail.text).not.toMatch(/€|EUR|30,00/);
  });

  test('a question and a decision reach the declarant in the language they chose', async () => {
    expect((await as('staff').patch('/api/v1/mail/settings', { language: 'en' })).body).toEqual({
      language: 'en',
      reviewDigest: false,
    });
    const asked = await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, {
      decision: 'needs_info',
      note: 'Werkt je broer op de afdeling die inschrijft?',
    });
    expect(asked.body.status).toBe('needs_info');
    const link = `${PUBLIC_URL}/declarations/${w.declarationId}`;
    const [question] = await smtp.waitForMails(1, to('staff'));
    expect(question).toMatchObject({ language: 'en', subject: 'Zuiver: More information asked', link });
    expect(question.text).toContain('Relationship (Bouwbedrijf Testers B.V.)');
    expect(question.text).not.toContain('broer');

    await as('staff').patch(`/api/v1/declarations/${w.declarationId}`, {
      description: 'Hij werkt op de planning, niet bij inkoop',
    });
    // Back for review: the manager hears of it again, in Dutch (their language).
    await smtp.waitForMails(1, (m) => to('ownManager')(m) && m.link === link);
    await as('ownManager').post(`/api/v1/declarations/${w.declarationId}/review`, { decision: 'acknowledged' });
    const mails = await smtp.waitForMails(2, to('staff'));
    expect(mails[1]).toMatchObject({ language: 'en', subject: 'Zuiver: Your declaration was reviewed', link });
    expect(mails[1].text).toContain('Acknowledged');
  });

  test('a manager who chose the daily digest gets one mail a day instead of one per declaration', async () => {
    await as('ownManager').patch('/api/v1/mail/settings', { reviewDigest: true });
    await as('staff').post('/api/v1/declarations', gift());
    await as('staff').post('/api/v1/declarations', { ...gift(), valueEur: 10 });
    expect(await runMailJobs(t.registry.db, t.clock.now())).toBe(1);
    expect(await runMailJobs(t.registry.db, new Date(t.clock.now().getTime() + 3_600_000))).toBe(0);
    const [digest] = await smtp.waitForMails(1, (m) => m.subject === 'Zuiver: Meldingen om te beoordelen');
    expect(digest).toMatchObject({ to: w.people.ownManager.email, link: `${PUBLIC_URL}/review` });
    expect(digest.text).toContain('3 melding(en)');
    // The world's own declaration queued one mail before the digest was chosen; the two new ones queued none.
    await sender.runOnce();
    expect(
      smtp.mails.filter((m) => m.subject === 'Zuiver: Melding om te beoordelen' && to('ownManager')(m)),
    ).toHaveLength(1);
  });

  test('reviews open longer than 14 days bring their manager one note a week', async () => {
    const runOn = async (days: number) => (
      t.clock.set(new Date(T0.getTime() + days * DAY)),
      runMailJobs(t.registry.db, t.clock.now())
    );
    expect(await runOn(15)).toBe(1); // Tuesday 8 December 2026
    expect(await runOn(17)).toBe(0); // the same week
    expect(await runOn(22)).toBe(1); // the next week
    const notes = await smtp.waitForMails(2, (m) => m.subject === 'Zuiver: Meldingen wachten al lang');
    expect(notes.map((m) => m.to)).toEqual([w.people.ownManager.email, w.people.ownManager.email]);
    expect(notes[0].text).toContain('1 melding(en)');
  });
});

describe('a dead mail server', () => {
  test('fails no write and loses no mail: the admin sees the failure, and the mail goes out once the server is back', async () => {
    await smtp.waitForMails(1); // the world's own mail, so the server is known to work
    await smtp.stop();
    const res = await as('staff').post('/api/v1/declarations', gift());
    expect(res.status).toBe(201);
    const failing = await waitFor(
      'the failure to show',
      async () => (await as('admin').get('/api/v1/mail/outbox')).body,
      (b) => b.total === 1,
    );
    expect(failing).toMatchObject({
      configured: true,
      items: [
        { recipient: w.people.ownManager.email, template: 'review_needed', attempts: 1, lastError: expect.any(String) },
      ],
    });
    expect((await as('staff').get('/api/v1/mail/outbox')).status).toBe(403);

    await smtp.start();
    // The retry waits for its backoff on the app's clock.
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const [mail] = await smtp.waitForMails(1, (m) => m.link === `${PUBLIC_URL}/declarations/${res.body.id}`);
    expect(mail.to).toBe(w.people.ownManager.email);
    await waitFor(
      'the failure to clear',
      async () => (await as('admin').get('/api/v1/mail/outbox')).body.total,
      (n) => n === 0,
    );
    await sender.runOnce();
    expect(smtp.mails.filter((m) => m.link === mail.link)).toHaveLength(1);
  });
});

describe('keeping mail', () => {
  test('the retention job drops mails older than 30 days, sent or not, and keeps newer ones', async () => {
    await smtp.waitForMails(1);
    await smtp.stop();
    await as('staff').post('/api/v1/declarations', gift());
    const rows = async () => Number((await t.registry.client.execute('select count(*) as n from outbox')).rows[0].n);
    expect(await rows()).toBe(2);
    await runRetention(t.registry.db, new Date(T0.getTime() + 29 * DAY), { embedded: true });
    expect(await rows()).toBe(2);
    await runRetention(t.registry.db, new Date(T0.getTime() + 31 * DAY), { embedded: true });
    expect(await rows()).toBe(0);
    await smtp.start();
  });
});
