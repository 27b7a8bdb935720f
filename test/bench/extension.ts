/**
 * The extension in Chromium with the 10,000-supplier watchlist on a generated 1 MB, 5,000-row page: time from
 * document_idle to all flags drawn, and from DOMContentLoaded, which comes earlier; its CPU over the whole load,
 * the longest main-thread task, the time to handle 100 rows appended later, the content script's heap per tab and
 * per small frame, and when its matcher is ready; next to advanced-mark.js (combinePatterns, the same names),
 * mark.js (the first 100 names) and the page without the extension, in the same run. Timings are medians of a few
 * page loads. Asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import type { Watchlist, WatchlistEntry } from '../../core/types.ts';
import { browserMissing, launchChromium, signInWithToken, type LaunchedChromium } from '../support/browser.ts';
import { drawnCount, drawnOver } from '../support/drawn-flags.ts';
import { PORTAL_HOST, servePages } from '../support/pages.ts';

/** The extension APIs as seen inside a service worker, where `evaluate` runs the functions given to it. */
declare const chrome: typeof import('wxt/browser').browser;

const TARGET = {
  firstPassMs: 50,
  longTaskMs: 50,
  appendMs: 5,
  timesAdvancedMark: 100,
  heapMb: 15,
  matcherReadyMs: 30,
  frameHeapMb: 0.5,
  scrollMedianAddedMs: 2,
  scrollLongestAddedMs: 50,
};
const LOADS = 5;
/** Loads under the sampling profiler, for the extension's CPU time: a few, as one VM preemption shows in one. */
const PROFILED_LOADS = 3;
/** Loads of a short page: cheap, and the browser's answer varies by tens of milliseconds from load to load here. */
const SHORT_LOADS = 11;
const MB = 1024 * 1024;

interface Supplier {
  id: string;
  names: string[];
  domains: string[];
  kvk: string[];
  vat: string[];
}

/** A deterministic stand-in for Math.random, so every run measures the same page. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function watchlistOf(suppliers: Supplier[]): Watchlist {
  const kinds = ['negotiation', 'related', 'purchase'] as const;
  const entries: WatchlistEntry[] = suppliers.map((s, i) => ({
    ...s,
    name: s.names[0],
    conflicts: [{ kind: kinds[i % 3], summary: 'Bench', since: '2026-01-01', advice: 'Bench' }],
  }));
  return {
    version: 'bench-1',
    generatedAt: new Date().toISOString(),
    registryUrl: 'http://127.0.0.1/',
    counsellor: { name: 'Bench', contact: 'bench' },
    entries,
  };
}

/** A tender list: every other row names a watched supplier (a name or alias, and its KvK number). */
function benchPage(suppliers: Supplier[]) {
  const next = random(7);
  const words = ['Onderhoud', 'Renovatie', 'Dakwerk', 'Schilderwerk', 'Installatie', 'Groen', 'Advies', 'Beheer'];
  const row = (i: number) => {
    const s = suppliers[Math.floor(next() * suppliers.length)];
    const watched = i % 2 === 1;
    const name = watched ? s.names[Math.floor(next() * s.names.length)] : `${words[i % 8]} Firma ${i} en Partners`;
    const kvk = watched ? (s.kvk[0] ?? '') : String(90_000_000 + i);
    const text = `${words[(i * 3) % 8]} van ${40 + (i % 300)} woningen in blok ${i % 97}, perceel ${i % 12}, fase ${i % 4}`;
    return `<tr><td><a href="#r${i}">${name}</a></td><td>KvK ${kvk}</td><td>${text}</td><td>EUR ${(i * 7919) % 900_000}</td><td>2026-${String((i % 12) + 1).padStart(2, '0')}-15</td></tr>`;
  };
  const rows = Array.from({ length: 5000 }, (_, i) => row(i)).join('\n');
  const later = Array.from({ length: 100 }, (_, i) => row(5000 + i)).join('\n');
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inschrijvingen</title>
<style>td{padding:2px 6px;font:13px sans-serif}</style></head><body><h1>Inschrijvingen 2026</h1>
<table><tbody id="rows">\n${rows}\n</tbody></table>
<template id="later">${later}</template></body></html>`;
  // The same rows in a pane that scrolls inside a fixed page, as a webmail's message list does.
  const pane = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Postvak</title>
<style>body{margin:0;height:100vh;display:flex;flex-direction:column;overflow:hidden}header{height:60px}
#pane{flex:1;overflow:auto}td{padding:2px 6px;font:13px sans-serif}</style></head><body><header>Postvak</header>
<div id="pane"><table><tbody>\n${rows}\n</tbody></table></div></body></html>`;
  return { html, pane, names: suppliers.flatMap((s) => s.names) };
}

