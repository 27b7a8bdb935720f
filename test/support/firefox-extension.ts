/**
 * Steps the Firefox extension suite takes again and again: signing in on the options page, opening a page until
 * it is flagged, whether a card is open, running extension code (WebDriver BiDi cannot reach the background), and
 * comparing screenshots of a page with and without the extension.
 */
import type { Page } from 'puppeteer-core';
import { cardTextsFirefox, drawnCountFirefox, readDrawnFlagsFirefox } from './drawn-flags-firefox.ts';
import type { LaunchedFirefox } from './firefox.ts';
import { kindsDrawn, pixelsChanged } from './png.ts';
import { waitFor } from './wait.ts';

/** Signs in through the options page's token form and waits until it names the person signed in (`who`). */
export async function signInFirefox(firefox: LaunchedFirefox, server: string, token: string, who: string) {
  const options = await firefox.optionsPage();
  await options.type('#token-form [name=server]', server);
  await options.type('#token-form [name=token]', token);
  await options.click('#token-form button[type=submit]');
  await waitFor(
    'signing in',
    () => options.$eval('#who', (el) => el.textContent ?? ''),
    (text) => text.includes(who),
    15_000,
  );
}

/** A new tab showing `url`, once the extension has drawn flags on it. */
export async function openFlaggedFirefox(firefox: LaunchedFirefox, url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  await waitFor(
    'flags',
    () => drawnCountFirefox(page),
    (n) => n > 0,
  );
  return page;
}

/** Whether a card is open on the page, and in any of its frames. */
export async function cardsInFirefox(page: Page): Promise<boolean[]> {
  const [top, ...frames] = await cardTextsFirefox(page);
  return [top !== '', frames.some((text) => text !== '')];
}

/**
 * Runs `source` (a function body, as source text: a function would reach the page with the test runner's
 * import helpers in it) in the extension's options page, which may use every extension API: WebDriver BiDi
 * cannot reach the background. `tabId` is the tab showing `url`.
 */
export async function inExtension<T>(firefox: LaunchedFirefox, url: string, source: string): Promise<T> {
  const options = await firefox.optionsPage();
  return options.evaluate(`(async () => {
      const [{ id: tabId }] = await browser.tabs.query({ url: ${JSON.stringify(url.replace(/:\d+\//, '/'))} }); // Match patterns have no port.
      ${source}
    })()`) as Promise<T>;
}

/** The suppliers (registry ids) each frame of the tab showing `url` reported as flagged, by frame id. */
export const reportedFlagsFirefox = (firefox: LaunchedFirefox, url: string) =>
  inExtension<Record<string, string[]>>(
    firefox,
    url,
    `return (await browser.storage.session.get('tabFlags')).tabFlags?.[tabId] ?? {};`,
  );

/**
 * Screenshots each element in both pages, `ours` with the extension and `theirs` without: an element of `flag`
 * (id to the kind of flag expected) must show that kind drawn, one of `noFlag` no pixel changed. What did not,
 * and what was seen instead.
 */
export async function screenshotProblems(
  ours: Page,
  theirs: Page,
  flag: Record<string, string>,
  noFlag: string[],
): Promise<string[]> {
  /** The element in view in both browsers, as [with the extension, without]. */
  const shots = (id: string) =>
    Promise.all(
      [ours, theirs].map(async (page) => {
        const element = (await page.$(`#${id}`))!;
        await element.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        return element.screenshot();
      }),
    );
  const problems: string[] = [];
  // The overlay follows a scroll in the next frames: each check waits for what it expects, and says what it saw.
  const expectShots = (
    id: string,
    what: string,
    ok: (shots: Uint8Array[]) => boolean,
    describe: (shots: Uint8Array[]) => string,
  ) =>
    waitFor(`${id} ${what}`, () => shots(id), ok, 5_000).catch(async () =>
      problems.push(`${id}: ${describe(await shots(id))}`),
    );
  for (const [id, kind] of Object.entries(flag)) {
    await expectShots(
      id,
      `drawn as ${kind}`,
      ([withFlags, without]) =>
        kindsDrawn(withFlags).includes(kind) &&
        pixelsChanged(withFlags, without) > 0 &&
        kindsDrawn(without).length === 0,
      ([withFlags, without]) =>
        `${kind} not drawn (${kindsDrawn(withFlags).join(', ') || 'nothing'}; the page alone: ${kindsDrawn(without).join(', ') || 'nothing'})`,
    );
  }
  for (const id of noFlag) {
    await expectShots(
      id,
      'as the page alone shows it',
      ([withFlags, without]) => pixelsChanged(withFlags, without) === 0,
      ([withFlags, without]) => `${pixelsChanged(withFlags, without)} pixels differ from the page alone`,
    );
  }
  return problems;
}

/** Adds a site on the options page and waits until its list shows it. */
export async function addSiteFirefox(firefox: LaunchedFirefox, site: string): Promise<void> {
  const options = await firefox.optionsPage();
  await options.type('#site-form [name=site]', site);
  await options.click('#site-form button[type=submit]');
  await waitFor(
    'the added site in the list',
    () => options.$eval('#sites', (el) => el.textContent ?? ''),
    (text) => text.includes(`https://${site}/*`),
  );
}

/** Where the flag of element `id` is drawn once it stays put between two reads (the page may still scroll). */
export async function steadyHitFirefox(page: Page, id: string) {
  const where = async () => (await readDrawnFlagsFirefox(page, [id])).find((c) => c.id === id)!.hits[0];
  let last = await where();
  return waitFor(
    'the flag to stay put',
    async () => [last, (last = await where())],
    ([a, b]) => a.y === b.y,
  ).then(([, b]) => b);
}
