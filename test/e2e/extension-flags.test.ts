// @vitest-environment node
/**
 * The built extension (.output/chrome-mv3, no test-only build) in Debian's Chromium, against the real API process
 * seeded with the fixture suppliers, on the fixture pages served under the default sites' host names: what it
 * flags on the tender portal, the webmail, in shadow roots and frames and on a page still coming in, and how the
 * flags follow a new version of the list. (Cards, keyboard, popup, and signing in and out: extension-cards.test.ts.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium, signInWithToken, type LaunchedChromium } from '../support/browser.ts';
import { startExtensionRig, type ExtensionRig } from '../support/extension-seed.ts';
import { reportedFlags } from '../support/chromium-extension.ts';
import { cardText, drawnCount, drawnOverPoll, readDrawnFlags, waitForFlags } from '../support/drawn-flags.ts';
import {
  composeSource,
  PORTAL_HOST,
  removeFramesOfStructures,
  scriptedHostSheets,
  WEBMAIL_HOST,
  type Coverage,
} from '../support/pages.ts';
import { waitFor } from '../support/wait.ts';

declare const chrome: typeof import('wxt/browser').browser;

/** The flags drawn, read from outside the page (its scripts cannot): see drawn-flags.ts. */
const coverage = (page: Page, only?: string[]): Promise<Coverage[]> => readDrawnFlags(page, only);

