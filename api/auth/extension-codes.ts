/**
 * The one-time codes that end the extension's single sign-on: the callback hands one to the extension's redirect
 * URL, and the extension exchanges it for an extension-scoped token. A code lives two minutes, works once, and
 * only together with the redirect URL it was issued for, so a code that leaks from one place is useless elsewhere.
 * Codes are kept in the registry (db/sign-in.ts): the exchange may reach another server than the callback did.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { saveExtensionCode, takeExtensionCode } from '../../db/sign-in.ts';
import { writeTx } from '../../db/write.ts';

const CODE_TTL_MS = 2 * 60_000;

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

export async function issueExtensionCode(db: Db, now: Date, personId: string, redirectUri: string): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await writeTx(db, (tx) => saveExtensionCode(tx, now, code, { personId, redirectUri }, expiresAt), {
    bookkeeping: true,
  });
  return code;
}

/** The person the code was issued to, or undefined; the code is gone afterwards in every case. */
export function redeemExtensionCode(db: Db, now: Date, code: string, redirectUri: string): Promise<string | undefined> {
  return writeTx(db, (tx) => takeExtensionCode(tx, now, code, redirectUri), { bookkeeping: true });
}
