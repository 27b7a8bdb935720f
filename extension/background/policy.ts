/**
 * What IT sets through policy (managed storage; see public/managed_schema.json, and Firefox's policies.json
 * "3rdparty" section): the registry's server, extra sites for everyone, and whether people may add sites themselves.
 * Read fresh each time: policy can change while the browser runs, and a read costs next to nothing.
 */
import { browser } from 'wxt/browser';
import { sitePattern } from './sites.ts';
import { addedSites } from './storage.ts';

export interface ManagedPolicy {
  /** The registry everyone signs in to; null lets the person choose. */
  server: string | null;
  /** Match patterns of the sites IT adds for everyone. */
  sites: string[];
  allowUserSites: boolean;
}

export async function readPolicy(): Promise<ManagedPolicy> {
  // Firefox rejects the read when no policy exists at all; Chrome answers {}.
  const managed = ((await browser.storage.managed.get(['server', 'sites', 'allowUserSites']).catch(() => ({}))) ??
    {}) as Record<string, unknown>;
  const sites = Array.isArray(managed.sites)
    ? managed.sites.flatMap((s) => (typeof s === 'string' ? (sitePattern(s) ?? []) : []))
    : [];
  return {
    server: typeof managed.server === 'string' && managed.server.trim() ? managed.server.trim() : null,
    sites: [...new Set(sites)],
    allowUserSites: managed.allowUserSites !== false,
  };
}

/** The sites beyond the built-in ones: those IT set, and those the person added (when policy lets them). */
export async function sitesInUse(): Promise<string[]> {
  const [policy, added] = await Promise.all([readPolicy(), addedSites.getValue()]);
  return [...new Set([...policy.sites, ...(policy.allowUserSites ? added : [])])];
}
