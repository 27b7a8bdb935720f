// @vitest-environment node
/**
 * Issue 18 in Chromium against the real server process: the supplier form says how each name will match while the
 * manager types (before saving), and a "wrong flag?" report sent from the extension's card on a fixture page
 * reaches the manager on the supplier's page, naming what matched and the site, never the page's text.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium, signInWithToken, type LaunchedChromium } from '../support/browser.ts';
import { startExtensionRig, type ExtensionRig } from '../support/extension-seed.ts';
import { callInCard, cardText, readDrawnFlags } from '../support/drawn-flags.ts';
import { PORTAL_HOST, WEBMAIL_HOST } from '../support/pages.ts';
import { waitFor } from '../support/wait.ts';

const PASSWORD = 'e2e-wachtwoord-2026';
const MANAGER = { email: 'rik.registry@example.nl', name: 'Rik Registry' };

/** A real click in the middle of the card's element that `selector` finds. */
async function clickInCard(page: Page, cdp: CDPSession, selector: string) {
  const box = await callInCard<{ x: number; y: number } | null>(
    cdp,
    // Into view first: the card scrolls when it is taller than the room beside the flag.
    `function () {
      const el = this.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return r.width ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    }`,
  );
  if (!box) throw new Error(`no ${selector} on the card`);
  await page.mouse.click(box.x, box.y);
}

describe.skipIf(browserMissing('chromium', 'issue 18 registry browser tests'))(
  'the registry side of flags, in Chromium',
  { timeout: 90_000 },
  () => {
    let rig: ExtensionRig;
    let browser: LaunchedChromium;
    let managerToken: string;

    const apiGet = async (path: string) =>
      (await fetch(`${rig.api.url}/api/v1${path}`, { headers: { authorization: `Bearer ${managerToken}` } })).json();

    /** Through the sign-in form, unless the browser holds the manager's session already (then /login sends on). */
    async function signInAsManager(page: Page) {
      await page.goto(`${rig.api.url}/login`);
      if (!page.url().includes('/login')) return;
      await page.getByLabel('E-mail address').fill(MANAGER.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${rig.api.url}/`);
    }

    beforeAll(async () => {
      rig = await startExtensionRig();
      managerToken = await rig.api.cliToken([
        'user',
        'add',
        '--email',
        MANAGER.email,
        '--name',
        MANAGER.name,
        '--role',
        'manager',
        '--password',
        PASSWORD,
      ]);
      browser = await launchChromium({ hosts: [PORTAL_HOST, WEBMAIL_HOST], port: rig.pages.port });
      await signInWithToken(browser, rig.api.url, rig.registry.token, rig.registry.manager.name);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await rig?.close();
    });

    it('the supplier form shows the match rule of each name as it is typed, before saving', async () => {
      const page = await browser.context.newPage();
      await signInAsManager(page);
      await page.goto(`${rig.api.url}/suppliers/new`);
      const rules = page.locator('#name-rules');
      await page.getByLabel('Name', { exact: true }).pressSequentially('Stedin Netbeheer B.V.');
      await expect.poll(() => rules.innerText()).toBe('Stedin Netbeheer B.V.: flags on its own');
      await page.getByLabel('Trade names').pressSequentially('Stedin\nBAM');
      await expect
        .poll(() => rules.locator('li').allInnerTexts())
        .toEqual(['Stedin Netbeheer B.V.: flags on its own', 'Stedin: flags on its own', 'BAM: capitals only']);
      // Nothing was saved: the rules came while typing.
      expect(page.url()).toBe(`${rig.api.url}/suppliers/new`);
      expect((await apiGet('/suppliers?q=Stedin')).total).toBe(0);
      // BAM becomes a surname as it is retyped: its rule follows.
      for (let i = 0; i < 3; i++) await page.getByLabel('Trade names').press('Backspace');
      await page.getByLabel('Trade names').pressSequentially('Smits');
      const onlyWithForm = /^Smits: only with a legal form or the rest of the name \(.*surname.*\)$/;
      await expect.poll(() => rules.locator('li').last().innerText()).toMatch(onlyWithForm);
      await page.getByRole('button', { name: 'New supplier' }).click();
      await page.waitForURL(/\/suppliers\/[\w-]+\?done=created$/);
      expect(await page.locator('main').innerText()).toMatch(
        /Smits: only with a legal form or the rest of the name \(.*surname.*\)/,
      );
      await page.close();
    });

    it('a "wrong flag?" report from the card reaches the manager, with what matched and the host name only', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => readDrawnFlags(page))).toEqual([]);
      const [elementId, fixtureId] = Object.entries(rig.expected['tender-portal.html'].flag)[0];
      const supplierId = rig.registry.ids.get(fixtureId)!;
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center' }), elementId);
      const hit = (await readDrawnFlags(page, [elementId])).find((c) => c.id === elementId)!.hits[0];
      const cdp = await page.context().newCDPSession(page);
      await page.mouse.click(hit.x, hit.y);
      await waitFor(
        'the card',
        () => cardText(cdp),
        (text) => text.includes('Wrong flag?'),
      );
      await clickInCard(page, cdp, 'details.wrong summary');
      await clickInCard(page, cdp, 'input[value=person]');
      await clickInCard(page, cdp, 'textarea.note');
      await page.keyboard.type('Dit is een collega, geen bedrijf');
      await clickInCard(page, cdp, 'button.send');
      await waitFor(
        'the report to be sent',
        () => cardText(cdp),
        (text) => text.includes('Thank you, your report was sent.'),
      );
      await cdp.detach();
      await page.close();

      const { items } = await apiGet(`/flag-reports?supplierId=${supplierId}`);
      expect(items).toHaveLength(1);
      const supplier = await apiGet(`/suppliers/${supplierId}`);
      const registered = [supplier.name, ...supplier.aliases, ...supplier.domains, ...supplier.kvk, ...supplier.vat];
      expect(items[0]).toMatchObject({
        host: PORTAL_HOST,
        reason: 'person',
        note: 'Dit is een collega, geen bedrijf',
        personName: rig.registry.manager.name,
      });
      expect(registered).toContain(items[0].matched);

      const manager = await browser.context.newPage();
      await signInAsManager(manager);
      await manager.goto(`${rig.api.url}/suppliers/${supplierId}`);
      const row = manager.locator('#flag-reports tbody tr');
      await expect.poll(() => row.innerText()).toContain(`${items[0].matched}`);
      const text = await row.innerText();
      expect(text).toContain(PORTAL_HOST);
      expect(text).toContain('a person, not a company');
      expect(text).toContain('Dit is een collega, geen bedrijf');
      await row.getByRole('button', { name: 'Handled' }).click();
      await manager.waitForURL(/done=report/);
      expect(await manager.locator('#flag-reports tbody tr').innerText()).toContain('handled');
      await manager.close();
    });
  },
);
