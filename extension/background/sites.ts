/**
 * Where flags appear: the built-in sites (procurement portals and webmail, declared in the manifest) and the sites
 * the user added, each granted as an optional host permission and registered as a content script at run time.
 */
import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { DEFAULT_SITES } from '../shared/default-sites.ts';
import { MATCHER_SCRIPT_FILE } from '../shared/matcher-loading.ts';

export { DEFAULT_SITES };

/**
 * The content script for every frame, and the matcher's code for top frames: the manifest runs
 * them on the built-in sites, registration on the added ones.
 */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
const REGISTRATION_ID = 'zuiver-added-sites';
const MATCHER_REGISTRATION_ID = 'zuiver-added-sites-matcher';

/** "portal.example.nl", "https://portal.example.nl/tenders" or "*.example.nl" -> a match pattern, or null. */
export function sitePattern(input: string): string | null {
  const text = input.trim().toLowerCase();
  const withScheme = /^[a-z]+:\/\//.test(text) ? text : `https://${text}`;
  const wildcard = withScheme.match(/^(https?):\/\/\*\.([^/]+)/);
  let url: URL;
  try {
    url = new URL(wildcard ? `${wildcard[1]}://${wildcard[2]}` : withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return `${url.protocol}//${wildcard ? '*.' : ''}${url.hostname}/*`;
}

/** The pattern that would enable the page at `url`, null for pages no extension may run on. */
export function patternForUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? `${protocol}//${hostname}/*` : null;
  } catch {
    return null;
  }
}

// Compiled once: every message from a tab asks whether its page is on a built-in site.
const BUILT_IN = DEFAULT_SITES.map((pattern) => new MatchPattern(pattern));

export function isBuiltIn(url: string): boolean {
  return BUILT_IN.some((pattern) => pattern.includes(url));
}

export function isAdded(url: string, added: string[]): boolean {
  return added.some((pattern) => new MatchPattern(pattern).includes(url));
}

/** Makes the registered content scripts match exactly the added sites whose permission is still granted. */
export async function registerAddedSites(patterns: string[]): Promise<void> {
  const granted = [];
  for (const pattern of patterns) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const ids = [REGISTRATION_ID, MATCHER_REGISTRATION_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  if (granted.length) {
    const common = { matches: granted, runAt: 'document_start', persistAcrossSessions: true } as const;
    await browser.scripting.registerContentScripts([
      { ...common, id: MATCHER_REGISTRATION_ID, js: [MATCHER_SCRIPT_FILE] },
      {
        ...common,
        id: REGISTRATION_ID,
        js: [CONTENT_SCRIPT_FILE],
        allFrames: true,
        matchOriginAsFallback: true,
      },
    ]);
  }
}
