/** The extension bench's readiness: when the matcher is ready on a short page, and the browser's storage read alone. */
import type { LaunchedChromium } from '../support/browser.ts';

/**
 * When the top frame's matcher is ready on a page with little text, where nothing else keeps the tab busy, and
 * how much of that went to parsing and loading it; with `workerAsleep`, on the first page after a pause.
 */
export async function readyOnShortPage(
  chromium: LaunchedChromium,
  url: string,
  workerAsleep = false,
): Promise<{ ready: number; load: number }> {
  if (workerAsleep) {
    // As after half a minute without work, when the browser stops the extension's service worker.
    const helper = await chromium.context.newPage();
    const cdp = await chromium.context.newCDPSession(helper);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await helper.close();
  }
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('zuiver:matcher-ready').length > 0, null, {
    timeout: 60_000,
  });
  const figures = await page.evaluate(() => ({
    ready: performance.getEntriesByName('zuiver:matcher-ready')[0].duration,
    load: performance.getEntriesByName('zuiver:matcher-load')[0].duration,
  }));
  await page.close();
  return figures;
}

/**
 * The baseline for readiness: the browser answering the same storage read at document_start, for an extension
 * that does nothing else (storage-baseline/), on the same page.
 */
export async function baselineRead(chromium: LaunchedChromium, url: string): Promise<number> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('baseline:storage-read').length > 0, null, {
    timeout: 60_000,
  });
  const read = await page.evaluate(() => performance.getEntriesByName('baseline:storage-read')[0].duration);
  await page.close();
  return read;
}
