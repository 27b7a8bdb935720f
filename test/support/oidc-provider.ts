/**
 * A real OpenID provider for the tests: panva's `oidc-provider` (a certified implementation) on a loopback port,
 * with one confidential client for Zuiver and its development login, which any test drives with plain HTTP: the
 * login form takes an account id (here the person's e-mail address) and the consent form a single click.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './server.ts';

export const CLIENT_ID = 'zuiver';
export const CLIENT_SECRET = 'zuiver-test-secret-that-is-long-enough';

export interface Account {
  email: string;
  name: string;
  email_verified?: boolean;
}

export interface TestProvider {
  issuer: string;
  port: number;
  /** Follows the provider's pages from `authorizeUrl` as a browser would, signs in as `login`, consents, and returns
   * the URL the provider finally sends the browser to (the client's redirect URI with code and state). */
  signIn(authorizeUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startProvider(opts: {
  redirectUri: string;
  accounts: Record<string, Account>;
  port?: number;
}): Promise<TestProvider> {
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx, id) => {
      const account = opts.accounts[id];
      return account ? { accountId: id, claims: () => ({ sub: id, email_verified: true, ...account }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Entra ID puts the e-mail address into the ID token itself (an optional claim), so this provider does too.
    conformIdTokenClaims: false,
    pkce: { methods: ['S256'], required: () => true },
    cookies: { keys: ['zuiver-oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(port);
  await new Promise((resolve) => server.once('listening', resolve));

  async function signIn(authorizeUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizeUrl);
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.origin !== issuer) return url;
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      body = undefined;
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url);
        continue;
      }
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action)
        throw new Error(`The provider answered ${res.status} without a form: ${html.slice(0, 500)}`);
      body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      url = new URL(action, url);
    }
    throw new Error('Too many redirects at the provider.');
  }

  return {
    issuer,
    port,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
