// @vitest-environment node
/**
 * The extension's secrets stay out of reach of content scripts: the token is kept in the extension origin's
 * IndexedDB (never in `storage`, which content scripts read), a copy an earlier release left in `storage.local`
 * is moved out, and the background answers a tab only the messages a tab sends.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundProtocol } from '../../../extension/shared/messaging.ts';
import { mayAsk } from '../../../extension/background/handlers.ts';
import { secretItem } from '../../../extension/background/secret-store.ts';

const AUTH = {
  server: 'https://zuiver.example.nl',
  token: 'zv_secret',
  person: { id: 'p1', email: 'ik@example.nl', name: 'Ik', role: 'staff' },
};

beforeEach(() => fakeBrowser.reset());

describe('the token store', () => {
  it('keeps the token out of storage.local', async () => {
    const item = secretItem<typeof AUTH>('auth-a', 'auth-a');
    await item.setValue(AUTH);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('zv_secret');
    // Another context (a new service worker) reads it from IndexedDB.
    expect(await secretItem<typeof AUTH>('auth-a', 'auth-a').getValue()).toEqual(AUTH);
    await item.removeValue();
    expect(await secretItem<typeof AUTH>('auth-a', 'auth-a').getValue()).toBeNull();
  });

  it('moves a token an earlier release kept in storage.local out of it', async () => {
    await fakeBrowser.storage.local.set({ 'auth-b': AUTH, 'auth-b$': { v: 1 }, watchlist: 'kept' });
    expect(await secretItem<typeof AUTH>('auth-b', 'auth-b').getValue()).toEqual(AUTH);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ watchlist: 'kept' });
  });
});

describe('who may ask the background what', () => {
  const tab = { id: fakeBrowser.runtime.id, tab: { id: 3 } as never, frameId: 0, url: 'https://www.tenderned.nl/x' };
  const extensionPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  const extensionPageInTab = { ...extensionPage, tab: { id: 4 } as never };
  const privileged: Array<keyof BackgroundProtocol> = [
    'signIn',
    'signInWithPassword',
    'signInWithCode',
    'signOut',
    'status',
    'syncNow',
    'tabFlags',
    'siteState',
    'setPaused',
    'addSite',
    'removeSite',
  ];
  const forTabs: Array<keyof BackgroundProtocol> = [
    'flagData',
    'flagVersion',
    'scan',
    'cards',
    'reportFlags',
    'reportWrongFlag',
  ];

  it('answers a tab only what a tab asks', () => {
    for (const type of privileged) expect(`${type} ${mayAsk(type, tab)}`).toBe(`${type} false`);
    for (const type of forTabs) expect(`${type} ${mayAsk(type, tab)}`).toBe(`${type} true`);
  });

  it('answers the extension pages everything, in a tab or not', () => {
    for (const type of [...privileged, ...forTabs]) {
      expect(mayAsk(type, extensionPage)).toBe(true);
      expect(mayAsk(type, extensionPageInTab)).toBe(true);
    }
  });

  it('answers nothing to another extension or a sender without a tab', () => {
    expect(mayAsk('flagData', { ...tab, id: 'another-extension' })).toBe(false);
    expect(mayAsk('signOut', { ...extensionPage, id: 'another-extension' })).toBe(false);
    expect(mayAsk('flagData', { id: fakeBrowser.runtime.id, url: 'https://www.tenderned.nl/x' })).toBe(false);
  });
});
