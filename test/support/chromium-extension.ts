/**
 * Steps the Chromium extension suites take again and again: opening a page until the extension has flagged it,
 * the keyboard command, a sync asked for from the popup, and a team member declaring a conflict through the API.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LaunchedChromium } from './browser.ts';
import { drawnCount } from './drawn-flags.ts';
import type { ExtensionRig } from './extension-seed.ts';
import { waitFor } from './wait.ts';

declare const chrome: typeof import('wxt/browser').browser;

/** A new tab showing `url`, once the extension has drawn flags on it. */
export async function openFlagged(browser: LaunchedChromium, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitFor(
    'flags',
    () => drawnCount(page),
    (n) => n > 0,
  );
  return page;
}

/**
 * What the background does on the shortcut, to every frame of the tab: headless Chromium hands key presses to
 * the page, never to the browser's own shortcuts (tried: keyboard.press and DevTools key events with the
 * system-key flag).
 */
export const moveFlag = (browser: LaunchedChromium, tabId: number) => () =>
  browser.worker!.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { zuiver: 'moveFlag', data: 1 }), tabId);

/** The suppliers (registry ids) each frame of the tab reported as flagged, by frame id. */
export const reportedFlags = (browser: LaunchedChromium, tabId: number) =>
  browser.worker!.evaluate(async (tabId) => {
    const { tabFlags = {} } = await chrome.storage.session.get('tabFlags');
    return (tabFlags as Record<string, Record<string, string[]>>)[tabId] ?? {};
  }, tabId);

/** Clicks the popup's "sync now" over the tab showing `url`. */
export async function syncNow(browser: LaunchedChromium, url: string): Promise<void> {
  const popup = await browser.openPopup(url);
  await popup.evaluate(() => document.querySelector<HTMLButtonElement>('#sync-now')!.click());
  await popup.close();
}

/**
 * A new staff member joins the team of the open negotiation with `supplierId` (the signed-in manager owns it)
 * and declares a conflict there.
 */
export async function declareConflictInTeam(
  rig: ExtensionRig,
  supplierId: string,
  member: { email: string; name: string },
): Promise<void> {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${rig.api.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json();
  };
  const memberToken = await rig.api.cliToken([
    'user',
    'add',
    '--email',
    member.email,
    '--name',
    member.name,
    '--role',
    'staff',
  ]);
  const me = await call(memberToken, 'GET', '/me');
  const { items } = await call(rig.registry.token, 'GET', `/negotiations?supplierId=${supplierId}&status=open`);
  await call(rig.registry.token, 'POST', `/negotiations/${items[0].id}/team`, { personId: me.id });
  await call(memberToken, 'POST', `/negotiations/${items[0].id}/declaration`, {
    conflict: true,
    note: 'Mijn zus is er accountmanager.',
  });
}
