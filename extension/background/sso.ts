/**
 * Signing the extension in with the work account: the registry's single sign-on opens in the browser's own
 * sign-in window (`identity.launchWebAuthFlow`, in Chrome, Edge and Firefox) and ends at the extension's redirect URL
 * with a one-time code, which the background exchanges for an extension-scoped token. No token to copy. The state
 * sent along must come back unchanged, so a redirect that some other flow produced is never taken for ours.
 */
import { browser } from 'wxt/browser';

export type SsoFailure = 'state' | 'unknown' | 'inactive' | 'failed' | 'cancelled';
export type SsoRedirect = { ok: true; code: string } | { ok: false; error: SsoFailure };

/** 32 random bytes as base64url: what the registry accepts as the extension's state. */
export function newSsoState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Where the flow starts, at the registry the extension signs in to. */
export function ssoStartUrl(server: string, redirectUri: string, state: string): string {
  const url = new URL(`${server}/login/oidc/extension`);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  return url.href;
}

/** The code in the URL the flow ended at; refused unless it is our redirect URL and carries our state. */
export function readSsoRedirect(finalUrl: string | undefined, redirectUri: string, state: string): SsoRedirect {
  let url: URL;
  try {
    url = new URL(finalUrl ?? '');
  } catch {
    return { ok: false, error: 'failed' };
  }
  const expected = new URL(redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) return { ok: false, error: 'failed' };
  if (url.searchParams.get('state') !== state) return { ok: false, error: 'state' };
  const error = url.searchParams.get('error');
  if (error) return { ok: false, error: error === 'unknown' || error === 'inactive' ? error : 'failed' };
  const code = url.searchParams.get('code');
  return code ? { ok: true, code } : { ok: false, error: 'failed' };
}

/**
 * Runs the flow in the browser's sign-in window and gives the one-time code. From a page of the extension (the
 * options page), as the answer to the person's click: Firefox opens the window only then.
 */
export async function runSsoFlow(server: string): Promise<SsoRedirect & { redirectUri: string }> {
  const redirectUri = browser.identity.getRedirectURL();
  const state = newSsoState();
  let finalUrl: string | undefined;
  try {
    finalUrl = await browser.identity.launchWebAuthFlow({
      url: ssoStartUrl(server, redirectUri, state),
      interactive: true,
    });
  } catch {
    // Closed by the person, or the window could not load the registry: nothing to sign in with either way.
    return { ok: false, error: 'cancelled', redirectUri };
  }
  return { ...readSsoRedirect(finalUrl, redirectUri, state), redirectUri };
}