describe.skipIf(browserMissing('chromium', 'extension end-to-end (Chromium)'))(
  'the extension in Chromium',
  { timeout: 60_000 },
  () => {
    let rig: ExtensionRig;
    let browser: LaunchedChromium;
    const requests: string[] = [];

    /** The page's flags as `expected` has them, and each one's supplier on the card its click opens. */
    async function checkPage(page: Page, fixture: string, only: (id: string) => boolean = () => true) {
      const cdp = await page.context().newCDPSession(page);
      expect(rig.flagProblems(await coverage(page), fixture, only)).toEqual([]);
      for (const [id, supplier] of Object.entries(rig.expected[fixture].flag).filter(([id]) => only(id))) {
        await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center' }), id);
        // Read again: the click goes where the flag is now that it is in view.
        const hit = (await coverage(page, [id])).find((c) => c.id === id)?.hits[0];
        expect(hit, `${id} must be flagged`).toBeDefined();
        await page.mouse.click(hit!.x, hit!.y);
        const name = rig.registry.names.get(supplier)!;
        await waitFor(
          `the card of ${id} to name ${name}`,
          () => cardText(cdp),
          (text) => text.includes(name),
        );
        await page.keyboard.press('Escape');
      }
      await cdp.detach();
    }

    beforeAll(async () => {
      rig = await startExtensionRig();
      browser = await launchChromium({ hosts: [PORTAL_HOST, WEBMAIL_HOST], port: rig.pages.port });
      browser.context.on('request', (request) => requests.push(request.url()));
      // Signing in is what every test below starts from, through the form deployment scripts fill in.
      await signInWithToken(browser, rig.api.url, rig.registry.token, rig.registry.manager.name);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await rig?.close();
    });

    it('signs in through the options form (fields server and token) and keeps the watchlist, not the page', async () => {
      const options = await browser.optionsPage();
      await expect.poll(() => options.textContent('#who'), { timeout: 10_000 }).toContain(rig.registry.manager.name);
      await options.close();
      const stored = await browser.worker!.evaluate(async () => {
        const { watchlist } = await chrome.storage.local.get('watchlist');
        return watchlist as { version: string; suppliers: number; etag: string };
      });
      expect(stored.suppliers).toBe(rig.registry.ids.size);
      expect(stored.etag).toBe(`"${stored.version}"`);
    });

    it('flags every mention on the tender portal with the right supplier, and nothing else', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
      // The last rows arrive 400 ms after load: this waits until they are flagged too.
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(page))).toEqual([]);
      await checkPage(page, 'tender-portal.html');
      await page.close();
    });

    it('flags pages from the flags an earlier release stored, which the background prepares again', async () => {
      const earlier = { format: 1, version: '', json: '{}' };
      await browser.worker!.evaluate(async (earlier) => {
        const { flagData } = await chrome.storage.local.get('flagData');
        await chrome.storage.local.set({
          flagData: { ...earlier, version: (flagData as { version: string }).version },
        });
      }, earlier);
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(page))).toEqual([]);
      await page.close();
      const stored = await browser.worker!.evaluate(
        async () => (await chrome.storage.local.get('flagData')).flagData as { format: number; compiled?: unknown },
      );
      expect(stored.format).not.toBe(earlier.format);
      expect(stored.compiled).toBeDefined();
    });

    it('flags the webmail, the message that replaces it, and leaves the compose field byte for byte', async () => {
      const compose = await composeSource();
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(WEBMAIL_HOST, '/webmail.html'));
      await waitForFlags(page);
      await checkPage(page, 'webmail.html', (id) => id !== 'o26');
      expect(await page.evaluate(() => document.querySelector('.compose')!.outerHTML)).toBe(compose);

      await page.click('#next');
      expect(
        await rig.problemsOnceFlagged(
          'webmail.html',
          () => coverage(page),
          (id) => id === 'o26',
        ),
      ).toEqual([]);
      await checkPage(page, 'webmail.html', (id) => id === 'o26');
      expect(await page.evaluate(() => document.querySelector('.compose')!.outerHTML)).toBe(compose);

      // Typing in the compose field goes on as ever: the flag follows, and no element appears in the text.
      await page.click('.compose');
      await page.keyboard.press('End');
      await page.keyboard.type(' Groet.');
      expect(await page.evaluate(() => document.querySelector('.compose')!.innerHTML)).toMatch(/planning\. Groet\.$/);
      expect(await page.evaluate(() => document.querySelector('.compose')!.children.length)).toBe(0);
      await page.close();
    });

    it(
      'flags inside open shadow roots, every kind of frame, a 3,000-row table, and nothing a reader does not see as text',
      { timeout: 180_000 },
      async () => {
        const page = await browser.context.newPage();
        await page.goto(rig.pages.url(PORTAL_HOST, '/structures.html'));
        // Every frame is read; one that goes away or navigates while it is read is read again at the next try.
        // A read scrolls through the whole page, the 3,000 rows and every frame: it takes a while.
        expect(await rig.problemsOnceFlagged('structures.html', () => coverage(page), undefined, 90_000)).toEqual([]);
        // The page's shadow roots keep their own sheets and get none of ours.
        expect(await page.evaluate(scriptedHostSheets)).toEqual(['p { margin: 0px; }']);
        await page.close();
      },
    );

    it('draws the flags a jump lands on right after a scroll, read without scrolling', async () => {
      // The observer reports at most every 50 ms (near.ts): a jump within that time of the last report must still
      // be reported once the page stops, or these flags would wait for the next scroll.
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/structures.html'));
      await waitForFlags(page, 'the first flags');
      const landed = ['orow2501', 'orow2503', 'orow2505'];
      await page.evaluate(`new Promise((resolve) => {
        scrollBy(0, 40);
        requestAnimationFrame(() => {
          document.getElementById('${landed[1]}').scrollIntoView({ block: 'center' });
          resolve(undefined);
        });
      })`);
      const poll = await drawnOverPoll(page);
      for (const id of landed) await waitFor(`a flag drawn over ${id}`, () => poll.drawnOver(`#${id}`), Boolean);
      await poll.close();
      await page.close();
    });

    it('counts the flags of a frame only while the frame is on the page', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/structures.html'));
      const tabId = await browser.tabId(page.url());
      const framesReported = async () => Object.keys(await reportedFlags(browser, tabId)).length;
      await removeFramesOfStructures(framesReported, (id) =>
        page.evaluate((id) => document.getElementById(id)!.remove(), id),
      );
      await page.close();
    });

    it('flags a page while it is still coming in, and what its scripts change meanwhile', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/streamed.html'), { waitUntil: 'commit' });
      // The first part's flags are there before the rest of the page comes in.
      const loading = () => page.evaluate(() => document.readyState === 'loading').catch(() => true);
      const early = await waitFor(
        'flags while loading',
        async () => ({ drawn: await drawnCount(page).catch(() => 0), loading: await loading() }),
        (s) => s.drawn > 0,
      );
      expect(early.loading).toBe(true);
      expect(await rig.problemsOnceFlagged('streamed.html', () => coverage(page))).toEqual([]);
      await page.close();
    });

    it('learns of a new version from the server within seconds, and keeps the count on the badge while it replaces the flags', async () => {
      const page = await browser.context.newPage();
      await page.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(page))).toEqual([]);
      const tabId = await browser.tabId(page.url());
      const badge = () => browser.worker!.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
      await waitFor('the badge to count the flagged suppliers', badge, (text) => text !== '');
      const version = () =>
        browser.worker!.evaluate(
          async () => ((await chrome.storage.local.get('flagData')).flagData as { version: string }).version,
        );
      const before = await version();
      // The badge as the service worker sees it, read every 10 ms from before the change until well after it.
      await browser.worker!.evaluate((tabId) => {
        const seen: string[] = [];
        Object.assign(globalThis, {
          badgesSeen: seen,
          badgeTimer: setInterval(async () => seen.push(await chrome.action.getBadgeText({ tabId })), 10),
        });
      }, tabId);

      // A manager gives a supplier another name; nobody asks the extension to sync: the server's event stream tells it.
      const [registryId] = rig.registry.ids.values();
      const changed = await fetch(`${rig.api.url}/api/v1/suppliers/${registryId}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${rig.registry.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ aliases: ['Badge Proef'] }),
      });
      expect(changed.status).toBe(200);
      await waitFor('the new version, pushed', version, (now) => now !== before, 10_000);
      await page.waitForTimeout(1500);
      const seen = await browser.worker!.evaluate(() => {
        const { badgesSeen, badgeTimer } = globalThis as unknown as { badgesSeen: string[]; badgeTimer: number };
        clearInterval(badgeTimer);
        return badgesSeen;
      });
      expect(seen.length).toBeGreaterThan(50);
      expect(seen.filter((text) => text === '')).toEqual([]);
      await page.close();
    });

    // Last: what every test above made the browser request.
    it('sends nothing anywhere but the configured server while it flags these pages', () => {
      expect(rig.foreignRequests(requests, `chrome-extension://${browser.extensionId}`)).toEqual([]);
      expect(requests.some((url) => url.startsWith(`${rig.api.url}/api/v1/watchlist`))).toBe(true);
      expect(rig.strayPageRequests()).toEqual([]);
    });
  },
);
