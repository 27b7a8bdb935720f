/**
 * The background's view of the tabs: which suppliers each tab's frames flagged (kept in session storage, since
 * the service worker may stop between a report and the popup opening), the badge that counts them, and the
 * nudge that makes every tab fetch its flag data again after a sync, sign-out or pause.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from '../shared/messaging.ts';
import { tabFlags } from './storage.ts';

// Reports arrive from many frames at once; chaining the read-modify-writes keeps them from overwriting each other.
let queue: Promise<unknown> = Promise.resolve();
function update(change: (all: Record<string, Record<string, string[]>>) => void): Promise<void> {
  const next = queue.then(async () => {
    const all = await tabFlags.getValue();
    change(all);
    await tabFlags.setValue(all);
  });
  queue = next.catch(() => undefined);
  return next;
}

/** The suppliers flagged in any frame of a tab, each once. */
const supplierIdsOf = (frames: Record<string, string[]> = {}) => [...new Set(Object.values(frames).flat())];

async function showCount(tabId: number, frames: Record<string, string[]> | undefined) {
  const count = supplierIdsOf(frames).length;
  await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' }).catch(() => undefined);
}

export async function recordFlags(tabId: number, frameId: number, ids: string[]): Promise<void> {
  let frames: Record<string, string[]> | undefined;
  await update((all) => {
    frames = all[tabId] = { ...all[tabId], [frameId]: ids };
    if (!ids.length) delete frames[frameId];
  });
  await showCount(tabId, frames);
}

export function forgetTab(tabId: number): Promise<void> {
  return update((all) => {
    delete all[tabId];
  });
}

export async function flaggedIds(tabId: number): Promise<string[]> {
  return supplierIdsOf((await tabFlags.getValue())[tabId]);
}

/** Asks every tab's content scripts to fetch their flag data again; tabs without one simply do not answer. */
export async function refreshTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => tab.id !== undefined && sendToTab(tab.id, 'refresh', undefined).catch(() => undefined)),
  );
}
