// @vitest-environment node
/**
 * The built Firefox extension (.output/firefox-mv3) in Debian's firefox-esr over WebDriver BiDi, installed as a
 * temporary add-on, against the real API process; every host name resolves to 127.0.0.1, so the fixture pages
 * open under their real host names on the fixture server's port.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser.ts';
import { launchFirefox, type LaunchedFirefox } from '../support/firefox.ts';
import { startExtensionRig, type ExtensionRig } from '../support/extension-seed.ts';
import {
  cardBoxFirefox,
  cardTextsFirefox,
  drawnCountFirefox,
  readDrawnFlagsFirefox,
} from '../support/drawn-flags-firefox.ts';
import { countAfterFirstMentionsGo } from '../support/counted-twice.ts';
import { expectNothingLearnt, type HostileReport } from '../support/hostile.ts';
import {
  addSiteFirefox,
  cardsInFirefox,
  inExtension,
  openFlaggedFirefox,
  reportedFlagsFirefox,
  screenshotProblems,
  signInFirefox,
  steadyHitFirefox,
} from '../support/firefox-extension.ts';
import {
  composeSource,
  PORTAL_HOST,
  removeFramesOfStructures,
  scriptedHostSheets,
  WEBMAIL_HOST,
  type Coverage,
} from '../support/pages.ts';
import { waitFor } from '../support/wait.ts';

describe.skipIf(browserMissing('firefox', 'extension end-to-end (Firefox)'))(
  'the extension in Firefox',
  { timeout: 60_000 },
  () => {
    let rig: ExtensionRig;
    let firefox: LaunchedFirefox;

    /** Flags of the page and of all its frames (each frame draws its own), read from outside the page. */
    const coverage = (page: Page, only?: string[]): Promise<Coverage[]> => readDrawnFlagsFirefox(page, only);
    const flagCount = (page: Page): Promise<number> => drawnCountFirefox(page);
    const open = (host: string, path: string): Promise<Page> => openFlaggedFirefox(firefox, rig.pages.url(host, path));

    beforeAll(async () => {
      rig = await startExtensionRig();
      // Grants a site's permission without the prompt, which no driver can answer; the request itself is real.
      firefox = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
      await signInFirefox(firefox, rig.api.url, rig.registry.token, rig.registry.manager.name);
    }, 180_000);

    afterAll(async () => {
      await firefox?.close();
      await rig?.close();
    });

    it('flags every mention on the tender portal as its supplier, late rows too, and nothing else', async () => {
      const page = await open(PORTAL_HOST, '/tender-portal.html');
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(page))).toEqual([]);
      await page.close();
    });

    it('flags the webmail and the next message, and leaves the compose field byte for byte', async () => {
      const compose = await composeSource();
      const page = await open(WEBMAIL_HOST, '/webmail.html');
      expect(rig.flagProblems(await coverage(page), 'webmail.html', (id) => id !== 'o26')).toEqual([]);
      await page.click('#next');
      expect(
        await rig.problemsOnceFlagged(
          'webmail.html',
          () => coverage(page),
          (id) => id === 'o26',
        ),
      ).toEqual([]);
      expect(await page.evaluate(() => document.querySelector('.compose')!.outerHTML)).toBe(compose);
      await page.close();
    });

    it('flags a page while it is still coming in, and what its scripts change meanwhile', async () => {
      const page = await firefox.browser.newPage();
      const loaded = page.goto(rig.pages.url(PORTAL_HOST, '/streamed.html'));
      // The first part's flags are there before the rest of the page comes in.
      const loading = () => page.evaluate(() => document.readyState === 'loading').catch(() => true);
      const early = await waitFor(
        'flags while loading',
        async () => ({ drawn: await flagCount(page).catch(() => 0), loading: await loading() }),
        (s) => s.drawn > 0,
      );
      expect(early.loading).toBe(true);
      await loaded;
      expect(await rig.problemsOnceFlagged('streamed.html', () => coverage(page))).toEqual([]);
      await page.close();
    });

    it(
      'flags inside open shadow roots and every kind of frame, and leaves the shadow roots their own sheets',
      { timeout: 180_000 },
      async () => {
        const page = await open(PORTAL_HOST, '/structures.html');
        // A read scrolls through the whole page, the 3,000 rows and every frame: it takes a while.
        expect(await rig.problemsOnceFlagged('structures.html', () => coverage(page), undefined, 120_000)).toEqual([]);
        expect(await page.evaluate(scriptedHostSheets)).toEqual(['p { margin: 0px; }']);
        await page.close();
      },
    );

    it('opens a card on a click, in a shadow root closed to the page', async () => {
      const page = await open(PORTAL_HOST, '/tender-portal.html');
      const hit = (await coverage(page, ['o3'])).find((c) => c.id === 'o3')!.hits[0];
      await page.mouse.click(hit.x, hit.y);
      const name = rig.registry.names.get(rig.expected['tender-portal.html'].flag.o3)!;
      await waitFor(
        'the card',
        () => cardTextsFirefox(page),
        ([top]) => top.includes(name),
      );
      // The page sees neither the card's text nor an open shadow root.
      expect(await page.evaluate(() => document.documentElement.innerText)).not.toContain('integrity code');
      expect(
        await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.shadowRoot && !el.id).length),
      ).toBe(0);
      await page.keyboard.press('Escape');
      await waitFor(
        'the card to close',
        () => cardsInFirefox(page),
        ([top]) => !top,
      );
      await page.close();
    });

    it('opens a card on hover, keeps it while the pointer is on it, and closes it once the pointer leaves', async () => {
      const page = await open(PORTAL_HOST, '/tender-portal.html');
      const cardOpen = async () => (await cardsInFirefox(page))[0];
      const hit = (await coverage(page, ['o15'])).find((c) => c.id === 'o15')!.hits[0];
      await page.mouse.move(hit.x - 5, hit.y);
      await waitFor('the card', cardOpen, (open) => open);
      const card = (await cardBoxFirefox(page))!;
      await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2, { steps: 4 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await cardOpen()).toBe(true);
      await page.mouse.move(5, 5);
      await waitFor('the card to close', cardOpen, (open) => !open);
      await page.close();
    });

    it('counts the flags of a frame only while the frame is on the page', async () => {
      const page = await open(PORTAL_HOST, '/structures.html');
      const framesReported = async () => Object.keys(await reportedFlagsFirefox(firefox, page.url())).length;
      await removeFramesOfStructures(framesReported, (id) =>
        page.evaluate((id) => document.getElementById(id)!.remove(), id),
      );
      await page.close();
    });

    it('counts a supplier named again far out of view when its first mention goes, and not where the other is hidden', async () => {
      const page = await open(PORTAL_HOST, '/tender-portal.html');
      const counted = async () => Object.values(await reportedFlagsFirefox(firefox, page.url())).flat();
      await countAfterFirstMentionsGo(rig, 'tender-portal.html', (source) => page.evaluate(source), counted);
      await page.close();
    });

    it('moves between the flags of the frame the reader clicked into, and closes a card once its frame is left', async () => {
      const page = await open(PORTAL_HOST, '/structures.html');
      const frame = (await (await page.$('#srcdoc-frame'))!.contentFrame())!;
      await waitFor(
        'flags in the frame',
        () => coverage(page, ['oframe1']),
        (c) => !!c.find((e) => e.id === 'oframe1')?.hits.length,
      );
      // What the background does on the shortcut, to every frame of the tab (no driver presses browser shortcuts).
      const move = () =>
        inExtension(firefox, page.url(), `await browser.tabs.sendMessage(tabId, { zuiver: 'moveFlag', data: 1 });`);
      const cards = () => cardsInFirefox(page);
      // Below the frame's text, not on a flag: the click gives the frame the keyboard and opens nothing.
      const box = (await (await page.$('#srcdoc-frame'))!.boundingBox())!;
      await page.mouse.click(box.x + 10, box.y + box.height - 10);
      await waitFor('the frame to have the keyboard', () => frame.evaluate(() => document.hasFocus()), Boolean);
      await move();
      await waitFor('a card in the frame only', cards, ([top, inFrame]) => !top && inFrame);
      await page.mouse.click(2, 2);
      await waitFor(
        'the page to have the keyboard back',
        () => frame.evaluate(() => document.hasFocus()),
        (focused) => !focused,
      );
      await move();
      await waitFor('a card on the page only', cards, ([top, inFrame]) => top && !inFrame);
      // A card opened by hover goes once the pointer leaves its document for a frame.
      await page.keyboard.press('Escape');
      await waitFor('the card to close', cards, ([top]) => !top);
      // Where the flag is once the page is still: focus going back after Escape may scroll it.
      const hit = await steadyHitFirefox(page, 'oshadow1');
      await page.mouse.move(hit.x, hit.y);
      await waitFor('the hover card', cards, ([top]) => top);
      // A corner that the card, beside the flag, does not cover.
      await page.mouse.move(box.x + box.width - 4, box.y + box.height - 4);
      await waitFor('no card', cards, ([top, inFrame]) => !top && !inFrame);
      await page.close();
    });

    it('flags a site the user adds, once the browser grants the permission: the page open there and every load after', async () => {
      const url = rig.pages.url('inkoop.example.nl', '/tender-portal.html');
      const open = await firefox.browser.newPage();
      await open.goto(url);
      await addSiteFirefox(firefox, 'inkoop.example.nl');
      // The options page enables the site for the loads to come. The popup, after its own prompt, also names the
      // tab it was opened on, which then gets its flags at once: as this message does.
      expect(await flagCount(open)).toBe(0);
      await inExtension(
        firefox,
        url,
        `await browser.runtime.sendMessage({ zuiver: 'addSite', data: { pattern: 'https://inkoop.example.nl/*', tabId } });`,
      );
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(open))).toEqual([]);
      const next = await firefox.browser.newPage();
      await next.goto(url);
      expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(next))).toEqual([]);
      await Promise.all([open.close(), next.close()]);
    });

    it('lets a hostile page read nothing flagged, probe nothing hidden and erase nothing for long; no token in storage', async () => {
      const page = await open(PORTAL_HOST, '/hostile.html');
      expect(await rig.problemsOnceFlagged('hostile.html', () => coverage(page))).toEqual([]);
      const report = () =>
        page.evaluate(() => (window as unknown as { hostile: { report(): HostileReport } }).hostile.report());
      expectNothingLearnt(await report());
      expect(await page.evaluate(() => (window as unknown as { hostile: { erase(): number } }).hostile.erase())).toBe(
        1,
      );
      await waitFor(
        'the flags to come back',
        () => flagCount(page),
        (n) => n > 0,
        1000,
      );
      expectNothingLearnt(await report());
      // What content scripts can read of the extension's storage (the options page reads the same areas).
      const stored = await inExtension<string>(
        firefox,
        page.url(),
        `return JSON.stringify(await browser.storage.local.get(null));`,
      );
      expect(stored.length).toBeGreaterThan(100);
      expect(stored).not.toContain(rig.registry.token);
      expect(stored).not.toMatch(/zv_[\w-]{20,}/);
      await page.close();
    });

    it('shows every expected flag, and nothing on unflagged text, as screenshots with and without the extension show', async () => {
      const plain = await launchFirefox({ extension: false });
      try {
        const ours = await open(PORTAL_HOST, '/tender-portal.html');
        const theirs = await plain.browser.newPage();
        await theirs.goto(rig.pages.url(PORTAL_HOST, '/tender-portal.html'));
        expect(await rig.problemsOnceFlagged('tender-portal.html', () => coverage(ours))).toEqual([]);
        const { flag, noFlag } = rig.expected['tender-portal.html'];
        const ids = [...Object.keys(flag), ...noFlag];
        // The portal's last rows come after load, in the page alone too.
        await waitFor(
          'every row in the page alone',
          () => theirs.evaluate((ids) => ids.every((id) => document.getElementById(id)), ids),
          (all) => all,
        );
        const kinds = Object.fromEntries(
          Object.entries(flag).map(([id, supplier]) => [id, rig.registry.kinds.get(supplier)!]),
        );
        const problems = await screenshotProblems(ours, theirs, kinds, noFlag);
        expect(problems).toEqual([]);
        await ours.close();
      } finally {
        await plain.close();
      }
    });

    // Last but one: it signs out.
    it('takes its flags away on sign-out, and leaves the page its own', async () => {
      const page = await open(PORTAL_HOST, '/structures.html');
      const options = await firefox.optionsPage();
      await options.click('#sign-out');
      await waitFor(
        'the flags to go',
        () => flagCount(page),
        (n) => n === 0,
      );
      expect(await page.evaluate(scriptedHostSheets)).toEqual(['p { margin: 0px; }']);
      await page.close();
    });

    it('sends nothing to the pages it reads', () => {
      expect(rig.strayPageRequests()).toEqual([]);
    });
  },
);
