// @vitest-environment node
/**
 * The README's walk from `npm start` to seeing flags, in Firefox: the server with demo data, the extension signed
 * in with a demo account's e-mail and password, the demo tender portal opened from the demo index, flags turned
 * on for 127.0.0.1, and the demo suppliers flagged there. Firefox, as only there can a test grant the permission
 * a site needs (see extension-firefox.test.ts); and through the options page's site form, as no driver reaches
 * the toolbar popup the README uses (whose button popup.test.ts covers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser.ts';
import { launchFirefox, type LaunchedFirefox } from '../support/firefox.ts';
import { namesDrawnFirefox } from '../support/drawn-flags-firefox.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/wait.ts';

describe.skipIf(browserMissing('firefox', 'the demo walk-through (Firefox)'))(
  'the demo, as the README walks a newcomer through it',
  { timeout: 90_000 },
  () => {
    let server: RunningServer;
    let firefox: LaunchedFirefox;

    beforeAll(async () => {
      server = await startServer({ env: { ZUIVER_DEMO: '1' } });
      firefox = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    }, 120_000);

    afterAll(async () => {
      await firefox?.close();
      await server?.stop();
    });

    it('flags the demo suppliers on the demo tender portal once flags are on for 127.0.0.1', async () => {
      const password = server.output().match(/password "([^"]+)"/)![1];
      const options = await firefox.optionsPage();
      await options.type('#token-form [name=server]', server.url);
      await options.type('#password-form [name=email]', 'inkoper@zuiver.example');
      await options.type('#password-form [name=password]', password);
      await options.click('#password-form button[type=submit]');
      await waitFor(
        'signing in',
        () => options.$eval('#who', (el) => el.textContent ?? ''),
        (who) => who.includes('inkoper@zuiver.example'),
        15_000,
      );

      const page = await firefox.browser.newPage();
      await page.goto(`${server.url}/demo/`);
      await Promise.all([page.waitForNavigation(), page.click('a[href="tender-portal.html"]')]);
      // No flag at all (with no names, any box drawn would read as '*').
      expect(await namesDrawnFirefox(page, [])).toEqual([]);

      await options.type('#site-form [name=site]', 'http://127.0.0.1');
      await options.click('#site-form button[type=submit]');
      await waitFor(
        'the site in the list',
        () => options.$eval('#sites', (el) => el.textContent ?? ''),
        (text) => text.includes('http://127.0.0.1/*'),
      );
      await page.reload();

      // What the purchaser's watchlist names, as the extension got it.
      const token = (
        await (
          await fetch(`${server.url}/api/v1/auth/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'inkoper@zuiver.example', password, name: 'demo test' }),
          })
        ).json()
      ).token as string;
      const watchlist = await (
        await fetch(`${server.url}/api/v1/watchlist`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const names: string[] = watchlist.entries.flatMap((e: { names: string[] }) => e.names);

      // Flags drawn over more than one of those names.
      const named = await waitFor(
        'flags',
        () => namesDrawnFirefox(page, names),
        (found) => found.length > 1,
      );
      expect(named.length).toBeGreaterThan(1);
      await page.close();
    });
  },
);