/** One page with a little text and ten small srcdoc frames, and the same page without them. */
function framePages(suppliers: Supplier[]) {
  const frame = (i: number) =>
    `<iframe srcdoc="<p>Bericht ${i} van ${suppliers[i].names[0].replace(/"/g, '&quot;')}</p>"></iframe>`;
  const page = (frames: string) =>
    `<!doctype html><html><head><meta charset="utf-8"></head><body><p>Postvak</p>${frames}</body></html>`;
  return { withFrames: page(Array.from({ length: 10 }, (_, i) => frame(i)).join('')), without: page('') };
}

/** The two routes of the registry's contract the extension uses, with the CORS it needs. */
async function serveContract(watchlist: Watchlist): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify(watchlist);
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Accept-Language, If-None-Match');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.url === '/api/v1/me')
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: 'b', email: 'bench@example.nl', name: 'Bench', role: 'manager', managerId: null }));
    if (req.url !== '/api/v1/watchlist') return void res.writeHead(404).end();
    const etag = `"${watchlist.version}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** CPU time spent in (or below) the extension's code, and its longest stretch without a pause: its tasks. */
function extensionTime(profile: CpuProfile, prefix: string): { totalMs: number; longestMs: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)!.callFrame.url.startsWith(prefix) || (up !== undefined && isOurs(up));
      ours.set(id, known);
    }
    return known;
  };
  let total = 0;
  let longest = 0;
  let stretch = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    stretch = isOurs(id) ? stretch + dt : 0;
    total += isOurs(id) ? dt : 0;
    longest = Math.max(longest, stretch);
  });
  return { totalMs: total, longestMs: longest };
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / MB;
}

/**
 * Watches long tasks from the first moment of the page, and long animation frames, which also count the
 * rendering a task causes (drawing thousands of highlight ranges is the browser's work, not the script's).
 */
function observeLongTasks() {
  const tasks: number[] = [];
  const frames: number[] = [];
  Object.assign(window, { longTasks: tasks, longFrames: frames });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({
    type: 'longtask',
    buffered: true,
  });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => frames.push(e.duration))).observe({
    type: 'long-animation-frame',
    buffered: true,
  });
}

type Observed = { longTasks: number[]; longFrames: number[] };

/**
 * One load of the bench page: timings as the page sees them, and the extension's CPU time (`prefix`: its URLs)
 * for the 100 appended rows and, with `profileLoad`, for the load. The sampling profiler slows what it watches,
 * so load timings come from loads without it.
 */
async function loadOnce(chromium: LaunchedChromium, url: string, prefix: string, profileLoad: boolean) {
  const page = await chromium.context.newPage();
  await page.addInitScript(observeLongTasks);
  const cdp = await chromium.context.newCDPSession(page);
  const profiled = async <T>(action: () => Promise<T>, profile = true) => {
    if (!profile) return { result: await action(), cpu: null };
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const result = await action();
    return {
      result,
      cpu: extensionTime(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile, prefix),
    };
  };
  const load = await profiled(async () => {
    await page.goto(url);
    await page.waitForFunction(
      () => ['zuiver:first-pass', 'document_idle'].every((name) => performance.getEntriesByName(name).length),
      null,
      { timeout: 60_000 },
    );
  }, profileLoad);
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
  const append = await profiled(async () => {
    const start = Date.now();
    // As source text: a function would reach the page with the bundler's name helpers in it.
    await page.evaluate(`document.getElementById('rows').append(document.getElementById('later').content.cloneNode(true));
      scrollTo(0, document.documentElement.scrollHeight);`);
    // The last row names a watched supplier.
    while (!(await drawnOver(page, '#rows tr:last-child td')) && Date.now() - start < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 2));
    const elapsed = Date.now() - start;
    await page.waitForTimeout(100);
    return elapsed;
  });
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

async function plainHeap(
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
async function idleAfterParsed(chromium: LaunchedChromium, url: string): Promise<number> {
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
async function plainAppend(chromium: LaunchedChromium, url: string): Promise<number> {
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

/** Frames scrolled through per run: 40 px a frame, some 12,000 px of rows. */
const SCROLL_FRAMES = 300;

/**
 * A scripted scroll through the page (`pane`: through the scrolling pane inside it), 40 px per animation frame:
 * the time between frames, whose median and longest are compared with the page alone. The extension redraws the
 * flags in view at every frame of it.
 */
async function scrollFrames(
  chromium: LaunchedChromium,
  url: string,
  pane: boolean,
): Promise<{ median: number; longest: number }> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  // Settled: the first pass done and drawn, or the page alone after the same wait.
  await page.waitForTimeout(1500);
  // As source text: a function would reach the page with the bundler's name helpers in it.
  const gaps = (await page.evaluate(`new Promise((resolve) => {
    const target = ${pane} ? document.getElementById('pane') : document.scrollingElement;
    const gaps = [];
    let last = 0;
    let n = 0;
    const step = (now) => {
      if (last) gaps.push(now - last);
      last = now;
      target.scrollTop += 40;
      if (++n < ${SCROLL_FRAMES}) requestAnimationFrame(step);
      else resolve(gaps);
    };
    requestAnimationFrame(step);
  })`)) as number[];
  await page.close();
  return { median: median(gaps), longest: Math.max(...gaps) };
}

/**
 * When the top frame's matcher is ready on a page with little text, where nothing else keeps the tab busy, and
 * how much of that went to parsing and loading it; with `workerAsleep`, on the first page after a pause.
 */
async function readyOnShortPage(
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
async function baselineRead(chromium: LaunchedChromium, url: string): Promise<number> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('baseline:storage-read').length > 0, null, {
    timeout: 60_000,
  });
  const read = await page.evaluate(() => performance.getEntriesByName('baseline:storage-read')[0].duration);
  await page.close();
  return read;
}

/** Runs a highlighting library in the page and returns how long its call took; `options` is source text. */
async function library(page: Page, script: string, names: string[], options: string): Promise<number> {
  await page.addScriptTag({ path: new URL(`../../node_modules/${script}`, import.meta.url).pathname });
  // As source text: a function would reach the page with the bundler's name helpers in it.
  return page.evaluate(`new Promise((resolve) => {
    const start = performance.now();
    new Mark(document.body).mark(${JSON.stringify(names)}, { ...${options}, done: () => resolve(performance.now() - start) });
  })`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1)} ms`;
