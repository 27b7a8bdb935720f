// @vitest-environment node
/**
 * The extension speaks the browser's language: Dutch in a Dutch browser (its default locale), English in an
 * English one. Read from the options page, which needs no server to show its forms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserMissing, launchChromium } from '../support/browser.ts';

type Messages = Record<string, { message: string }>;
const messages = (folder: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../extension/public/_locales/${folder}/messages.json`, import.meta.url), 'utf8'));

const skip =
  browserMissing('chromium', 'extension languages (Chromium)') ||
  browserMissing('chromium-dutch', 'extension in Dutch (Chromium)');

describe.skipIf(skip)('the extension in the browser language', { timeout: 60_000 }, () => {
  it.each([
    ['nl', 'nl'],
    ['en-US', 'en'],
  ] as const)('speaks the language of a %s browser', async (language, folder) => {
    const expected = messages(folder);
    const browser = await launchChromium({ language });
    try {
      const options = await browser.optionsPage();
      await expect
        .poll(() => options.textContent('#token-form button[type=submit]'), { timeout: 10_000 })
        .toBe(expected.signIn.message);
      // Filled in once the background has said who is signed in.
      await expect.poll(() => options.textContent('#who'), { timeout: 10_000 }).toBe(expected.statusSignedOut.message);
      expect(await options.textContent('h1')).toBe(expected.optionsTitle.message);
      expect(await options.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${folder}\\b`));
    } finally {
      await browser.close();
    }
  });
});
