// @vitest-environment node
/**
 * The integrity cycle in Debian's Chromium: the app served on a loopback port with a clock the test moves, and a
 * real SMTP server. A campaign is started, reminded a week before its due date, confirmed with a nil return and
 * with a relationship still current, and the manager sees who is overdue; a review goes back and forth once.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import { addDays, amsterdamDate } from '../../core/dates.ts';
import { createMailSender, type MailSender } from '../../api/mail/sender.ts';
import { runMailJobs } from '../../db/mail-jobs.ts';
import { sessionFor } from '../api/web-client.ts';
import { buildWorld, openTestApp, type TestApp, type World } from '../support/app.ts';
import { browserMissing, launchChromium, type LaunchedChromium } from '../support/browser.ts';
import { freePort } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { onPage, seriousViolations } from './web-support.ts';

const LONG = 120_000;

describe.skipIf(browserMissing('chromium', 'integrity cycle browser tests'))(
  'the integrity cycle in the browser',
  () => {
    let t: TestApp;
    let w: World;
    let smtp: TestSmtp;
    let sender: MailSender;
    let http: ServerType;
    let browser: LaunchedChromium;
    let base: string;
    const url = (path: string) => `${base}${path}`;

    /** Puts `who`'s web session (made as the sign-in form would) into the browser, in Dutch. */
    async function as(who: keyof World['people']) {
      const session = await sessionFor(t, w.people[who].id);
      const [name, value] = session.cookie.split('=');
      await browser.context.clearCookies();
      await browser.context.addCookies([
        { name, value, url: base },
        { name: 'lang', value: 'nl', url: base },
      ]);
    }

    beforeAll(async () => {
      smtp = await startSmtp();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await openTestApp();
      w = await buildWorld(t);
      const config = { rateLimitPerMinute: 0, publicUrl: base };
      sender = createMailSender({
        db: t.registry.db,
        clock: t.clock,
        smtpUrl: smtp.url,
        from: 'zuiver@zuiver.test',
        publicUrl: base,
        pollMs: 100,
        log: () => {},
      });
      sender.start();
      const app = createApp({ db: t.registry.db, clock: t.clock, config, mail: sender });
      http = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
      browser = await launchChromium({ extension: false });
    }, LONG);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => http?.close(resolve));
      await sender?.stop();
      await smtp?.stop();
      t?.registry.close();
    });

    const confirmAs = async (page: Page, who: keyof World['people'], steps: (page: Page) => Promise<void>) => {
      await as(who);
      await page.goto(url('/attestations'));
      await steps(page);
      await page.waitForURL(/\/attestations\?done=confirmed$/);
      expect(await page.getByRole('status').innerText()).toContain('je bevestiging is vastgelegd');
    };

    test(
      'an admin starts a campaign, a reminder follows on the clock, people confirm, and the manager sees who is overdue',
      async () => {
        // T0 is Monday 23 November 2026.
        await onPage(browser.context, 'integrity-campaign', async (page) => {
          await as('admin');
          await page.goto(url('/attestations'));
          await page.getByRole('link', { name: 'Rondes' }).click();
          await page.getByLabel('Titel').fill('Jaarlijkse bevestiging 2026');
          await page.getByLabel('Uiterlijk op').fill('2026-12-21');
          await page.getByRole('button', { name: 'Ronde starten' }).click();
          await page.waitForURL(/\/attestations\/campaigns\/[\w-]+\?done=started$/);
          expect(await page.locator('main').innerText()).toContain('0 bevestigd, 7 nog open, waarvan 0 te laat.');
        });
        const [started] = await smtp.waitForMails(1, (m) => m.to === w.people.staff.email);
        expect(started).toMatchObject({
          subject: 'Zuiver: Jaarlijkse bevestiging: Jaarlijkse bevestiging 2026',
          link: url('/attestations'),
          language: 'nl',
        });

        await onPage(browser.context, 'integrity-confirm', async (page) => {
          await confirmAs(page, 'otherStaff', async (p) => {
            expect(await p.locator('main').innerText()).toContain(
              'Je hebt geen lopende relaties, nevenfuncties of belangen gemeld.',
            );
            await p.getByRole('button', { name: 'Ik heb niets te melden' }).click();
          });
          expect(await page.locator('main').innerText()).toContain('Niets te melden.');
          await confirmAs(page, 'staff', async (p) => {
            // Choosing nothing for the listed relationship is refused, with the reason beside it.
            await p.getByRole('button', { name: 'Ik heb alles gemeld' }).click();
            expect(await p.locator('main').innerText()).toContain('Kies bij elke melding: nog actueel of voorbij.');
            await p
              .getByRole('group', { name: /Relatie: Bouwbedrijf Testers B\.V\./ })
              .getByLabel('Nog actueel')
              .check();
            await p.getByRole('button', { name: 'Ik heb alles gemeld' }).click();
          });
        });

        // A week before the due date, the job reminds everyone still open, once.
        t.clock.set(new Date('2026-12-14T08:00:00Z'));
        await runMailJobs(t.registry.db, t.clock.now());
        await runMailJobs(t.registry.db, t.clock.now());
        const reminders = await smtp.waitForMails(
          5,
          (m) => m.subject === 'Zuiver: Herinnering: Jaarlijkse bevestiging 2026',
        );
        expect(reminders.map((m) => m.to).sort()).toEqual(
          [w.people.admin, w.people.manager, w.people.ownManager, w.people.ownerPurchaser, w.people.purchaser]
            .map((p) => p.email)
            .sort(),
        );

        t.clock.set(new Date('2026-12-22T08:00:00Z'));
        await onPage(browser.context, 'integrity-overdue', async (page) => {
          await as('manager');
          await page.goto(url('/attestations/campaigns'));
          await page.getByRole('link', { name: 'Jaarlijkse bevestiging 2026' }).click();
          expect(await page.getByRole('status').innerText()).toBe('1 bevestigd, 2 nog open, waarvan 2 te laat.');
          expect(await page.getByRole('row', { name: /Test purchaser/ }).innerText()).toContain('Te laat');
          expect(await page.getByRole('row', { name: /Test otherStaff/ }).innerText()).toContain(
            'Bevestigd: niets te melden',
          );
        });
      },
      LONG,
    );

    test(
      'a manager asks for more information, the declarant edits, and the history shows both rounds',
      async () => {
        const path = `/declarations/${w.declarationId}`;
        await onPage(browser.context, 'integrity-needs-info', async (page) => {
          await as('ownManager');
          await page.goto(url(path));
          await page.getByLabel('Meer informatie gevraagd').check();
          await page
            .getByLabel('Toelichting of vraag voor de melder')
            .fill('Werkt je broer op de afdeling die inschrijft?');
          await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
          await page.waitForURL(/\?done=reviewed$/);
        });
        const [asked] = await smtp.waitForMails(1, (m) => m.subject === 'Zuiver: Meer informatie gevraagd');
        expect(asked).toMatchObject({ to: w.people.staff.email, link: url(path) });

        await onPage(browser.context, 'integrity-edit', async (page) => {
          await as('staff');
          await page.goto(asked.link!);
          expect(await page.locator('main').innerText()).toContain('Werkt je broer op de afdeling die inschrijft?');
          await page.getByRole('button', { name: 'Aanpassen', exact: true }).click();
          await page.getByLabel('Omschrijving (optioneel)').fill('Hij werkt op de planning, niet bij inkoop.');
          await page.getByRole('button', { name: 'Aanpassing indienen' }).click();
          await page.waitForURL(/\?done=edited$/);
          const text = await page.locator('main').innerText();
          expect(text).toContain('Ingediend');
          expect(text).toContain('Hij werkt op de planning, niet bij inkoop.');
          const history = await page.getByRole('region', { name: 'Verloop van de beoordeling' }).innerText();
          expect(history).toMatch(/Meer informatie gevraagd \(Test ownManager\) · Vraag: \W?Werkt je broer/);
          expect(history).toContain('Aangepast door de melder');
        });
        await smtp.waitForMails(1, (m) => m.to === w.people.ownManager.email && m.link === url(path));
      },
      LONG,
    );

    test(
      'axe-core finds no serious or critical violation on the new pages',
      async () => {
        const dueOn = addDays(amsterdamDate(t.clock.now()), 14);
        const { id } = (
          await t.call('POST', '/api/v1/attestations/campaigns', {
            token: w.tokens.admin,
            body: { title: 'Toegankelijkheid', dueOn },
          })
        ).body;
        const pages: [keyof World['people'], string][] = [
          ['purchaser', '/attestations'],
          ['admin', '/attestations/campaigns'],
          ['manager', `/attestations/campaigns/${id}`],
          ['staff', `/declarations/${w.declarationId}/edit`],
          ['staff', '/account/mail'],
          ['admin', '/mail'],
        ];
        for (const [who, path] of pages) {
          await onPage(browser.context, `integrity-axe-${path}`, async (page) => {
            await as(who);
            await page.goto(url(path));
            expect(await seriousViolations(page), `${who} ${path}`).toEqual([]);
          });
        }
      },
      LONG,
    );
  },
);