/** `ok` null: a figure with no target of its own, printed next to its baseline. */
function line(label: string, value: string, target: string, ok: boolean | null) {
  const mark = ok === null ? 'info' : ok ? 'ok  ' : 'MISS';
  console.log(`${mark} ${label.padEnd(44)} ${value.padEnd(34)} ${ok === null ? '' : 'target '}${target}`);
}

export async function run(): Promise<void> {
  if (browserMissing('chromium', 'extension bench')) return;
  const suppliers: Supplier[] = JSON.parse(
    readFileSync(new URL('../../../shared/fixtures/watchlist-10k.json', import.meta.url), 'utf8'),
  );
  const { html, pane, names } = benchPage(suppliers);
  const frames = framePages(suppliers);
  console.log(
    `watchlist: ${suppliers.length} suppliers, ${names.length} names; page: ${(Buffer.byteLength(html) / MB).toFixed(2)} MB, 5,000 rows`,
  );

  const contract = await serveContract(watchlistOf(suppliers));
  const pages = await servePages({
    hosts: [PORTAL_HOST],
    routes: {
      '/bench.html': html,
      '/pane.html': pane,
      '/frames.html': frames.withFrames,
      '/no-frames.html': frames.without,
    },
  });
  const url = (path: string) => pages.url(PORTAL_HOST, path);
  const companions = [fileURLToPath(new URL('document-idle', import.meta.url))];
  const extension = await launchChromium({ hosts: [PORTAL_HOST], port: pages.port, companions });
  const plain = await launchChromium({ extension: false, hosts: [PORTAL_HOST], port: pages.port, companions });
  const storageOnly = await launchChromium({
    extension: fileURLToPath(new URL('storage-baseline', import.meta.url)),
    hosts: [PORTAL_HOST],
    port: pages.port,
  });
  try {
    await signInWithToken(extension, contract.url, 'bench', 'Bench');
    // The baseline extension stores what the extension stored: the same read, of the same size.
    const stored = await extension.worker!.evaluate(() => chrome.storage.local.get(['flagData', 'paused']));
    await storageOnly.worker!.evaluate((items) => chrome.storage.local.set(items), stored);

    const prefix = `chrome-extension://${extension.extensionId}/`;
    const loads: Array<Awaited<ReturnType<typeof loadOnce>>> = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadOnce(extension, url('/bench.html'), prefix, false));
    const profiledLoads: typeof loads = [];
    for (let i = 0; i < PROFILED_LOADS; i++)
      profiledLoads.push(await loadOnce(extension, url('/bench.html'), prefix, true));
    const loadCpu = median(profiledLoads.map((l) => l.loadCpu));
    // The target is a ceiling, so the worst load counts.
    const ourLongest = Math.max(...profiledLoads.map((l) => l.ourLongest));
    // A few milliseconds of CPU, in which one preemption of the VM or one garbage collection shows: a median.
    const appendCpu = median([...loads, ...profiledLoads].map((l) => l.appendCpu));
    const shortReady: Array<{ ready: number; load: number }> = [];
    const asleepReady: number[] = [];
    const baselineReads: number[] = [];
    // Taken in turns, so that none gains from coming later (the browser caches the scripts' compiled code).
    for (let i = 0; i < SHORT_LOADS; i++) {
      shortReady.push(await readyOnShortPage(extension, url('/no-frames.html')));
      asleepReady.push((await readyOnShortPage(extension, url('/no-frames.html'), true)).ready);
      baselineReads.push(await baselineRead(storageOnly, url('/no-frames.html')));
    }
    const baseline = await plainHeap(plain, url('/bench.html'));
    const plainAppends: number[] = [];
    const plainIdle: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      plainAppends.push(await plainAppend(plain, url('/bench.html')));
      plainIdle.push(await idleAfterParsed(plain, url('/bench.html')));
    }
    const scrolls = [
      {
        label: 'the page',
        ours: await scrollFrames(extension, url('/bench.html'), false),
        alone: await scrollFrames(plain, url('/bench.html'), false),
      },
      {
        label: 'a pane in it',
        ours: await scrollFrames(extension, url('/pane.html'), true),
        alone: await scrollFrames(plain, url('/pane.html'), true),
      },
    ];
    const framed =
      (await plainHeap(extension, url('/frames.html'))).heap - (await plainHeap(plain, url('/frames.html'))).heap;
    const unframed =
      (await plainHeap(extension, url('/no-frames.html'))).heap - (await plainHeap(plain, url('/no-frames.html'))).heap;

    const markPage = await plain.context.newPage();
    await markPage.goto(url('/bench.html'));
    // All names in one pattern: with the default of 10 per pattern, advanced-mark.js recurses once per pattern and
    // overflows the stack past ~3,000 names (and takes ~5 s per 1,000). Without diacritics folding, which also
    // overflows the RegExp engine at this size.
    const advanced = await library(
      markPage,
      'advanced-mark.js/dist/mark.min.js',
      names,
      '{ combinePatterns: Infinity, separateWordSearch: false, diacritics: false }',
    );
    const advancedMarks = await markPage.evaluate(() => document.querySelectorAll('mark').length);
    await markPage.goto(url('/bench.html'));
    const markJs = await library(
      markPage,
      'mark.js/dist/mark.min.js',
      names.slice(0, 100),
      '{ separateWordSearch: false }',
    );
    await markPage.close();

    const firstPass = median(loads.map((l) => l.firstPass));
    // The page's own document_idle: the extension's work after DOMContentLoaded holds up the load event, and with
    // it document_idle, so the moment is taken from the page alone.
    const idleAlone = median(plainIdle);
    const fromIdle = Math.max(0, firstPass - idleAlone);
    const pick = (key: keyof (typeof loads)[number]) => median(loads.map((l) => l[key] as number));
    console.log(
      `flag boxes drawn in view: ${loads[0].flags}; advanced-mark.js marked ${advancedMarks}; ${LOADS} loads, medians below`,
    );
    console.log(`first passes from DOMContentLoaded: ${loads.map((l) => ms(l.firstPass)).join(', ')}`);
    line(
      'document_idle -> flags in view drawn',
      ms(fromIdle),
      `< ${TARGET.firstPassMs} ms (${(fromIdle / TARGET.firstPassMs).toFixed(1)}x)`,
      fromIdle < TARGET.firstPassMs,
    );
    // Earlier than document_idle, so stricter: the ratio to advanced-mark.js below is taken from this one.
    line('  from DOMContentLoaded', ms(firstPass), `document_idle: ${ms(idleAlone)} after it, page alone`, null);
    line(
      '  document_idle after it, with the extension',
      ms(pick('idleAfterParsed')),
      `page alone: ${ms(idleAlone)}`,
      null,
    );
    // Most of the scanning happens while the page comes in, so this, not the first pass, is the cost of flagging
    // the page at all; advanced-mark.js is compared with both below.
    console.log(`extension CPU over the whole load (profiled): ${profiledLoads.map((l) => ms(l.loadCpu)).join(', ')}`);
    line('extension CPU over the whole load (profiled)', ms(loadCpu), `advanced-mark.js: ${ms(advanced)}`, null);
    console.log(
      `matcher ready, short page: ${shortReady.map((s) => ms(s.ready)).join(', ')}; bench page: ${loads.map((l) => ms(l.matcherReady)).join(', ')}`,
    );
    const ready = (label: string, value: number) =>
      line(
        label,
        ms(value),
        `< ${TARGET.matcherReadyMs} ms (${(value / TARGET.matcherReadyMs).toFixed(1)}x)`,
        value < TARGET.matcherReadyMs,
      );
    ready('matcher ready after start, short page', median(shortReady.map((s) => s.ready)));
    // The rest is the browser answering the storage read, which no code of ours can shorten; the baseline is
    // that read alone, by an extension that does nothing else.
    line('  of which loading it', ms(median(shortReady.map((s) => s.load))), 'the rest: the browser answering', null);
    line(
      '  the same storage read, baseline extension',
      ms(median(baselineReads)),
      `reads: ${baselineReads.map(ms).join(', ')}`,
      null,
    );
    ready('  the same with the service worker asleep', median(asleepReady));
    ready('  the same while the 1 MB page is parsed', pick('matcherReady'));
    line(
      '  tab waiting for it once the page is parsed',
      ms(pick('matcherWait')),
      '0 ms (ready before the text is)',
      pick('matcherWait') === 0,
    );
    line(
      'longest extension task (profiled: inflated)',
      ms(ourLongest),
      `< ${TARGET.longTaskMs} ms`,
      ourLongest < TARGET.longTaskMs,
    );
    line(
      'longest task on the page, with extension',
      ms(pick('longestTask')),
      `page alone: ${ms(baseline.longestTask)}`,
      null,
    );
    line(
      'longest frame, rendering included',
      ms(pick('longestFrame')),
      `page alone: ${ms(baseline.longestFrame)}`,
      null,
    );
    line(
      '100 rows appended: until flagged',
      ms(pick('appendLatency')),
      `page alone, until drawn: ${ms(median(plainAppends))}`,
      null,
    );
    console.log(
      `100 rows appended, extension CPU: ${[...loads, ...profiledLoads].map((l) => ms(l.appendCpu)).join(', ')}`,
    );
    line(
      '100 rows appended: extension CPU (profiled)',
      ms(appendCpu),
      `< ${TARGET.appendMs} ms (${(appendCpu / TARGET.appendMs).toFixed(1)}x)`,
      appendCpu < TARGET.appendMs,
    );
    line(
      'JS heap added per tab',
      `${(pick('heap') - baseline.heap).toFixed(1)} MB`,
      `< ${TARGET.heapMb} MB`,
      pick('heap') - baseline.heap < TARGET.heapMb,
    );
    const perFrame = (framed - unframed) / 10;
    line(
      'JS heap added per small frame',
      `${perFrame.toFixed(2)} MB`,
      `next to nothing (< ${TARGET.frameHeapMb} MB)`,
      perFrame < TARGET.frameHeapMb,
    );
    for (const { label, ours, alone } of scrolls) {
      const added = ours.median - alone.median;
      line(
        `scrolling ${label}: median frame`,
        ms(ours.median),
        `page alone: ${ms(alone.median)}; < ${TARGET.scrollMedianAddedMs} ms more`,
        added < TARGET.scrollMedianAddedMs,
      );
      const longest = ours.longest - alone.longest;
      line(
        `scrolling ${label}: longest frame`,
        ms(ours.longest),
        `page alone: ${ms(alone.longest)}; < ${TARGET.scrollLongestAddedMs} ms more`,
        longest < TARGET.scrollLongestAddedMs,
      );
    }
    console.log(
      `advanced-mark.js (combinePatterns, ${names.length} names): ${ms(advanced)}; mark.js (first 100 names): ${ms(markJs)}`,
    );
    const times = (extensionMs: number) => `${(advanced / extensionMs).toFixed(0)}x`;
    // The target is on the wait a reader has once the page is there, as advanced-mark.js can only start then.
    line(
      'advanced-mark.js / extension first pass',
      times(firstPass),
      `>= ${TARGET.timesAdvancedMark}x`,
      advanced / firstPass >= TARGET.timesAdvancedMark,
    );
    // The work of flagging the page at all, most of it done while the page came in (profiled: errs low): shown for
    // what it costs, with no target of its own.
    line(
      'advanced-mark.js / extension CPU, whole load',
      times(loadCpu),
      'the whole cost, beside the target above',
      null,
    );
  } finally {
    await extension.close();
    await plain.close();
    await storageOnly.close();
    await pages.close();
    contract.server.close();
  }
}
