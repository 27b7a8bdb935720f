/**
 * Web pages answer errors as pages, not JSON: no session sends the person to /login, a role not allowed gets
 * a 403 page, someone else's declaration a 404 page. Also the security headers every page gets.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../../core/errors.ts';
import { isExpected, statusOf } from '../../errors.ts';
import { isApiPath, uiOf, type WebContext, type WebEnv } from '../env.ts';
import { textFor } from '../text/index.ts';
import { renderPage } from './layout.tsx';

/**
 * Only our own script files (the supplier form's name rules), never inline ones: the forms work without them, and
 * injected markup could not run even if it got in. The script may ask this server only.
 */
const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const PAGE_STATUSES = [400, 403, 404, 409, 413, 429] as const;

function errorPage(c: WebContext, err: Error) {
  const status = isExpected(err) ? statusOf(err) : err instanceof HTTPException ? err.status : 500;
  if (status === 401) return toSignIn(c);
  const t = textFor(c.var.lang);
  const shown = (PAGE_STATUSES as readonly number[]).includes(status)
    ? (status as (typeof PAGE_STATUSES)[number])
    : status < 500
      ? 400
      : 500;
  const page = t.errors.page[shown];
  const text = err instanceof DomainError && err.code === 'csrf_failed' ? t.errors.csrf : page.text;
  return renderPage(
    c,
    { title: page.title, status: shown },
    <>
      <p>{text}</p>
      <p>
        <a href="/">{t.errors.home}</a>
      </p>
    </>,
  );
}

/**
 * A link from another site (the extension's card in webmail) arrives without the SameSite=Strict cookie. A page
 * of our own that reloads the address makes the next request same-site, so a signed-in person stays signed in.
 */
function toSignIn(c: WebContext) {
  const { here } = uiOf(c);
  if (c.req.method === 'GET' && c.req.header('sec-fetch-site') === 'cross-site') {
    const t = textFor(c.var.lang);
    return renderPage(
      c,
      { title: t.auth.continueTitle, refresh: here },
      <>
        <p>{t.auth.continueText}</p>
        <p>
          <a href={here} role="button">
            {t.auth.continue}
          </a>
        </p>
      </>,
    );
  }
  return c.redirect(c.req.method === 'GET' && here !== '/' ? `/login?next=${encodeURIComponent(here)}` : '/login', 303);
}

/** Outermost web middleware: turns errors into pages and adds the page security headers. */
export const webFrame: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (isApiPath(c.req.path)) return next();
  await next();
  if (c.error) {
    // The app's onError already answered JSON; the page replaces it (keeping its other headers, such as Retry-After).
    c.res = await errorPage(c, c.error);
  }
  if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Content-Security-Policy', CSP);
};

export const notFoundPage = (c: WebContext) => errorPage(c, new DomainError('not_found', 'not_found', 'No such page.'));
