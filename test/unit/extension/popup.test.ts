// @vitest-environment happy-dom
/**
 * The popup on a site that is not in the list: one click asks the browser for that site's permission, straight
 * from the click (a prompt needs the user's gesture, so nothing may be awaited before it), and only once it is
 * granted has the background enable the site for the tab. The background is a listener answering its messages.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncStatus } from '../../../extension/shared/messaging.ts';
import { loadPage } from '../../support/extension-page.ts';
import { waitFor } from '../../support/wait.ts';

const PATTERN = 'https://inkoop.example.nl/*';

async function openPopup(granted: boolean, addable = true) {
  const calls: Array<[string, unknown]> = [];
  let enabled = false;
  const status: SyncStatus = {
    signedIn: true,
    server: 'https://zuiver.example.nl',
    person: null,
    checkedAt: Date.now(),
    error: null,
    expired: false,
    suppliers: 3,
  };
  loadPage('popup', {
    status() {
      calls.push(['status', null]);
      return status;
    },
    siteState(url) {
      calls.push(['siteState', url]);
      if (!url.startsWith('https://inkoop.example.nl/'))
        return { pattern: null, host: null, enabled: false, paused: false, addable: false };
      return { pattern: PATTERN, host: 'inkoop.example.nl', enabled, paused: false, addable };
    },
    tabFlags(tabId) {
      calls.push(['tabFlags', tabId]);
      return { suppliers: [], counsellor: null, registryUrl: null };
    },
    addSite(site) {
      calls.push(['addSite', site]);
      enabled = true;
      return true;
    },
  });
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
    calls.push(['permissions.request', null]);
    return granted;
  });
  // The tab the popup opened on (the fake browser marks no tab active).
  const tab = { id: 7, url: 'https://inkoop.example.nl/aanbesteding/12', active: true } as Browser.tabs.Tab;
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab]);
  await import('../../../extension/entrypoints/popup/main.ts');
  if (!addable) {
    await waitFor(
      'the site section',
      async () => document.body.textContent,
      (text) => !!text?.includes('siteManaged'),
    );
    return { calls, request, button: null, tabId: tab.id };
  }
  const button = await waitFor(
    'the enable button',
    async () => document.querySelector<HTMLButtonElement>('#site-enable'),
    (b) => !!b,
  );
  expect(button!.textContent).toContain('inkoop.example.nl');
  calls.length = 0;
  return { calls, request, button: button!, tabId: tab.id };
}

describe('the popup on a site not in the list', () => {
  it('asks for that site only, as the first thing the click does, then enables it for the tab and shows the switch', async () => {
    const { calls, request, button, tabId } = await openPopup(true);
    button!.click();
    // Synchronously, before any message: the browser shows its prompt only for a call made in the gesture.
    expect(request).toHaveBeenCalledWith({ origins: [PATTERN] });
    expect(calls).toEqual([['permissions.request', null]]);
    await waitFor(
      'the switch',
      async () => document.querySelector<HTMLInputElement>('#site-active'),
      (s) => !!s,
    );
    expect(calls[1]).toEqual(['addSite', { pattern: PATTERN, tabId }]);
    expect(document.querySelector<HTMLInputElement>('#site-active')!.checked).toBe(true);
  });

  it('offers nothing to enable when IT’s policy does not let people add sites', async () => {
    const { calls } = await openPopup(true, false);
    expect(document.querySelector('#site-enable')).toBeNull();
    expect(calls.filter(([name]) => name === 'addSite' || name === 'permissions.request')).toEqual([]);
  });

  it('enables nothing when the permission is refused', async () => {
    const { calls, button } = await openPopup(false);
    button!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([['permissions.request', null]]);
    expect(document.querySelector('#site-active')).toBeNull();
  });
});
