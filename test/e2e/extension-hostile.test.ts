// @vitest-environment node
/**
 * What a page and a tab can learn or undo, in Chromium with the built extension against the real API: a hostile
 * page's script reads nothing flagged (highlights, added elements, hit tests, style sheets, hidden-text probes)
 * and cannot erase the flags; screenshots with and without the extension show every expected flag and nothing
 * on unflagged text; a content script's storage holds no token and the background refuses it privileged
 * messages; the extension keeps only an extension-scoped token and ends it on the server when signing out.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium, signInWithToken, type LaunchedChromium } from '../support/browser.ts';
import { cardText, readDrawnFlags, waitForFlags } from '../support/drawn-flags.ts';
import { reportedFlags } from '../support/chromium-extension.ts';
import { countAfterFirstMentionsGo } from '../support/counted-twice.ts';
import { startExtensionRig, type ExtensionRig } from '../support/extension-seed.ts';
import { expectNothingLearnt, type HostileReport } from '../support/hostile.ts';
import { kindsDrawn, pixelsChanged } from '../support/png.ts';
import { PORTAL_HOST, WEBMAIL_HOST } from '../support/pages.ts';
import { waitFor } from '../support/wait.ts';

declare const chrome: typeof import('wxt/browser').browser;

/** Lets the extension draw what scrolling brought into view: two frames and a task. */
const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 80)))),
  );

/** The content script's isolated world in the page's top frame, through the DevTools protocol. */
async function contentScriptWorld(cdp: CDPSession, extensionId: string): Promise<number> {
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = await waitFor(
    'the content script world',
    async () =>
      contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.type === 'isolated'),
    Boolean,
  );
  return world!.id;
}

async function inWorld<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId,
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value as T;
}

