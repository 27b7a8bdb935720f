/**
 * The extension bench's page loads: the bench page with the extension (first pass, readiness, long tasks, the 100
 * appended rows, CPU and heap), and the same page alone for its baselines.
 */
import type { LaunchedChromium } from '../support/browser.ts';
import { drawnCount, drawnOverPoll } from '../support/drawn-flags.ts';
import { heapMb, observeLongTasks, type Observed } from './extension-profile.ts';
import { tracingExtension } from './extension-tasks.ts';

/**
 * One load of the bench page: timings as the page sees them, and the extension's CPU time (`prefix`: its URLs)
 * for the 100 appended rows and, with `traceLoad`, for the load. Tracing slows the page a little, so load timings
 * come from loads without it.
 */
export async function loadOnce(chromium: LaunchedChromium, url: string, prefix: string, traceLoad: boolean) {
  const page = await chromium.context.newPage();
  await page.addInitScript(observeLongTasks);
  const cdp = await chromium.context.newCDPSession(page);
  /** The extension's CPU time over `action`, and its longest task (traced: extension-tasks.ts). */
  const traced = async <T>(action: () => Promise<T>, trace = true) => {
    if (!trace) return { result: await action(), cpu: null };
    const { result, ...cpu } = await tracingExtension(cdp, prefix, action);
    return { result, cpu };
  };
  const load = await traced(async () => {
    await page.goto(url);
    await page.waitForFunction(
      () => ['zuiver:first-pass', 'document_idle'].every((name) => performance.getEntriesByName(name).length),
      null,
      { timeout: 60_000 },
    );
  }, traceLoad);
  const figures = await page.evaluate(() => {
    const ready = performance.getEntriesByName('zuiver:matcher-ready')[0];
    const parsed = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
      .domContentLoadedEventStart;
    return {
      firstPass: performance.getEntriesByName('zuiver:first-pass')[0].duration,
      idleAfterParsed: performance.getEntriesByName('document_idle')[0].startTime - parsed,
      matcherReady: ready.duration,
      matcherWait: Math.max(0, ready.startTime + ready.duration - parsed),
      longestTask: Math.max(0, ...(window as unknown as Observed).longTasks),
      longestFrame: Math.max(0, ...(window as unknown as Observed).longFrames),
    };
  });
  const flags = await drawnCount(page);
  // 100 more rows, as a page that loads more results would add them, scrolled to; done when their flags are
  // drawn. The overlay is closed to the page, so the count is read from here (a few ms of polling included).
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(300);
  // And past the extension's look for late shadow roots a second after the load event (page/late-shadows.ts): a
  // scheduled query over the whole page, 3-20 ms here, that is no cost of the rows but fell inside the window below.
  await page.waitForFunction(
    `performance.getEntriesByType('navigation')[0].loadEventEnd > 0 &&
      performance.now() > performance.getEntriesByType('navigation')[0].loadEventEnd + 1500`,
    null,
    { timeout: 10_000 },
  );
  const poll = await drawnOverPoll(page);
  // Found before the append, so that the wait below is the extension's, not the overlay's search.
  await poll.drawnOver('#rows tr:last-child td');
  const append = await traced(async () => {
    const start = Date.now();
    // As source text: a function would reach the page with the bundler's name helpers in it. Ending in
    // `undefined`: Chromium's `scrollTo` returns a promise, and Playwright's waiting for it was a task of microtasks
    // alone in the trace, which extension-tasks.ts counts as the extension's (0.3 ms of every append).
    await page.evaluate(`document.getElementById('rows').append(document.getElementById('later').content.cloneNode(true));
      scrollTo(0, document.documentElement.scrollHeight);
      undefined`);
    // The last row names a watched supplier.
    while (!(await poll.drawnOver('#rows tr:last-child td')) && Date.now() - start < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 2));
    const elapsed = Date.now() - start;
    await page.waitForTimeout(100);
    return elapsed;
  });
  await poll.close();
  const heap = await heapMb(cdp);
  await page.close();
  return {
    ...figures,
    flags,
    appendLatency: append.result,
    loadCpu: load.cpu?.totalMs ?? NaN,
    ourLongest: load.cpu?.longestMs ?? NaN,
    appendCpu: append.cpu?.totalMs ?? NaN,
    heap,
  };
}

export async function plainHeap(
  chromium: LaunchedChromium,
  url: string,
): Promise<{ heap: number; longestTask: number; longestFrame: number }> {
  const page = await chromium.context.newPage();
  await page.addInitScript(observeLongTasks);
  await page.goto(url);
  await page.waitForTimeout(500);
  const longest = await page.evaluate(() => ({
    longestTask: Math.max(0, ...(window as unknown as Observed).longTasks),
    longestFrame: Math.max(0, ...(window as unknown as Observed).longFrames),
  }));
  const heap = await heapMb(await chromium.context.newCDPSession(page));
  await page.close();
  return { heap, ...longest };
}

/**
 * When the browser runs document_idle scripts (a companion extension marks it), counted from DOMContentLoaded:
 * at the load event here, or 200 ms after DOMContentLoaded, whichever comes first.
 */
export async function idleAfterParsed(chromium: LaunchedChromium, url: string): Promise<number> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('document_idle').length > 0, null, { timeout: 60_000 });
  const after = await page.evaluate(
    () =>
      performance.getEntriesByName('document_idle')[0].startTime -
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
  );
  await page.close();
  return after;
}

/** The page alone: how long until 100 appended rows are drawn (two animation frames), the floor for flagging them. */
export async function plainAppend(chromium: LaunchedChromium, url: string): Promise<number> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  // As source text: a function would reach the page with the bundler's name helpers in it.
  const elapsed = (await page.evaluate(`new Promise((resolve) => {
    const start = performance.now();
    document.getElementById('rows').append(document.getElementById('later').content.cloneNode(true));
    scrollTo(0, document.documentElement.scrollHeight);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
  })`)) as number;
  await page.close();
  return elapsed;
}
