// @vitest-environment node
/**
 * The built Firefox extension (.output/firefox-mv3) in Debian's firefox-esr over WebDriver BiDi, installed as a
 * temporary add-on, against the real API process; every host name resolves to 127.0.0.1, so the fixture pages
 * open under their real host names on the fixture server's port.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchFirefox, type LaunchedFirefox } from '../support/browser';
import { fixtureSuppliers, seedRegistry, type SeededRegistry } from '../support/extension-seed';
import {
  composeSource,
  countFlags,
  expectedFlags,
  PORTAL_HOST,
  readFlags,
  servePages,
  structuresPage,
  WEBMAIL_HOST,
  type Coverage,
  type ExpectedFlags,
  type PageServer,
} from '../support/pages';
import { startServer, type RunningServer } from '../support/server';
import { waitFor } from '../support/wait';

describe.skipIf(browserMissing('firefox', 'extension end-to-end (Firefox)'))('the extension in Firefox', { timeout: 60_000 }, () => {
  let api: RunningServer;
  let registry: SeededRegistry;
  let pages: PageServer;
  let firefox: LaunchedFirefox;
  let expected: Record<string, ExpectedFlags>;

  /** Flags of the page and of all its frames (each frame draws its own). */
  const coverage = async (page: Page): Promise<Coverage[]> =>
    (await Promise.all(page.frames().map((frame: Frame) => frame.evaluate(readFlags).catch(() => [])))).flat();

  function check(all: Coverage[], flags: ExpectedFlags, only?: (id: string) => boolean) {
    const byId = new Map(all.map((c) => [c.id, c.hits]));
    for (const id of flags.noFlag.filter((id) => !only || only(id))) expect(byId.get(id), `${id} must not be flagged`).toEqual([]);
    for (const [id, supplier] of Object.entries(flags.flag).filter(([id]) => !only || only(id))) {
      const hits = byId.get(id) ?? [];
      expect(hits.length, `${id} must be flagged`).toBeGreaterThan(0);
      expect(hits[0].highlight, `${id} is drawn as its supplier's conflict`).toBe(`zuiver-${registry.kinds.get(supplier)}`);
    }
  }

  async function open(host: string, path: string): Promise<Page> {
    const page = await firefox.browser.newPage();
    await page.goto(pages.url(host, path));
    await waitFor('flags', () => page.evaluate(countFlags), (n) => n > 0);
    return page;
  }

  beforeAll(async () => {
    expected = await expectedFlags();
    const structures = structuresPage(await fixtureSuppliers());
    expected['structures.html'] = structures.expected;
    api = await startServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    registry = await seedRegistry(api);
    pages = await servePages({ routes: { '/structures.html': structures.html } });
    firefox = await launchFirefox();
    const options = await firefox.optionsPage();
    await options.type('#token-form [name=server]', api.url);
    await options.type('#token-form [name=token]', registry.token);
    await options.click('#token-form button[type=submit]');
    await waitFor('signing in', () => options.$eval('#who', (el) => el.textContent ?? ''), (who) => who.includes(registry.manager.name), 15_000);
  }, 180_000);

  afterAll(async () => {
    await firefox?.close();
    await pages?.close();
    await api?.stop();
  });

  it('flags every mention on the tender portal as its supplier, late rows too, and nothing else', async () => {
    const page = await open(PORTAL_HOST, '/tender-portal.html');
    await page.waitForSelector('#o53');
    const all = await waitFor('the late rows', () => coverage(page), (c) => !!c.find((e) => e.id === 'o53')?.hits.length);
    check(all, expected['tender-portal.html']);
    await page.close();
  });

  it('flags the webmail and the next message, and leaves the compose field byte for byte', async () => {
    const compose = await composeSource();
    const page = await open(WEBMAIL_HOST, '/webmail.html');
    check(await coverage(page), expected['webmail.html'], (id) => id !== 'o26');
    await page.click('#next');
    await page.waitForSelector('#o26');
    const all = await waitFor('the next message', () => coverage(page), (c) => !!c.find((e) => e.id === 'o26')?.hits.length);
    check(all, expected['webmail.html'], (id) => id === 'o26');
    expect(await page.evaluate(() => document.querySelector('.compose')!.outerHTML)).toBe(compose);
    await page.close();
  });

  it('flags inside open shadow roots and frames, and styles the flags in shadow roots too', async () => {
    const page = await open(PORTAL_HOST, '/structures.html');
    const flags = expected['structures.html'];
    const all = await waitFor(
      'every frame and shadow root',
      () => coverage(page),
      (c) => Object.keys(flags.flag).every((id) => c.find((e) => e.id === id)?.hits.length),
    );
    check(all, flags);
    const styled = await page.evaluate(() =>
      [...document.getElementById('scripted-host')!.shadowRoot!.adoptedStyleSheets].some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.cssText.includes('::highlight(zuiver-')),
      ),
    );
    expect(styled).toBe(true);
    await page.close();
  });

  it('opens a card on a click, in a shadow root closed to the page', async () => {
    const page = await open(PORTAL_HOST, '/tender-portal.html');
    const hit = (await coverage(page)).find((c) => c.id === 'o3')!.hits[0];
    await page.mouse.click(hit.x, hit.y);
    await page.waitForSelector('zuiver-card');
    expect(await page.evaluate(() => document.querySelector('zuiver-card')!.shadowRoot)).toBeNull();
    await page.keyboard.press('Escape');
    await waitFor('the card to close', () => page.evaluate(() => !!document.querySelector('zuiver-card')), (open) => !open);
    await page.close();
  });

  it('sends nothing to the pages it reads', () => {
    expect(pages.requests.filter((r) => !/ \/(tender-portal|webmail|structures)\.html$| \/favicon\.ico$/.test(r))).toEqual([]);
  });
});