describe.skipIf(browserMissing('chromium', 'hostile page end-to-end (Chromium)'))(
  'a hostile page and tab, in Chromium',
  { timeout: 120_000 },
  () => {
    let rig: ExtensionRig;
    let browser: LaunchedChromium;
    let plain: LaunchedChromium;

    const moveFlag = (tabId: number) =>
      browser.worker!.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { zuiver: 'moveFlag', data: 1 }), tabId);

    beforeAll(async () => {
      rig = await startExtensionRig();
      browser = await launchChromium({ hosts: [PORTAL_HOST, WEBMAIL_HOST], port: rig.pages.port });
      plain = await launchChromium({ extension: false, hosts: [PORTAL_HOST, WEBMAIL_HOST], port: rig.pages.port });
      await signInWithToken(browser, rig.api.url, rig.registry.token, rig.registry.manager.name);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await plain?.close();
      await rig?.close();
    });

    it('lets the page read nothing of what is flagged, nor hidden-text probes, nor erase the flags for long', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/hostile.html'));
      expect(await rig.problemsOnceFlagged('hostile.html', () => readDrawnFlags(page))).toEqual([]);
      expectNothingLearnt(
        await page.evaluate(() => (window as unknown as { hostile: { report(): HostileReport } }).hostile.report()),
      );

      // Hidden text is not counted: the popup lists the suppliers named where the reader sees them, no others.
      const visible = Object.values(rig.expected['hostile.html'].flag).map((id) => rig.registry.names.get(id)!);
      const hidden = rig.hiddenOnly.map((id) => rig.registry.names.get(id)!);
      const popup = await browser.openPopup(page.url());
      const listed = await popup.evaluate(() => document.body.innerText);
      await popup.close();
      for (const name of visible) expect(listed).toContain(name);
      for (const name of hidden) expect(listed).not.toContain(name);

      // Nor reachable from the keyboard: going round every flag twice opens only cards of visible mentions.
      const cdp = await page.context().newCDPSession(page);
      const tabId = await browser.tabId(page.url());
      const seen = new Set<string>();
      for (let i = 0; i < visible.length * 2; i++) {
        const before = await cardText(cdp);
        await moveFlag(tabId);
        seen.add(
          await waitFor(
            'the next card',
            () => cardText(cdp),
            (text) => text !== '' && text !== before,
          ).catch(() => cardText(cdp)),
        );
      }
      const cards = [...seen].join('\n');
      for (const name of visible) expect(cards).toContain(name);
      for (const name of hidden) expect(cards).not.toContain(name);
      await page.keyboard.press('Escape');
      await cdp.detach();

      // The page takes away everything it did not add and clears the highlight registry: flags are back within a second.
      const removed = await page.evaluate(() =>
        (window as unknown as { hostile: { erase(): number } }).hostile.erase(),
      );
      expect(removed).toBe(1);
      await waitForFlags(page, 'the flags to come back', 1000);
      expect(await rig.problemsOnceFlagged('hostile.html', () => readDrawnFlags(page))).toEqual([]);
      expectNothingLearnt(
        await page.evaluate(() => (window as unknown as { hostile: { report(): HostileReport } }).hostile.report()),
      );
      await page.close();
    });

    it('counts a supplier named again far out of view when its first mention goes, and not where the other is hidden', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
      const tabId = await browser.tabId(page.url());
      const counted = async () => Object.values(await reportedFlags(browser, tabId)).flat();
      await countAfterFirstMentionsGo(rig, 'tender-portal.html', (source) => page.evaluate(source), counted);
      await page.close();
    });

    it('draws every expected flag, and nothing on unflagged text, as screenshots with and without the extension show', async () => {
      for (const [fixture, host] of [
        ['tender-portal.html', PORTAL_HOST],
        ['webmail.html', WEBMAIL_HOST],
      ] as const) {
        const ours = await browser.context.newPage();
        const theirs = await plain.context.newPage();
        await ours.goto(rig.pages.url(host, `/${fixture}`));
        await theirs.goto(rig.pages.url(host, `/${fixture}`));
        // The last rows of the portal come 400 ms after load.
        expect(
          await rig.problemsOnceFlagged(
            fixture,
            () => readDrawnFlags(ours),
            (id) => id !== 'o26',
          ),
        ).toEqual([]);
        const shot = async (page: Page, id: string) => {
          await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center' }), id);
          await settle(page);
          return page.locator(`#${id}`).screenshot({ animations: 'disabled', caret: 'hide' });
        };
        const problems: string[] = [];
        const { flag, noFlag } = rig.expected[fixture];
        for (const [id, supplier] of Object.entries(flag).filter(([id]) => id !== 'o26')) {
          const [withFlags, without] = [await shot(ours, id), await shot(theirs, id)];
          const kind = rig.registry.kinds.get(supplier)!;
          const drawn = kindsDrawn(withFlags);
          if (!drawn.includes(kind) || pixelsChanged(withFlags, without) === 0)
            problems.push(`${id}: ${kind} not drawn (${drawn.join(', ') || 'nothing'})`);
          if (kindsDrawn(without).length) problems.push(`${id}: the page alone shows a flag's colour`);
        }
        for (const id of noFlag) {
          const changed = pixelsChanged(await shot(ours, id), await shot(theirs, id));
          if (changed) problems.push(`${id}: ${changed} pixels differ from the page alone`);
        }
        expect(problems).toEqual([]);
        await ours.close();
        await theirs.close();
      }
    });

    it('gives a content script no token, and refuses its requests to sign out, change sites or read tabs', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/hostile.html'));
      await waitForFlags(page);
      const cdp = await page.context().newCDPSession(page);
      const world = await contentScriptWorld(cdp, browser.extensionId!);
      const local = await inWorld<string>(
        cdp,
        world,
        'chrome.storage.local.get(null).then((items) => JSON.stringify(items))',
      );
      expect(local.length).toBeGreaterThan(100);
      expect(local).not.toContain(rig.registry.token);
      expect(local).not.toMatch(/zv_[\w-]{20,}/);
      const session = await inWorld<string>(
        cdp,
        world,
        'chrome.storage.session.get(null).then((items) => JSON.stringify(items), (e) => "refused")',
      );
      expect(session).not.toMatch(/zv_[\w-]{20,}/);

      const ask = (type: string, data: unknown) =>
        inWorld<string>(
          cdp,
          world,
          `chrome.runtime.sendMessage(${JSON.stringify({ zuiver: type, data })}).then(() => 'answered', (e) => 'refused')`,
        );
      const privileged: Array<[string, unknown]> = [
        ['signOut', null],
        ['removeSite', 'https://www.tenderned.nl/*'],
        ['addSite', { pattern: 'https://evil.example/*' }],
        ['setPaused', { host: PORTAL_HOST, paused: true }],
        ['siteState', page.url()],
        ['tabFlags', await browser.tabId(page.url())],
        ['status', null],
        ['syncNow', null],
        ['signIn', { server: 'https://evil.example', token: 'zv_x' }],
      ];
      for (const [type, data] of privileged) expect(`${type}: ${await ask(type, data)}`).toBe(`${type}: refused`);
      // What a tab does need still works.
      expect(await ask('flagVersion', null)).toBe('answered');
      await cdp.detach();
      await page.close();
      const options = await browser.optionsPage();
      await expect.poll(() => options.textContent('#who'), { timeout: 10_000 }).toContain(rig.registry.manager.name);
      await options.close();
    });

    it('keeps only an extension-scoped token for the full one it was given, and revokes it on signing out', async () => {
      const headers = { Authorization: `Bearer ${rig.registry.token}` };
      const tokens = async () =>
        (
          (await (await fetch(`${rig.api.url}/api/v1/me/tokens`, { headers })).json()) as {
            items: Array<{ id: string; scope: string; revokedAt: string | null }>;
          }
        ).items;
      const traded = (await tokens()).filter((t) => t.scope === 'extension');
      expect(traded).toHaveLength(1);
      expect(traded[0].revokedAt).toBeNull();
      const options = await browser.optionsPage();
      await options.click('#sign-out');
      await expect.poll(() => options.textContent('#who'), { timeout: 10_000 }).toContain('Not signed in');
      await options.close();
      await waitFor(
        'the token to be revoked',
        tokens,
        (items) => !!items.find((t) => t.id === traded[0].id)?.revokedAt,
      );
    });
  },
);
