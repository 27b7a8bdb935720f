// @vitest-environment node
/**
 * The options page under IT's policy, in a real browser: Firefox ESR reading a policies.json whose "3rdparty"
 * section configures the extension, as an IT department deploys it.
 *
 * Why Firefox: Chromium reads managed policy only from /etc/chromium/policies/managed (root, and for every
 * Chromium on the machine; no per-run directory exists), while Firefox can be pointed at a policies.json per run:
 * `browser.policies.alternatePath`, which Firefox honours in automation (the automation pref plus
 * MOZ_DISABLE_NONLOCAL_CONNECTIONS=1, harmless here as everything is on loopback). The same page without a policy
 * is the control: it shows that the policy, not the page's defaults, changed what is shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser.ts';
import { launchFirefox } from '../support/firefox.ts';
import { waitFor } from '../support/wait.ts';

const EXTENSION_ID = 'extension@zuiver.nl';
const dir = mkdtempSync(join(tmpdir(), 'zuiver-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Shown {
  server: string;
  serverReadOnly: boolean;
  tokenShown: boolean;
  passwordShown: boolean;
  ssoShown: boolean;
  addSiteShown: boolean;
  sites: string;
}

async function optionsUnder(policy: Record<string, unknown> | null): Promise<Shown> {
  const prefs: Record<string, unknown> = {};
  if (policy) {
    const file = join(dir, `policies-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ policies: { '3rdparty': { Extensions: { [EXTENSION_ID]: policy } } } }));
    Object.assign(prefs, {
      'browser.policies.alternatePath': file,
      'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
    });
  }
  const firefox = await launchFirefox({ prefs, env: { MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' } });
  try {
    const page = await firefox.optionsPage();
    const read = () =>
      page.evaluate((): Shown => {
        const visible = (selector: string) => {
          const node = document.querySelector<HTMLElement>(selector);
          return !!node && !node.closest('[hidden]') && node.getClientRects().length > 0;
        };
        const server = document.querySelector<HTMLInputElement>('#token-form [name=server]')!;
        return {
          server: server.value,
          serverReadOnly: server.readOnly,
          tokenShown: visible('#token-form [name=token]'),
          passwordShown: visible('#password-form'),
          ssoShown: visible('#sso'),
          addSiteShown: visible('#site-form'),
          sites: document.querySelector('#sites')?.textContent ?? '',
        };
      });
    // Ready once the sites are listed (the page reads the policy before it lists them).
    return await waitFor('the options page to show its sites', read, (shown) => shown.sites.includes('tenderned'));
  } finally {
    await firefox.close();
  }
}

describe.skipIf(browserMissing('firefox', 'options page under a managed policy (Firefox)'))(
  'the options page under a managed policy',
  { timeout: 90_000 },
  () => {
    it('shows the server IT set and offers only the work account; no adding sites when policy forbids it', async () => {
      const shown = await optionsUnder({
        server: 'https://zuiver.corporatie.nl',
        sites: ['inkoop.corporatie.nl'],
        allowUserSites: false,
      });
      expect(shown).toMatchObject({
        server: 'https://zuiver.corporatie.nl',
        serverReadOnly: true,
        tokenShown: false,
        passwordShown: false,
        ssoShown: true,
        addSiteShown: false,
      });
      expect(shown.sites).toContain('https://inkoop.corporatie.nl/*');
    });

    it('without a policy, the person chooses the server, may use a token or password, and adds sites', async () => {
      const shown = await optionsUnder(null);
      expect(shown).toMatchObject({
        server: '',
        serverReadOnly: false,
        tokenShown: true,
        passwordShown: true,
        ssoShown: true,
        addSiteShown: true,
      });
      expect(shown.sites).not.toContain('corporatie');
    });
  },
);
