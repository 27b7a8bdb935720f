/**
 * Single sign-on pages: `/login/oidc` starts the flow for the web UI, `/login/oidc/extension` for the browser
 * extension (which gets a one-time code at its own redirect URL), and the callback finishes both. The browser
 * carries the flow's state in a SameSite=Lax cookie: the provider's redirect back is a cross-site navigation, on
 * which a Strict cookie would not be sent.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isExtensionRedirect, issueExtensionCode } from '../../auth/extension-codes.ts';
import { SsoError, type SsoProblem } from '../../auth/oidc.ts';
import type { SignInPurpose } from '../../../db/schema.ts';
import { personForWorkAccount } from '../../auth/sso-person.ts';
import { now } from '../../http.ts';
import { localPath, page, type WebContext, type WebEnv } from '../env.ts';
import { overHttps, startSession } from '../session.ts';
import { textFor } from '../text/index.ts';
import { renderPage } from '../ui/layout.tsx';

const FLOW_COOKIE = 'zuiver_oidc';
const FLOW_COOKIE_PATH = '/login/oidc';

function messagePage(c: WebContext, title: string, text: string, status: ContentfulStatusCode, again = true) {
  const t = textFor(c.var.lang).sso;
  return renderPage(
    c,
    { title, status },
    <>
      <p>{text}</p>
      {again && (
        <p>
          <a href="/login">{t.again}</a>
        </p>
      )}
    </>,
  );
}

function problemPage(c: WebContext, problem: SsoProblem) {
  const t = textFor(c.var.lang).sso;
  if (problem === 'unavailable') return messagePage(c, t.unavailableTitle, t.unavailable, 503);
  return messagePage(
    c,
    t.failedTitle,
    problem === 'expired' ? t.expired : problem === 'no-email' ? t.noEmail : t.failed,
    400,
  );
}

async function begin(c: WebContext, purpose: SignInPurpose) {
  const t = textFor(c.var.lang).sso;
  const sso = c.var.sso;
  if (!sso.config) return messagePage(c, t.notSetUpTitle, t.notSetUp, 404);
  try {
    const { url, state } = await sso.start(purpose);
    setCookie(c, FLOW_COOKIE, state, {
      path: FLOW_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Lax',
      secure: overHttps(c),
      maxAge: 600,
    });
    return c.redirect(url, 302);
  } catch (err) {
    if (err instanceof SsoError) {
      console.error(`[${now(c).toISOString()}] single sign-on: ${err.message}`);
      return problemPage(c, err.problem);
    }
    throw err;
  }
}

/** Back to the extension: a code on success, an error word otherwise; the extension checks its own state. */
function toExtension(
  c: WebContext,
  purpose: Extract<SignInPurpose, { kind: 'extension' }>,
  result: { code: string } | { error: string },
) {
  const target = new URL(purpose.redirectUri);
  for (const [key, value] of Object.entries(result)) target.searchParams.set(key, value);
  target.searchParams.set('state', purpose.state);
  return c.redirect(target.href, 302);
}

export const ssoPages = new Hono<WebEnv>()
  .get('/login/oidc', page('Sign in with the work account (OpenID Connect): starts the flow', 'public'), (c) =>
    begin(c, { kind: 'web', next: localPath(c.req.query('next')) }),
  )
  .get(
    '/login/oidc/extension',
    page(
      'The browser extension signs in with the work account; ends with a one-time code at its redirect URL',
      'public',
    ),
    (c) => {
      const redirectUri = c.req.query('redirect_uri') ?? '';
      const state = c.req.query('state') ?? '';
      if (!isExtensionRedirect(redirectUri) || !/^[\w-]{16,128}$/.test(state)) {
        const t = textFor(c.var.lang).sso;
        return messagePage(c, t.failedTitle, t.badExtension, 400, false);
      }
      return begin(c, { kind: 'extension', redirectUri, state });
    },
  )
  .get('/login/oidc/callback', page('Where the identity provider sends the browser back', 'public'), async (c) => {
    const t = textFor(c.var.lang).sso;
    const sso = c.var.sso;
    if (!sso.config) return messagePage(c, t.notSetUpTitle, t.notSetUp, 404);
    const state = c.req.query('state') ?? '';
    const cookie = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH, secure: overHttps(c) });
    // Only the browser that started the flow may finish it: otherwise someone could sign a victim in as themself.
    if (!state || cookie !== state) return problemPage(c, 'expired');
    let claims;
    try {
      claims = await sso.finish(state, new URL(c.req.url).search);
    } catch (err) {
      if (!(err instanceof SsoError)) throw err;
      console.error(`[${now(c).toISOString()}] single sign-on: ${err.message}`);
      return problemPage(c, err.problem);
    }
    const found = await personForWorkAccount(c.var.deps.db, now(c), claims, sso.config.createPeople);
    const { purpose } = claims;
    if (!found.ok) {
      if (purpose.kind === 'extension') return toExtension(c, purpose, { error: found.reason });
      return messagePage(
        c,
        t.unknownTitle,
        found.reason === 'unknown' ? t.unknown(found.email) : t.inactive(found.email),
        403,
        false,
      );
    }
    if (purpose.kind === 'extension') {
      const code = await issueExtensionCode(c.var.deps.db, now(c), found.person.id, purpose.redirectUri);
      return toExtension(c, purpose, { code });
    }
    await startSession(c, found.person);
    // A page of our own moves on: the redirect chain from the provider is cross-site, and the new SameSite=Strict
    // session cookie would not be sent on a redirect at the end of it.
    return renderPage(
      c,
      { title: t.signedInTitle, refresh: purpose.next },
      <p>
        <a href={purpose.next}>{t.signedIn}</a>
      </p>,
    );
  });
