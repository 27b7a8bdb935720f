// @vitest-environment happy-dom
/**
 * IT's policy as the background applies it: the sites it sets count as enabled, and when people may not add sites
 * the background refuses an added site whatever a page asks, and tells the popup not to offer it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const popup = { url: 'chrome-extension://x/popup.html' };

async function background(managed: Record<string, unknown>) {
  fakeBrowser.reset();
  vi.resetModules();
  await fakeBrowser.storage.managed.set(managed);
  const { backgroundHandlers } = await import('../../../extension/background/handlers.ts');
  const { addedSites } = await import('../../../extension/background/storage.ts');
  return { handlers: backgroundHandlers, addedSites };
}

describe('policy in the background', () => {
  beforeEach(() => vi.restoreAllMocks());

  it('refuses to add a site when policy says people may not, and the popup is told not to offer it', async () => {
    const { handlers, addedSites } = await background({ allowUserSites: false, sites: ['inkoop.corporatie.nl'] });
    expect(await handlers.addSite({ pattern: 'https://portal.example.nl/*' }, popup)).toBe(false);
    expect(await addedSites.getValue()).toEqual([]);
    expect(await handlers.siteState('https://portal.example.nl/x', popup)).toMatchObject({
      enabled: false,
      addable: false,
    });
  });

  it('counts the sites IT set as enabled', async () => {
    const { handlers } = await background({ sites: ['inkoop.corporatie.nl', '*.leveranciers.nl'] });
    expect(await handlers.siteState('https://inkoop.corporatie.nl/tender/1', popup)).toMatchObject({
      enabled: true,
      addable: true,
    });
    expect(await handlers.siteState('https://portal.leveranciers.nl/', popup)).toMatchObject({ enabled: true });
    expect(await handlers.siteState('https://elders.example.nl/', popup)).toMatchObject({
      enabled: false,
      addable: true,
    });
  });

  it('without any policy, people add sites as before', async () => {
    const { handlers } = await background({});
    expect(await handlers.siteState('https://portal.example.nl/', popup)).toMatchObject({
      enabled: false,
      addable: true,
    });
  });
});
