/**
 * Real browsers for end-to-end tests and benches: Debian's Chromium through playwright-core (new headless, the
 * built extension loaded) and Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (firefox.ts). Where a
 * browser is missing the suite is skipped with a loud notice; with REQUIRE_E2E=1 (CI) it fails instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { outOfReach } from './out-of-reach.ts';
import { freePort } from './server.ts';
import { waitFor } from './wait.ts';

/** The extension APIs as seen inside the service worker, where `evaluate` runs the functions given to it. */
declare const chrome: typeof import('wxt/browser').browser;

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** Chromium speaks Dutch, to extensions too, only where its Dutch resources are installed. */
const CHROMIUM_DUTCH_PATH = process.env.CHROMIUM_DUTCH_PATH || '/usr/lib/chromium/locales/nl.pak';

type Which = 'chromium' | 'firefox' | 'chromium-dutch';

const NEEDED: Record<Which, { path: string; install: string }> = {
  chromium: { path: CHROMIUM_PATH, install: 'apt-get install -y chromium (or set CHROMIUM_PATH)' },
  firefox: { path: FIREFOX_PATH, install: 'apt-get install -y firefox-esr (or set FIREFOX_PATH)' },
  'chromium-dutch': {
    path: CHROMIUM_DUTCH_PATH,
    install: 'apt-get install -y chromium-l10n (or set CHROMIUM_DUTCH_PATH)',
  },
};

/**
 * Whether `suite` must be skipped because `which` browser is not installed. Call it at collection time
 * (`describe.skipIf(browserMissing('chromium', '...'))`): it prints why, or throws when REQUIRE_E2E=1.
 */
export function browserMissing(which: Which, suite: string): boolean {
  const { path, install } = NEEDED[which];
  if (existsSync(path)) return false;
  return outOfReach(`${suite}: no ${which} at ${path}; ${install}`);
}

/** The built extension; `npm test` builds both before running vitest. */
export function extensionDir(target: 'chrome-mv3' | 'firefox-mv3'): string {
  const dir = fileURLToPath(new URL(`../../.output/${target}`, import.meta.url));
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(
      `${dir} is missing: run \`npm run build\` (or \`npx wxt build\`${target === 'firefox-mv3' ? ' -b firefox --mv3' : ''}) first`,
    );
  }
  return dir;
}

/** Flags that keep Chromium from talking to anything but the pages a test opens. */
const QUIET = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--disable-default-apps',
  '--disable-client-side-phishing-detection',
];

export interface ChromiumOptions {
  /** Load the built extension (default true), or the unpacked extension in this folder. */
  extension?: boolean | string;
  /** Unpacked extensions without a service worker to load beside it (the bench's document_idle marker). */
  companions?: string[];
  /** Host names to resolve to 127.0.0.1:`port` (the fixture server); every other name fails to resolve. */
  hosts?: string[];
  port?: number;
  args?: string[];
  /** The browser's language, which the extension's messages follow (default en-US, see below). */
  language?: 'en-US' | 'nl';
}

