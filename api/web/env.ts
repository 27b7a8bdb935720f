/**
 * What every web page shares: the context type (the API's, plus the session), the route guard for pages, the
 * person's UI state (language, dictionary, CSRF token) and how a page is sent.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Conflict } from '../../core/types.ts';
import { BUYER_ROLES, MANAGER_ROLES, type Role } from '../../core/vocabulary.ts';
import type { SessionRow } from '../../db/credentials.ts';
import type { Person } from '../../db/people.ts';
import { guard, sendCsvFile, type AppEnv, type RouteSpec } from '../http.ts';
import { textFor, type Dict } from './text/index.ts';

export interface WebEnv {
  Variables: AppEnv['Variables'] & { session?: SessionRow };
}
export type WebContext = Context<WebEnv>;

export const MANAGERS: Role[] = [...MANAGER_ROLES];
export const BUYERS: Role[] = [...BUYER_ROLES];
export const ADMINS: Role[] = ['admin'];

/** A web page's guard: listed by `describedRoutes` like an API route, but only a web session may pass. */
export const page = (summary: string, roles: RouteSpec['roles']) => guard({ summary, roles, web: true });

/** Everything a component needs to know about who is looking, in which language. */
export interface Ui {
  t: Dict;
  lang: 'nl' | 'en';
  person?: Person;
  csrf?: string;
  /** The current path and query, for the language switch and the sign-in redirect. */
  here: string;
  publicUrl: string;
}

export function uiOf(c: WebContext): Ui {
  const url = new URL(c.req.url);
  return {
    t: textFor(c.var.lang),
    lang: c.var.lang,
    person: c.var.caller?.person,
    csrf: c.var.session?.csrfToken,
    here: url.pathname + url.search,
    publicUrl: c.var.deps.config.publicUrl,
  };
}

/**
 * A supplier's conflicts as this person may see them, from the same cached watchlist the API serves, so a page
 * view costs no recompilation.
 */
export async function conflictsSeenBy(c: WebContext): Promise<(supplierId: string) => Conflict[]> {
  const cache = c.var.watchlists;
  const entry = await cache.get(
    { id: c.var.caller.person.id, role: c.var.caller.person.role },
    c.var.lang,
    c.var.deps.clock.now(),
  );
  const byId = cache.byIdOf(entry);
  return (supplierId) => byId.get(supplierId)?.conflicts ?? [];
}

/** Sends a full HTML document; registry pages are personal, so never cached anywhere. */
export function sendPage(c: WebContext, body: Child, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', 'private, no-store');
  return c.html(html`<!doctype html>${body}`, status);
}

/** Sends a CSV download; like a page it holds registry data, so it is never cached either. */
export function sendCsv(c: WebContext, filename: string, body: string) {
  c.header('Cache-Control', 'private, no-store');
  return sendCsvFile(c, filename, body);
}

/** Post/Redirect/Get: every successful form post answers 303, so a reload never repeats it. */
export const seeOther = (c: WebContext, location: string) => c.redirect(location, 303);

/**
 * What the page says after a post redirected to it with `?done=`: the text `texts` holds under that key. Any
 * other value shows nothing, so the address cannot put words on the page.
 */
export function flashOf(c: WebContext, texts: Record<string, string>): string | undefined {
  const done = c.req.query('done');
  return done && Object.hasOwn(texts, done) ? texts[done] : undefined;
}

/** Only paths on this server, so `next=` can never send someone to another site. */
export function localPath(value: string | undefined, fallback = '/'): string {
  return value && /^\/(?![/\\])[^\s\\]*$/.test(value) && !value.startsWith('/api/') ? value : fallback;
}

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
