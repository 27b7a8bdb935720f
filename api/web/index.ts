/**
 * The registry web UI, mounted at `/` by createApp. Server-rendered pages whose forms work without JavaScript;
 * every page is guarded like an API route (so the access test lists it) but only a web session opens it.
 */
import { Hono } from 'hono';
import type { Limiter } from '../rate-limit.ts';
import { isApiPath, type WebEnv } from './env.ts';
import { assetPages } from './pages/assets.ts';
import { authPages } from './pages/auth.tsx';
import { declarationPages } from './pages/declarations.tsx';
import { declarePages } from './pages/declare.tsx';
import { checkCsrf, readSession } from './session.ts';
import { notFoundPage, webFrame } from './ui/errors.tsx';

export function webRoute(signInLimiter: Limiter) {
  return (
    new Hono<WebEnv>()
      .use(webFrame)
      .use(readSession)
      .use(checkCsrf)
      .route('/', assetPages())
      .route('/', authPages(signInLimiter))
      .route('/', declarationPages)
      .route('/', declarePages)
      // Last: any other address outside the API is a page that does not exist.
      .all('*', (c, next) => (isApiPath(c.req.path) ? next() : notFoundPage(c)))
  );
}
