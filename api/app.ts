/**
 * Builds the Zuiver app from its dependencies: no listen(), no globals, so tests build one per database.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import { bearerAuth } from './auth.ts';
import { guard, type AppEnv, type Deps } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { auditRoute, policyRoute, reportsRoute } from './routes/admin.ts';
import { authRoute } from './routes/auth.ts';
import { declarationsRoute } from './routes/declarations.ts';
import { demoRoute } from './routes/demo.ts';
import { negotiationsRoute } from './routes/negotiations.ts';
import { meRoute, peopleRoute } from './routes/people.ts';
import { suppliersRoute } from './routes/suppliers.ts';
import { watchlistRoute } from './routes/watchlist.ts';
import { createSignInLimiter } from './sign-in.ts';
import { storageProblem, STORAGE_UNAVAILABLE_MESSAGE } from '../db/storage.ts';
import { createWatchlistCache } from './watchlist-cache.ts';
import { webRoute } from './web/index.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** `?lang=` wins, then the `lang` cookie of the web UI, then Accept-Language; Dutch by default. */
export function pickLang(query: string | undefined, cookie: string | undefined, accept: string | undefined): Lang {
  const chosen = query ?? cookie;
  if (chosen === 'en' || chosen === 'nl') return chosen;
  const first = accept?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, details: details ?? null } });

export function createApp(deps: Deps) {
  const signInLimiter = createSignInLimiter();
  const cache = createWatchlistCache(deps.db, deps.config.publicUrl);

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
      throw new AppError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    },
  });
  // Pages get the full set of security headers; JSON answers need only nosniff, and every header costs time
  // on the hottest path (a 304 for the watchlist).
  const pageHeaders = secureHeaders({ crossOriginResourcePolicy: false });

  const api = new Hono<AppEnv>()
    .use((c, next) => (c.req.header('origin') ? allowExtensions(c, next) : next()))
    .use(bearerAuth(deps.config.rateLimitPerMinute))
    .get('/health', guard({ summary: 'Is the server up and the database reachable', roles: 'public' }), async (c) => {
      await deps.db.run(sql`select 1`);
      return c.json({ ok: true });
    })
    .route('/auth', authRoute(signInLimiter))
    .route('/me', meRoute)
    .route('/people', peopleRoute)
    .route('/suppliers', suppliersRoute)
    .route('/negotiations', negotiationsRoute)
    .route('/declarations', declarationsRoute)
    .route('/policy', policyRoute)
    .route('/audit', auditRoute)
    .route('/reports', reportsRoute)
    .route('/', watchlistRoute);

  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      if (!c.req.path.startsWith('/api/')) return pageHeaders(c, next);
      c.header('X-Content-Type-Options', 'nosniff');
      await next();
    })
    .use(async (c, next) => {
      c.set('deps', deps);
      c.set('watchlists', cache);
      c.set('lang', pickLang(c.req.query('lang'), /(?:^|;\s*)lang=(\w+)/.exec(c.req.header('cookie') ?? '')?.[1], c.req.header('accept-language')));
      await next();
    })
    .use(async (c, next) => {
      // Reading `body` makes the Node adapter build a full Request; requests that carry none skip it.
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      return limitBody(c, next);
    })
    .route('/api/v1', api);
  if (deps.config.demo) app.route('/demo', demoRoute());
  app.route('/', webRoute(signInLimiter));

  app.get('/api/v1/openapi.json', guard({ summary: 'This document', roles: 'public' }), (c) => c.json(openApiDocument(app)));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 400 ? 'invalid_input' : status === 413 ? 'payload_too_large' : 'http_error';
      return c.json(errorBody(code, err.message || 'Request could not be processed.'), status);
    }
    const storage = storageProblem(err);
    if (storage) {
      // The operator needs the cause, the caller only that it is not their request's fault.
      console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}: storage unavailable: ${storage.code} ${storage.message}`);
      return c.json(errorBody('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, { reason: storage.code }), 503);
    }
    console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err);
    return c.json(errorBody('internal', 'Something went wrong on our side; nothing was changed.'), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
