/**
 * What every route file shares: the app's dependencies and context, the guard that states who may call a
 * route, and the validator. Both carry their description, so `app.routes` is the single route list that the
 * OpenAPI document and the access test read. Below them, the request helpers that API routes and web pages
 * share: reading a flag, a CSV body, sending a CSV file.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import type { z, ZodType } from 'zod';
import { decodeCsv } from '../core/csv.ts';
import { forbidden, invalidInput, unauthorized } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import type { Role } from '../core/vocabulary.ts';
import { unsupportedMediaType } from './errors.ts';
import type { Db } from '../db/client.ts';
import type { TokenRow } from '../db/credentials.ts';
import type { Person } from '../db/people.ts';
import type { Mail } from './mail/sender.ts';
import type { OidcConfig, SingleSignOn } from './auth/oidc.ts';
import type { WatchlistCache } from './watchlist/cache.ts';

export interface Clock {
  now(): Date;
}

export interface Config {
  /** Requests per minute per token; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Where people reach the registry web UI; links in the extension point here. */
  publicUrl: string;
  /** The proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client, for the sign-in limits. */
  trustProxy?: string[];
  /** Serve the demo pages at /demo/. */
  demo?: boolean;
  /** Single sign-on with OpenID Connect; unset: password sign-in only. */
  oidc?: OidcConfig;
}

export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  /** The mail loop (api/mail/); without it, mails stay queued in the outbox. */
  mail?: Mail;
}

/** Who is calling, and through what: a full, extension- or SCIM-scoped token, or a web session. */
export interface Caller {
  person: Person;
  via: 'full' | 'extension' | 'scim' | 'session';
  token?: TokenRow;
}

export interface AppEnv {
  /** `watchlists`: the compiled watchlists, shared by the API and the pages that show a supplier's conflicts. */
  /** `sso`: the OpenID Connect sign-in, one per app. */
  Variables: {
    deps: Deps;
    caller: Caller;
    lang: Lang;
    authProblem?: string;
    watchlists: WatchlistCache;
    sso: SingleSignOn;
  };
}

/** `?lang=` wins, then the `lang` cookie of the web UI, then Accept-Language; Dutch by default. */
export const langOf = (c: Context<AppEnv>): Lang =>
  chooseLang(c.req.query('lang'), c.req.header('cookie'), c.req.header('accept-language'));

/** langOf from the parts of a request it reads, for a request that has not reached Hono (see watchlist/not-modified.ts). */
export function chooseLang(
  query: string | null | undefined,
  cookie: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Lang {
  const chosen = query ?? /(?:^|;\s*)lang=(\w+)/.exec(cookie ?? '')?.[1];
  if (chosen === 'en' || chosen === 'nl') return chosen;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export const now = (c: Context<AppEnv>) => c.get('deps').clock.now();
export const actorOf = (c: Context<AppEnv>) => ({ id: c.get('caller').person.id, role: c.get('caller').person.role });

export interface RouteSpec {
  summary: string;
  /** `public`: no token needed; `any`: every signed-in role; else the roles allowed. */
  roles: 'public' | 'any' | Role[];
  /** Extension-scoped tokens may only call routes that say so. */
  extension?: boolean;
  /** A page of the web UI: only a web session passes, and it is left out of the OpenAPI document. */
  web?: boolean;
  /** Answers with a stream that lasts until the client goes (server-sent events): a client reads it as it comes. */
  stream?: boolean;
  /** Provisioning (/scim/v2): only a token of scope `scim` passes, and such a token passes nowhere else. */
  scim?: boolean;
}

export type Guard = MiddlewareHandler<AppEnv> & { spec: RouteSpec };

/** States who may call the route and enforces it: 401 without a caller, 403 for a role or scope not allowed. */
export function guard(spec: RouteSpec): Guard {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (spec.roles !== 'public') {
      const caller = c.get('caller');
      if (!caller) throw unauthorized(c.get('authProblem'));
      // The session cookie never opens the API and a token never opens a web page: each keeps its own CSRF story.
      if ((caller.via === 'session') !== !!spec.web) throw unauthorized();
      if (caller.via === 'extension' && !spec.extension)
        throw forbidden('This token is only for the browser extension.');
      if ((caller.via === 'scim') !== !!spec.scim)
        throw forbidden(
          spec.scim ? 'Provisioning needs a token of scope scim.' : 'This token is only for provisioning (SCIM).',
        );
      if (spec.roles !== 'any' && !spec.roles.includes(caller.person.role)) throw forbidden();
    }
    await next();
  };
  return Object.assign(mw, { spec });
}

type Target = 'json' | 'query' | 'param';

/** Turns zod issues into a 400 that names each wrong field. */
export function invalid(issues: z.core.$ZodIssue[], target: Target) {
  const fields = issues.flatMap((i) => {
    const at = (key: PropertyKey[]) => key.map(String).join('.') || target;
    // An unknown key is reported on its parent; name the key itself, it is the thing to fix.
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ field: at([...i.path, k]), message: 'unknown field' }));
    return [{ field: at(i.path), message: i.message }];
  });
  const where = target === 'json' ? 'body' : target;
  return invalidInput(`Invalid ${where}: ${fields.map((f) => f.field).join(', ')}.`, { fields });
}

/** `zValidator` with our error shape; the schema stays reachable for the OpenAPI document. */
export function validate<T extends Target, S extends ZodType>(target: T, schema: S) {
  const mw = zValidator(target, schema, (result) => {
    if (!result.success) throw invalid(result.error.issues, target);
  });
  return Object.assign(mw, { target, schema });
}

/** A yes/no query parameter (`1`/`true`, `0`/`false`); absent is no. */
export const isTrue = (flag: string | undefined) => flag === '1' || flag === 'true';

/** The body of a CSV upload as text (see decodeCsv): 415 unless it is sent as CSV (or plain text). */
export async function readCsvBody(c: Context): Promise<string> {
  if (!/^text\/(csv|plain)/i.test(c.req.header('content-type') ?? ''))
    throw unsupportedMediaType('Send the CSV file as text/csv.');
  return decodeCsv(await c.req.arrayBuffer());
}

/** Sends `body` as a CSV file to download under `filename`. */
export function sendCsvFile(c: Context, filename: string, body: string) {
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}
