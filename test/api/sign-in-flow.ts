/**
 * What the single sign-on tests share: a real OpenID provider (oidc-provider, started on a loopback port) with
 * accounts for people of the test world and for strangers, the app with single sign-on set up, and a browser
 * signing in through both. `useSignIn()` starts and stops them around a file's tests; `t`, `provider` and
 * `template` are the current ones.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { OidcConfig } from '../../api/auth/oidc.ts';
import { CLIENT_ID, CLIENT_SECRET, startProvider, type TestProvider } from '../support/oidc-provider.ts';
import { openTestApp, worldTemplate, type TestApp, type World } from '../support/app.ts';
import { getPage } from './web-client.ts';

export const PUBLIC_URL = 'http://127.0.0.1:8787';
export const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

export let provider: TestProvider;
export let template: { file: string; world: World };
export let t: TestApp;

export function useSignIn() {
  beforeAll(async () => {
    template = await worldTemplate();
    provider = await startProvider({
      redirectUri: `${PUBLIC_URL}/login/oidc/callback`,
      accounts: {
        [template.world.people.staff.email]: {
          email: template.world.people.staff.email.toUpperCase(),
          name: 'Test staff',
        },
        [template.world.people.deactivated.email]: { email: template.world.people.deactivated.email, name: 'Gone' },
        'stranger@corp.test': { email: 'stranger@corp.test', name: 'Nieuwe Collega' },
        'unverified@corp.test': { email: 'unverified@corp.test', name: 'Unverified', email_verified: false },
      },
    });
  });
  afterAll(() => provider?.close());
  afterEach(() => t?.registry.close());
}

export const oidcConfig = (extra: Partial<OidcConfig> = {}): OidcConfig => ({
  issuer: provider.issuer,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  emailClaim: 'email',
  createPeople: false,
  ...extra,
});
export const open = async (extra: Partial<OidcConfig> = {}) =>
  (t = await openTestApp(template.file, { oidc: oidcConfig(extra) }));

export const cookieOf = (res: { headers: Headers }, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** A browser: /login/oidc at Zuiver, the provider's pages, and back to Zuiver's callback with the flow's cookie. */
export async function signInWithWorkAccount(login: string, start = '/login/oidc?next=%2Faccount') {
  const begin = await getPage(t, start);
  expect(begin.status, begin.html.slice(0, 300)).toBe(302);
  const flowCookie = cookieOf(begin, 'zuiver_oidc')!;
  expect(flowCookie).toBeDefined();
  const back = await provider.signIn(begin.location!, login);
  expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/login/oidc/callback`);
  const callback = await getPage(t, back.pathname + back.search, undefined, { cookie: flowCookie });
  return { callback, toExtension: callback.location ? new URL(callback.location) : undefined };
}

export const extensionStart = (state: string) =>
  `/login/oidc/extension?redirect_uri=${encodeURIComponent(EXTENSION_REDIRECT)}&state=${state}`;
