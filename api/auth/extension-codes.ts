/**
 * The one-time codes that end the extension's single sign-on: the callback hands one to the extension's redirect
 * URL, and the extension exchanges it for an extension-scoped token. A code lives two minutes, works once, and
 * only together with the redirect URL it was issued for, so a code that leaks from one place is useless elsewhere.
 * Codes live in memory: a restart in those two minutes only means signing in again.
 */
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../db/credentials.ts';

const CODE_TTL_MS = 2 * 60_000;
const MAX_CODES = 10_000;

export interface ExtensionCodes {
  issue(personId: string, redirectUri: string, nowMs: number): string;
  /** The person the code was issued to, or undefined; the code is gone afterwards in every case. */
  redeem(code: string, redirectUri: string, nowMs: number): string | undefined;
}

/**
 * The redirect URL of an extension, as `identity.getRedirectURL()` gives it: Chrome and Edge use
 * `https://<id>.chromiumapp.org/`, Firefox `https://<hash>.extensions.allizom.org/`. Nothing else may receive a code.
 */
export function isExtensionRedirect(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    /^[a-z0-9]{16,64}\.(chromiumapp\.org|extensions\.allizom\.org)$/.test(url.hostname)
  );
}

export function createExtensionCodes(): ExtensionCodes {
  const codes = new Map<string, { personId: string; redirectUri: string; expiresAt: number }>();
  return {
    issue(personId, redirectUri, nowMs) {
      for (const [key, entry] of codes) if (entry.expiresAt <= nowMs || codes.size >= MAX_CODES) codes.delete(key);
      const code = randomBytes(32).toString('base64url');
      codes.set(sha256(code), { personId, redirectUri, expiresAt: nowMs + CODE_TTL_MS });
      return code;
    },
    redeem(code, redirectUri, nowMs) {
      const key = sha256(code);
      const entry = codes.get(key);
      codes.delete(key);
      return entry && entry.expiresAt > nowMs && entry.redirectUri === redirectUri ? entry.personId : undefined;
    },
  };
}
