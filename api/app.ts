/**
 * Builds the Zuiver app from its dependencies: no listen(), no globals, so tests build one per database.
 */
import { sql } from 'drizzle-orm';
import { Hono, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bearerAuth, createTokenLimiter } from './auth/bearer-token.ts';
import { isExpected, payloadTooLarge, statusOf } from './errors.ts';
import { createSingleSignOn } from './auth/oidc.ts';
import { scimError, scimRoute } from './auth/scim.ts';
import { guard, langOf, type AppEnv, type Deps } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { auditRoute } from './routes/audit.ts';
import { attestationsRoute } from './routes/attestations.ts';
import { authRoute } from './routes/auth.ts';
import { declarationsRoute } from './routes/declarations.ts';
import { flagReportsRoute } from './routes/flag-reports.ts';
import { demoRoute } from './routes/demo.ts';
import { mailRoute } from './routes/mail.ts';
import { meRoute } from './routes/me.ts';
import { negotiationsRoute } from './routes/negotiations.ts';
import { peopleRoute } from './routes/people.ts';
import { policyRoute } from './routes/policy.ts';
import { reportsRoute } from './routes/reports.ts';
import { suppliersRoute } from './routes/suppliers.ts';
import { WATCHLIST_PATH, watchlistRoute } from './watchlist/route.ts';
import { createSignInLimits } from './auth/sign-in.ts';
import { storageProblem, STORAGE_UNAVAILABLE_MESSAGE } from '../db/storage-problems.ts';
import { createWatchlistCache } from './watchlist/cache.ts';
import { createNotModified } from './watchlist/not-modified.ts';
import { webRoute } from './web/index.ts';

const MAX_BODY_BYTES = 1024 * 1024;

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, details: details ?? null },
});

export function createApp(deps: Deps) {
  const signInLimits = createSignInLimits(deps.config.trustProxy);
  const cache = createWatchlistCache(deps.db, deps.config.publicUrl);
  const tokenLimiter = createTokenLimiter(deps.config.rateLimitPerMinute);
  const notModified = createNotModified(deps, tokenLimiter);
  const sso = createSingleSignOn(deps.config.oidc, deps.config.publicUrl, deps);
  const bearer = bearerAuth(tokenLimiter);

  const allowExtensions = cors({
    // The extension calls from its own origin; no web page may call the API from a browser.
    origin: (origin) => (/^(chrome|moz)-extension:\/\/[\w-]+$/.test(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Accept-Language'],
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      // The rest of the body may still be on its way: on a kept-alive connection the client would meet a reset
      // instead of this answer, so the connection ends with it.
      c.header('Connection', 'close');
      throw payloadTooLarge(`Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    },
  });
  // Pages get the full set of security headers; JSON answers need only nosniff, and every header costs time
  // on the hottest path (a 304 for the watchlist).
  const pageHeaders = secureHeaders({ crossOriginResourcePolicy: false });

  const api = new Hono<AppEnv>()
    .use(bearer)
    .get('/health', guard({ summary: 'Is the server up and the database reachable', roles: 'public' }), async (c) => {
      await deps.db.run(sql`select 1`);
      return c.json({ ok: true });
    })
    .route('/auth', authRoute(signInLimits))
    .route('/me', meRoute)
    .route('/people', peopleRoute)
    .route('/suppliers', suppliersRoute)
    .route('/negotiations', negotiationsRoute)
    .route('/declarations', declarationsRoute)
    .route('/flag-reports', flagReportsRoute)
    .route('/policy', policyRoute)
    .route('/audit', auditRoute)
    .route('/reports', reportsRoute)
    .route('/attestations', attestationsRoute)
    .route('/mail', mailRoute)
    .route('/', watchlistRoute);

  // What every request needs, in one middleware: each layer costs time on every request (see `npm run bench -- api`).
  const app = new Hono<AppEnv>()
    // First, so that it sees the answer of everything after it.
    .use(WATCHLIST_PATH, notModified.remember)
    .use((c, next) => {
      c.set('deps', deps);
      c.set('watchlists', cache);
      c.set('sso', sso);
      c.set('lang', langOf(c));
      // Reading `body` makes the Node adapter build a full Request; requests that carry none skip it.
      const limited: Next =
        c.req.method === 'GET' || c.req.method === 'HEAD' ? next : async () => void (await limitBody(c, next));
      if (!c.req.path.startsWith('/api/')) return pageHeaders(c, limited);
      c.header('X-Content-Type-Options', 'nosniff');
      // CORS is for the extension, which calls only the API.
      return c.req.header('origin') ? allowExtensions(c, limited) : limited();
    })
    .route('/api/v1', api)
    .route('/scim/v2', scimRoute(bearer));
  if (deps.config.demo) {
    // At /demo/, so that its links to the pages beside it resolve; /demo leads there.
    app.get('/demo', (c) => c.redirect('/demo/', 301));
    app.route('/demo/', demoRoute());
  }
  app.route('/', webRoute(signInLimits));

  // Built on the first request, once every route is registered; the routes do not change afterwards.
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/v1/openapi.json', guard({ summary: 'This document', roles: 'public' }), (c) =>
    c.json((openApi ??= openApiDocument(app))),
  );

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (c.req.path.startsWith('/scim/')) return scimError(err, c);
    if (isExpected(err)) {
      const status = statusOf(err);
      // Every 429 says when to come back, in the header clients and proxies read as well as in the body.
      const retryAfter = (err.details as { retryAfter?: unknown } | null | undefined)?.retryAfter;
      if (status === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.json(errorBody(err.code, err.message, err.details), status);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 400 ? 'invalid_input' : status === 413 ? 'payload_too_large' : 'http_error';
      return c.json(errorBody(code, err.message || 'Request could not be processed.'), status);
    }
    const storage = storageProblem(err);
    if (storage) {
      // The operator needs the cause, the caller only that it is not their request's fault.
      console.error(
        `[${new Date().toISOString()}] ${c.req.method} ${c.req.path}: storage unavailable: ${storage.code} ${storage.message}`,
      );
      return c.json(errorBody('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, { reason: storage.code }), 503);
    }
    console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err);
    return c.json(errorBody('internal', 'Something went wrong on our side; nothing was changed.'), 500);
  });
  // A remembered 304 goes out before routing (see watchlist/not-modified.ts); tests reach it too, as app.request calls fetch.
  const route = app.fetch;
  app.fetch = (req, env, ctx) => notModified.answer(req) ?? route(req, env, ctx);
  return app;
}

export type App = ReturnType<typeof createApp>;
