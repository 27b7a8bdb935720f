import { backgroundHandlers, mayAsk, syncAndRefresh, syncWhenBehind } from '../background/handlers.ts';
import { handleMessages, sendToTab, type BackgroundProtocol } from '../shared/messaging.ts';
import { sitesInUse } from '../background/policy.ts';
import { registerAddedSites } from '../background/sites.ts';
import { startPush, stopPush } from '../background/push.ts';
import { addedSites, auth } from '../background/storage.ts';
import { forgetTab } from '../background/tabs.ts';

const SYNC_ALARM = 'zuiver-sync';

export default defineBackground(() => {
  // Listeners are registered synchronously: a service worker woken by an event only gets the ones present at once.
  const start = () => {
    browser.alarms.create(SYNC_ALARM, { periodInMinutes: 15 });
    void syncAndRefresh();
    void sitesInUse().then(registerAddedSites);
  };
  browser.runtime.onInstalled.addListener(({ reason }) => {
    start();
    // Nothing is flagged before signing in: a new install opens the page to do so.
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.runtime.onStartup.addListener(start);

  // The version stream runs whenever the worker does and someone is signed in; the alarm stays as the fallback.
  const listen = () => startPush((version) => void syncWhenBehind(version));
  listen();
  auth.watch((signedIn) => {
    stopPush();
    if (signedIn) listen();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncAndRefresh();
  });

  handleMessages<BackgroundProtocol>(backgroundHandlers, mayAsk);

  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    const direction = command === 'next-flag' ? 1 : command === 'previous-flag' ? -1 : 0;
    // To every frame: the one with the keyboard moves (content/card/navigate.ts).
    if (direction) void sendToTab(tab.id, 'moveFlag', direction).catch(() => undefined);
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forgetTab(tabId);
  });

  // A site permission revoked in the browser's own settings takes the site off the list too.
  browser.permissions.onRemoved.addListener(async ({ origins = [] }) => {
    const sites = (await addedSites.getValue()).filter((pattern) => !origins.includes(pattern));
    await addedSites.setValue(sites);
    await registerAddedSites(await sitesInUse());
  });
  // The person granted the sites IT set by policy (from the options page): they start to get flags.
  browser.permissions.onAdded.addListener(() => void sitesInUse().then(registerAddedSites));
});
