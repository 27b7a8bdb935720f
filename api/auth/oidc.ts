/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE, state and nonce, through
 * `openid-client` (which validates the ID token; nothing here does that by hand). Discovery waits until the first
 * sign-in needs it and is retried after a failure, so the server starts while the provider is unreachable.
 * A flow in progress is kept in the registry for ten minutes, keyed by its state (db/sign-in.ts), so that any
 * server on the registry finishes it; the browser holds the state in a cookie, so a callback can only finish the
 * flow that same browser started.
 */
import * as oidc from 'openid-client';
import { saveSignIn, takeSignIn } from '../../db/sign-in.ts';
import type { SignInPurpose } from '../../db/schema.ts';
import { writeTx } from '../../db/write.ts';
import type { Deps } from '../http.ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The ID token claim that holds the person's e-mail address (Entra ID: `email`, or `preferred_username`). */
  emailClaim: string;
  /** Create someone unknown as staff without a manager, instead of refusing them. */
  createPeople: boolean;
}

export type SsoProblem = 'unavailable' | 'expired' | 'failed' | 'no-email';

export class SsoError extends Error {
  constructor(
    readonly problem: SsoProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface SignedInClaims {
  email: string;
  name?: string;
  purpose: SignInPurpose;
}

export interface SingleSignOn {
  config?: OidcConfig;
  /** The URL to send the browser to, and the state to keep in its cookie. */
  start(purpose: SignInPurpose): Promise<{ url: string; state: string }>;
  /** Finishes the flow of `state` with the callback's query string; the pending flow is used up either way. */
  finish(state: string, search: string): Promise<SignedInClaims>;
  /** Tries discovery once; the server calls it at start to say early when the provider cannot be reached. */
  probe(): Promise<string | undefined>;
}

const CALLBACK_PATH = '/login/oidc/callback';
const FLOW_TTL_MS = 10 * 60_000;

/** Plain http only for a provider on this machine (development and the tests); anything else must be https. */
const isLoopback = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export function createSingleSignOn(
  config: OidcConfig | undefined,
  publicUrl: string,
  { db, clock }: Pick<Deps, 'db' | 'clock'>,
): SingleSignOn {
  const redirectUri = `${publicUrl}${CALLBACK_PATH}`;
  let discovered: Promise<oidc.Configuration> | undefined;

  function discover(): Promise<oidc.Configuration> {
    if (!config) throw new SsoError('unavailable', 'Single sign-on is not set up.');
    const issuer = new URL(config.issuer);
    discovered ??= oidc
      .discovery(
        issuer,
        config.clientId,
        config.clientSecret,
        undefined,
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        // The next sign-in tries again: a provider that was down at start must not stay "down" until a restart.
        discovered = undefined;
        throw new SsoError(
          'unavailable',
          `The identity provider ${config.issuer} cannot be reached: ${(err as Error).message}`,
        );
      });
    return discovered;
  }

  return {
    config,
    async probe() {
      try {
        await discover();
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
    async start(purpose) {
      const server = await discover();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const at = clock.now();
      const expiresAt = new Date(at.getTime() + FLOW_TTL_MS);
      await writeTx(db, (tx) => saveSignIn(tx, at, state, { verifier, nonce, purpose }, expiresAt), {
        bookkeeping: true,
      });
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state };
    },
    async finish(state, search) {
      const flow = await writeTx(db, (tx) => takeSignIn(tx, clock.now(), state), { bookkeeping: true });
      if (!flow) throw new SsoError('expired', 'This sign-in is unknown, was used already, or took too long.');
      const server = await discover();
      let claims: oidc.IDToken | undefined;
      try {
        // The callback as the provider was told it (behind a proxy the request's own URL may differ).
        const tokens = await oidc.authorizationCodeGrant(server, new URL(`${redirectUri}${search}`), {
          pkceCodeVerifier: flow.verifier,
          expectedState: state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (err) {
        throw new SsoError('failed', `The identity provider's answer was refused: ${(err as Error).message}`);
      }
      const email = claims?.[config!.emailClaim];
      // A provider that says the address is unverified does not get to name an account by it.
      if (typeof email !== 'string' || !email.includes('@') || claims?.email_verified === false) {
        throw new SsoError('no-email', `The ID token carries no verified e-mail address in "${config!.emailClaim}".`);
      }
      const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim() : undefined;
      return { email, name, purpose: flow.purpose };
    },
  };
}
