/**
 * Real browsers for end-to-end tests and benches: Debian's Chromium through playwright-core (new headless, the
 * built extension loaded) and Debian's Firefox ESR through puppeteer-core over WebDriver BiDi. Where a browser is
 * missing the suite is skipped with a loud notice; with REQUIRE_E2E=1 (CI) it fails instead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

type Which = 'chromium' | 'firefox';

const INSTALL: Record<Which, string> = {
  chromium: 'apt-get install -y chromium (or set CHROMIUM_PATH)',
  firefox: 'apt-get install -y firefox-esr (or set FIREFOX_PATH)',
};

/**
 * Whether `suite` must be skipped because `which` browser is not installed. Call it at collection time
 * (`describe.skipIf(browserMissing('chromium', '...'))`): it prints why, or throws when REQUIRE_E2E=1.
 */
export function browserMissing(which: Which, suite: string): boolean {
  const path = which === 'chromium' ? CHROMIUM_PATH : FIREFOX_PATH;
  if (existsSync(path)) return false;
  const why = `${suite}: no ${which} at ${path}; ${INSTALL[which]}`;
  if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 and ${why}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!! SKIPPED ${why}\n${line}\n`);
  return true;
}

/** The built extension; `npm test` builds both before running vitest. */
export function extensionDir(target: 'chrome-mv3' | 'firefox-mv3'): string {
  const dir = fileURLToPath(new URL(`../../.output/${target}`, import.meta.url));
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run \`npm run build\` (or \`npx wxt build\`${target === 'firefox-mv3' ? ' -b firefox --mv3' : ''}) first`);
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
  /** Load the built extension (default true). */
  extension?: boolean;
  /** Host names to resolve to 127.0.0.1:`port` (the fixture server); every other name fails to resolve. */
  hosts?: string[];
  port?: number;
  /** UI language, which the extension's messages follow (default nl, the extension's default). */
  lang?: string;
  args?: string[];
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The extension's service worker and id (when the extension is loaded). */
  worker: Worker | null;
  extensionId: string | null;
  close(): Promise<void>;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<LaunchedChromium> {
  const { extension = true, hosts = [], port, lang = 'nl' } = options;
  const args = [...QUIET, `--lang=${lang}`, ...(options.args ?? [])];
  if (extension) {
    const dir = extensionDir('chrome-mv3');
    // playwright-core always passes --disable-extensions; only this pair lets one extension through.
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  if (hosts.length) {
    if (!port) throw new Error('hosts need the port of the server they resolve to');
    // Without the EXCLUDE, 127.0.0.1 itself (the API) would resolve to nothing as well.
    const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
    args.push(`--host-resolver-rules=${rules.join(', ')}`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'zuiver-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    ignoreHTTPSErrors: true,
    locale: lang === 'nl' ? 'nl-NL' : 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  let worker: Worker | null = null;
  if (extension) worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : null,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface LaunchedFirefox {
  browser: PuppeteerBrowser;
  close(): Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with the built extension installed as a temporary add-on. Every host name
 * resolves to 127.0.0.1, so pages are opened as https://<real host>:<port>/ (match patterns ignore the port).
 */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<LaunchedFirefox> {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'intl.locale.requested': 'nl',
      'intl.accept_languages': 'nl-NL, nl',
      ...prefs,
    },
  });
  await browser.installExtension(extensionDir('firefox-mv3'));
  return { browser, close: () => browser.close() };
}
