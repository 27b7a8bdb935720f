/**
 * The background's answers to tabs, the popup and the options page. Tabs get flag data only for pages on an
 * enabled, unpaused site, so a paused or removed site loses its flags at the next refresh.
 */
import { browser, type Browser } from 'wxt/browser';
import type {
  BackgroundProtocol,
  FlaggedText,
  Handlers,
  SiteState,
  WrongFlag,
  WrongFlagReply,
} from '../shared/messaging.ts';
import { readPolicy, sitesInUse } from './policy.ts';
import { signIn, signInWithCode, signInWithPassword } from './sign-in.ts';
import { MATCHER_SCRIPT_FILE } from '../shared/matcher-loading.ts';
import { CONTENT_SCRIPT_FILE, isAdded, isBuiltIn, patternForUrl, registerAddedSites } from './sites.ts';
import { revokeOwnToken, sendFlagReport } from './api.ts';
import { addedSites, auth, pausedHosts } from './storage.ts';
import { matchedIdentifier } from './wrong-flag.ts';
import { signOut, syncStatus, syncWatchlist } from './sync.ts';
import { flaggedIds, recordFlags, refreshTabs } from './tabs.ts';
import { cardsFor, currentFlagData, entryAt, idsAt, scanFor } from './served-flags.ts';

// Every message from a tab asks about its site: the lists are read once per service-worker life, and again after
// a change. Writes here drop them at once, since a refresh follows (storage events would come too late for it);
// storage events cover writes elsewhere.
let siteLists: Promise<{ added: string[]; paused: string[]; addable: boolean }> | null = null;
addedSites.watch(() => (siteLists = null));
pausedHosts.watch(() => (siteLists = null));
browser.storage.onChanged.addListener((_, area) => {
  if (area === 'managed') siteLists = null;
});

async function saveSiteList(item: typeof addedSites | typeof pausedHosts, list: string[]): Promise<void> {
  await item.setValue(list);
  siteLists = null;
}

async function siteState(url: string): Promise<SiteState> {
  const pattern = patternForUrl(url);
  if (!pattern) return { pattern: null, host: null, enabled: false, paused: false, addable: false };
  const host = new URL(url).hostname;
  siteLists ??= Promise.all([sitesInUse(), pausedHosts.getValue(), readPolicy()]).then(([added, paused, policy]) => ({
    added,
    paused,
    addable: policy.allowUserSites,
  }));
  const { added, paused, addable } = await siteLists;
  return { pattern, host, enabled: isBuiltIn(url) || isAdded(url, added), paused: paused.includes(host), addable };
}

/** Whether the sender's page gets flags: the top-level page decides, so a frame of a paused site gets none. */
async function drawsFlags(sender: Browser.runtime.MessageSender): Promise<boolean> {
  const page = sender.tab?.url ?? sender.url;
  if (!page) return false;
  const site = await siteState(page);
  return site.enabled && !site.paused;
}

/** What a tab's content script asks for: what it needs to draw flags and open their cards, and nothing else. */
const TAB_MESSAGES: ReadonlySet<keyof BackgroundProtocol> = new Set([
  'flagData',
  'flagVersion',
  'scan',
  'cards',
  'reportFlags',
  'reportWrongFlag',
] as const);

/** A page of the extension itself (the popup, the options page), in a tab or not. */
function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL('/'))
  );
}

/**
 * Who may ask what. Signing in and out, the site list, pausing, syncing and the flags of a whole tab are for the
 * extension's own pages only: a content script runs inside pages that are not ours, and should one ever be
 * turned against us, it can still ask only what a tab asks.
 */
export function mayAsk(type: keyof BackgroundProtocol, sender: Browser.runtime.MessageSender): boolean {
  if (isExtensionPage(sender)) return true;
  return sender.id === browser.runtime.id && sender.tab !== undefined && TAB_MESSAGES.has(type);
}

/**
 * Runs a sync and has every tab redraw when the copy in use changed, or when there is none to use: a copy can
 * pass its 7 days between two syncs, and a tab still drawing it must stop (asking costs a tab next to nothing).
 */
export async function syncAndRefresh(): Promise<void> {
  const before = (await currentFlagData())?.version;
  await syncWatchlist();
  const after = (await currentFlagData())?.version;
  if (after !== before || after === undefined) await refreshTabs();
}

/** A version the server pushed (push.ts): a sync only when the copy in use is another one. */
export async function syncWhenBehind(version: string): Promise<void> {
  if ((await currentFlagData())?.version !== version) await syncAndRefresh();
}

