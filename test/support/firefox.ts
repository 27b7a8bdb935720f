/**
 * Firefox ESR for end-to-end tests, through puppeteer-core over WebDriver BiDi (see browser.ts for Chromium and
 * for skipping a suite where a browser is missing).
 */
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { extensionDir, FIREFOX_PATH } from './browser.ts';
import { waitFor } from './wait.ts';

export interface LaunchedFirefox {
  browser: PuppeteerBrowser;
  /**
   * The extension's options page, which it opens itself on install. WebDriver BiDi may not navigate to
   * moz-extension: pages, but it can drive one the extension opened (its reported url stays about:blank).
   */
  optionsPage(): Promise<PuppeteerPage>;
  close(): Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with the built extension installed as a temporary add-on (unless `extension` is
 * false). Every host name
 * resolves to 127.0.0.1, so pages are opened as https://<real host>:<port>/ (match patterns ignore the port).
 */
export interface FirefoxOptions {
  prefs?: Record<string, unknown>;
  env?: Record<string, string>;
  /** false: the browser alone, to compare a page with and without the extension. */
  extension?: boolean;
}

export async function launchFirefox({
  prefs = {},
  env = {},
  extension = true,
}: FirefoxOptions = {}): Promise<LaunchedFirefox> {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    env: { ...process.env, ...env },
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      ...prefs,
    },
  });
  if (extension) await browser.installExtension(extensionDir('firefox-mv3'));
  return {
    browser,
    async optionsPage() {
      const options = async () => {
        for (const page of await browser.pages()) {
          const href = await page
            .evaluate(() => (document.readyState === 'complete' ? location.href : ''))
            .catch(() => '');
          if (href.startsWith('moz-extension://') && href.endsWith('/options.html')) return page;
        }
        return undefined;
      };
      return (await waitFor('the extension to open its options page', options, (page) => page !== undefined, 15_000))!;
    },
    close: () => browser.close(),
  };
}
