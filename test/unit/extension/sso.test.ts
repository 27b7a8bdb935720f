// @vitest-environment happy-dom
/**
 * The extension's single sign-on, around the browser's identity API (which cannot run headless): the start URL it
 * opens, how it reads the URL the flow ends at (its state must come back, a wrong one is refused), and the options
 * page's button, which hands the code to the background; with WXT's fake browser standing in for the identity API.
 * The server side of the same flow runs against a real provider in test/api/sso.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newSsoState, readSsoRedirect, ssoStartUrl } from '../../../extension/background/sso.ts';
import type { SyncStatus } from '../../../extension/shared/messaging.ts';
import { loadPage } from '../../support/extension-page.ts';
import { waitFor } from '../../support/wait.ts';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const FIREFOX_REDIRECT = 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/';

describe('the start URL', () => {
  it('goes to the registry’s extension flow with the redirect URL and the state', () => {
    const url = new URL(ssoStartUrl('https://zuiver.corporatie.nl', REDIRECT, 'state-123'));
    expect(url.origin + url.pathname).toBe('https://zuiver.corporatie.nl/login/oidc/extension');
    expect(Object.fromEntries(url.searchParams)).toEqual({ redirect_uri: REDIRECT, state: 'state-123' });
  });

  it('keeps a registry under a path', () => {
    expect(ssoStartUrl('https://intranet.corporatie.nl/zuiver', FIREFOX_REDIRECT, 's')).toMatch(
      /^https:\/\/intranet\.corporatie\.nl\/zuiver\/login\/oidc\/extension\?/,
    );
  });

  it('gets a fresh state each time, of the length the registry accepts', () => {
    const a = newSsoState();
    expect(a).toMatch(/^[\w-]{40,128}$/);
    expect(newSsoState()).not.toBe(a);
  });
});

describe('the redirect the flow ends at', () => {
  it('gives the code when the state is ours', () => {
    expect(readSsoRedirect(`${REDIRECT}?code=one-time&state=s1`, REDIRECT, 's1')).toEqual({
      ok: true,
      code: 'one-time',
    });
    expect(readSsoRedirect(`${FIREFOX_REDIRECT}?state=s1&code=c`, FIREFOX_REDIRECT, 's1')).toEqual({
      ok: true,
      code: 'c',
    });
  });

  it('refuses a wrong or missing state, even with a code', () => {
    expect(readSsoRedirect(`${REDIRECT}?code=one-time&state=s2`, REDIRECT, 's1')).toEqual({
      ok: false,
      error: 'state',
    });
    expect(readSsoRedirect(`${REDIRECT}?code=one-time`, REDIRECT, 's1')).toEqual({ ok: false, error: 'state' });
  });

  it('refuses a URL that is not the extension’s redirect URL', () => {
    expect(readSsoRedirect('https://evil.example/?code=c&state=s1', REDIRECT, 's1')).toEqual({
      ok: false,
      error: 'failed',
    });
    expect(readSsoRedirect(undefined, REDIRECT, 's1')).toEqual({ ok: false, error: 'failed' });
  });

  it('passes on why the registry refused the person', () => {
    expect(readSsoRedirect(`${REDIRECT}?error=unknown&state=s1`, REDIRECT, 's1')).toEqual({
      ok: false,
      error: 'unknown',
    });
    expect(readSsoRedirect(`${REDIRECT}?error=inactive&state=s1`, REDIRECT, 's1')).toEqual({
      ok: false,
      error: 'inactive',
    });
    expect(readSsoRedirect(`${REDIRECT}?error=server_error&state=s1`, REDIRECT, 's1')).toEqual({
      ok: false,
      error: 'failed',
    });
  });
});

const SIGNED_OUT: SyncStatus = {
  signedIn: false,
  server: null,
  person: null,
  checkedAt: null,
  error: null,
  expired: false,
  suppliers: 0,
};

async function openOptions(
  endsAt: (startUrl: string) => string | Promise<string>,
  managed: Record<string, unknown> = { server: 'https://zuiver.corporatie.nl' },
) {
  const exchanged: Array<{ server: string; code: string; redirectUri: string }> = [];
  loadPage('options', {
    status: () => SIGNED_OUT,
    signInWithCode(request) {
      exchanged.push(request);
      return {
        ok: true,
        status: {
          ...SIGNED_OUT,
          signedIn: true,
          server: request.server,
          person: { name: 'Jan', email: 'jan@corporatie.nl' },
        },
      };
    },
  });
  await fakeBrowser.storage.managed.set(managed);
  vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue(REDIRECT);
  // Policy cannot grant host permissions: IT's sites are not granted until the person allows them.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
  const launched: string[] = [];
  vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async ({ url }) => {
    launched.push(url);
    return endsAt(url);
  });
  await import('../../../extension/entrypoints/options/main.ts');
  await waitFor(
    'the status',
    async () => document.querySelector('#who')!.textContent,
    (text) => !!text,
  );
  document.querySelector<HTMLButtonElement>('#sso')!.click();
  const message = await waitFor(
    'the outcome',
    async () => document.querySelector('#message')!.textContent,
    (text) => !!text && text !== 'signingIn',
  );
  return { message, launched, exchanged };
}

describe('the options page’s button', () => {
  it('opens the flow of the server IT set and hands the code to the background', async () => {
    const { message, launched, exchanged } = await openOptions(
      (url) => `${REDIRECT}?code=the-code&state=${new URL(url).searchParams.get('state')}`,
    );
    expect(message).toBe('signedIn');
    expect(launched).toHaveLength(1);
    expect(launched[0]).toMatch(/^https:\/\/zuiver\.corporatie\.nl\/login\/oidc\/extension\?redirect_uri=/);
    expect(exchanged).toEqual([{ server: 'https://zuiver.corporatie.nl', code: 'the-code', redirectUri: REDIRECT }]);
  });

  it('sends nothing to the background when the state that comes back is not the one it sent', async () => {
    const { message, exchanged } = await openOptions(() => `${REDIRECT}?code=the-code&state=someone-elses`);
    expect(message).toBe('errorSsoState');
    expect(exchanged).toEqual([]);
  });

  it('says so when the window was closed', async () => {
    const { message, exchanged } = await openOptions(() =>
      Promise.reject(new Error('The user did not approve access.')),
    );
    expect(message).toBe('errorSsoCancelled');
    expect(exchanged).toEqual([]);
  });
});

describe('the options page under IT’s policy', () => {
  it('shows the server and only the work account: no token, no password, no adding sites when policy says so', async () => {
    await openOptions((url) => `${REDIRECT}?code=c&state=${new URL(url).searchParams.get('state')}`, {
      server: 'https://zuiver.corporatie.nl',
      sites: ['inkoop.corporatie.nl'],
      allowUserSites: false,
    });
    const server = document.querySelector<HTMLInputElement>('#token-form [name=server]')!;
    expect(server.value).toBe('https://zuiver.corporatie.nl');
    expect(server.readOnly).toBe(true);
    expect(document.querySelector<HTMLElement>('#token-fields')!.hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('#password-section')!.hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('#sso-section')!.hidden).toBe(false);
    expect(document.querySelector<HTMLFormElement>('#site-form')!.hidden).toBe(true);
    await waitFor(
      'the sites',
      async () => document.querySelector('#sites')!.textContent,
      (text) => !!text,
    );
    expect(document.querySelector('#sites')!.textContent).toContain('https://inkoop.corporatie.nl/* siteByPolicy');
    expect(document.querySelector<HTMLElement>('#sites-managed')!.hidden).toBe(false);
    expect(document.querySelector<HTMLButtonElement>('#sites-grant')!.hidden).toBe(false);
  });
});