/**
 * Reports a wrong flag: the registered name or identifier the flag came from (never the flagged text itself) and
 * the host name of the tab's page, so the manager knows where without learning what the page said.
 */
async function reportWrongFlag(
  { version, flagged, supplierId, reason, note }: WrongFlag,
  sender: Browser.runtime.MessageSender,
): Promise<WrongFlagReply> {
  const signedIn = await auth.getValue();
  if (!signedIn) return { ok: false, error: 'not-signed-in' };
  let match: { matched: string | null; kind: FlaggedText['kind'] } | null = null;
  for (const f of flagged) {
    const entry = await entryAt(version, f.supplier);
    if (entry?.id === supplierId) {
      match = { matched: matchedIdentifier(entry, f.text, f.kind), kind: f.kind };
      break;
    }
  }
  const page = sender.tab?.url ?? sender.url;
  if (!match || !page) return { ok: false, error: 'stale' };
  const report = {
    supplierId,
    ...match,
    host: new URL(page).hostname,
    reason,
    note: note.trim().slice(0, 1000) || null,
  };
  const sent = await sendFlagReport(signedIn.server, signedIn.token, report);
  return sent.ok ? { ok: true } : { ok: false, error: sent.error };
}

export const backgroundHandlers: Handlers<BackgroundProtocol> = {
  async flagData(_, sender) {
    return (await drawsFlags(sender)) ? currentFlagData() : null;
  },
  async flagVersion(_, sender) {
    return (await drawsFlags(sender)) ? ((await currentFlagData())?.version ?? null) : null;
  },
  async scan(texts, sender) {
    return (await drawsFlags(sender)) ? scanFor(texts) : null;
  },
  cards: async (suppliers) => cardsFor((await idsAt(suppliers)) ?? []),
  async reportFlags(suppliers, sender) {
    if (sender.tab?.id === undefined) return;
    // A report of none (a session that ended) stands whatever its version; any other needs the copy in use.
    const ids = suppliers.suppliers.length ? await idsAt(suppliers) : [];
    if (ids) await recordFlags(sender.tab.id, sender.frameId ?? 0, ids);
  },
  reportWrongFlag: (report, sender) => reportWrongFlag(report, sender),
  status: () => syncStatus(),
  async syncNow() {
    await syncAndRefresh();
    return syncStatus();
  },
  async signIn({ server, token }) {
    const reply = await signIn(server, token);
    if (reply.ok) await refreshTabs();
    return reply;
  },
  async signInWithPassword({ server, email, password }) {
    const reply = await signInWithPassword(server, email, password);
    if (reply.ok) await refreshTabs();
    return reply;
  },
  async signInWithCode({ server, code, redirectUri }) {
    const reply = await signInWithCode(server, code, redirectUri);
    if (reply.ok) await refreshTabs();
    return reply;
  },
  async signOut() {
    const signedIn = await auth.getValue();
    await signOut();
    await refreshTabs();
    // Ended on the server too, so that a copy of the token taken from this browser is worth nothing. Not waited
    // for: an unreachable server must not hold up signing out here.
    if (signedIn) void revokeOwnToken(signedIn.server, signedIn.token);
    return syncStatus();
  },
  async tabFlags(tabId) {
    return cardsFor(await flaggedIds(tabId));
  },
  siteState: (url) => siteState(url),
  async setPaused({ host, paused }) {
    const hosts = new Set(await pausedHosts.getValue());
    if (paused) hosts.add(host);
    else hosts.delete(host);
    await saveSiteList(pausedHosts, [...hosts]);
    await refreshTabs();
  },
  async addSite({ pattern, tabId }) {
    // The page's own check is a courtesy; this is the one that holds.
    if (!(await readPolicy()).allowUserSites) return false;
    const sites = new Set(await addedSites.getValue()).add(pattern);
    await saveSiteList(addedSites, [...sites]);
    await registerAddedSites(await sitesInUse());
    // The page already open gets its flags now rather than at the next load.
    if (tabId !== undefined) {
      const target = { tabId, allFrames: true };
      await browser.scripting.executeScript({ target: { tabId }, files: [MATCHER_SCRIPT_FILE] }).catch(() => undefined);
      await browser.scripting.executeScript({ target, files: [CONTENT_SCRIPT_FILE] }).catch(() => undefined);
    }
    return true;
  },
  async removeSite(pattern) {
    const sites = (await addedSites.getValue()).filter((p) => p !== pattern);
    await saveSiteList(addedSites, sites);
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await registerAddedSites(await sitesInUse());
    await refreshTabs();
  },
};