export interface Popup {
  /** Runs `fn` in the popup (once it has rendered) and returns its result. */
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The extension's service worker and id (when the extension is loaded). */
  worker: Worker | null;
  extensionId: string | null;
  /**
   * Opens the extension's popup over the tab showing `url`, as a click on the toolbar button would (playwright
   * does not attach to extension popups, so this goes through puppeteer over the debugging port).
   */
  openPopup(url: string): Promise<Popup>;
  /** The extension's id for the tab showing `url`. */
  tabId(url: string): Promise<number>;
  /** The options page: the one the extension opens on install while it is open, else a new one. */
  optionsPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<LaunchedChromium> {
  const { extension = true, companions = [], hosts = [], port, language = 'en-US' } = options;
  const args = [...QUIET, ...(options.args ?? [])];
  const dirs = [
    ...(extension ? [typeof extension === 'string' ? extension : extensionDir('chrome-mv3')] : []),
    ...companions,
  ];
  if (dirs.length) {
    // playwright-core always passes --disable-extensions; only this pair lets extensions through.
    args.push(`--disable-extensions-except=${dirs.join(',')}`, `--load-extension=${dirs.join(',')}`);
  }
  if (hosts.length) {
    if (!port) throw new Error('hosts need the port of the server they resolve to');
    // Without the EXCLUDE, 127.0.0.1 itself (the API) would resolve to nothing as well.
    const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
    args.push(`--host-resolver-rules=${rules.join(', ')}`);
  }
  const debuggingPort = await freePort();
  args.push(`--remote-debugging-port=${debuggingPort}`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'zuiver-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    ignoreHTTPSErrors: true,
    // The extension's messages follow the browser's UI language; Debian's chromium ships only en-US (Dutch
    // needs chromium-l10n), so most tests run in English, and pages are asked for in that language too.
    locale: language,
    // Chromium on Linux takes its UI language from the environment; --lang alone is not enough there.
    env: { ...process.env, LANGUAGE: language.replace('-', '_') },
    viewport: { width: 1280, height: 900 },
  });
  const worker = extension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : null;
  if (worker && extension === true) {
    // A new install opens the options page; wait for it, so that no test opens a second one meanwhile.
    const options = `chrome-extension://${new URL(worker.url()).host}/options.html`;
    // The page appears as about:blank before it navigates, so its URL is polled rather than its event awaited.
    await waitFor(
      'the options page a new install opens',
      async () => context.pages().some((page) => page.url() === options),
      Boolean,
    ).catch(() => undefined);
  }
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : null,
    async optionsPage() {
      const url = `chrome-extension://${new URL(worker!.url()).host}/options.html`;
      const open = context.pages().find((page) => page.url() === url);
      if (open) return open;
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async tabId(url) {
      if (!worker) throw new Error('the extension is not loaded');
      const id = await worker.evaluate(
        async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
        url,
      );
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    async openPopup(url) {
      if (!worker) throw new Error('the extension is not loaded');
      const puppeteer = (await import('puppeteer-core')).default;
      const browser = await puppeteer.connect({
        browserURL: `http://127.0.0.1:${debuggingPort}`,
        defaultViewport: null,
      });
      const isPopup = (t: { url(): string }) => t.url().endsWith('/popup.html');
      const before = new Set(browser.targets().filter(isPopup));
      const opened = browser.waitForTarget((t) => isPopup(t) && !before.has(t), { timeout: 10_000 });
      // Each playwright page has a window of its own; the popup opens in the window of the tab, made active.
      await worker.evaluate(async (url) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url)!;
        await chrome.tabs.update(tab.id!, { active: true });
        await chrome.windows.update(tab.windowId, { focused: true });
        await chrome.action.openPopup({ windowId: tab.windowId });
      }, url);
      const session = await (await opened).createCDPSession();
      const evaluate = async <T>(fn: () => T | Promise<T>): Promise<T> => {
        const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
          expression: `(${fn.toString()})()`,
          awaitPromise: true,
          returnByValue: true,
        });
        if (exceptionDetails)
          throw new Error(`in the popup: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return result.value as T;
      };
      await waitFor(
        'the popup to render',
        () => evaluate(() => !!document.querySelector('#app > *')).catch(() => false),
        (rendered) => rendered,
      );
      return {
        evaluate,
        async close() {
          // As clicking elsewhere would: the popup goes away, so the next one opened is a fresh page.
          await session.send('Runtime.evaluate', { expression: 'window.close()' }).catch(() => undefined);
          await browser.disconnect();
        },
      };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs the extension in through the options page's token form, as deployment scripts do, and waits until the
 * page names the person signed in (`who`).
 */
export async function signInWithToken(
  browser: LaunchedChromium,
  server: string,
  token: string,
  who: string,
): Promise<void> {
  const options = await browser.optionsPage();
  await options.fill('#token-form [name=server]', server);
  await options.fill('#token-form [name=token]', token);
  await options.click('#token-form button[type=submit]');
  await waitFor(
    'signing in',
    () => options.textContent('#who'),
    (text) => !!text?.includes(who),
    60_000,
  );
  await options.close();
}
