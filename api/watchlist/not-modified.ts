/**
 * The hottest request of the API is every extension asking for its watchlist with If-None-Match, and the answer is
 * nearly always 304. Once the full pipeline (token, rate limit, role, compiled watchlist) has answered a 304, the
 * same question (same token, language and origin, and an ETag that still matches) is answered from memory with the
 * same headers, for as long as that answer is sure to be the same: the registry has not changed (a revocation, a
 * deactivation or a new conflict all are changes), the day has not turned, the token has not expired and its
 * last-use stamp is not due. The rate limit still counts every request. Anything else takes the full pipeline.
 *
 * The answer from memory is given before the request reaches Hono (see app.ts): at tens of thousands of such
 * requests a second, routing and the middleware chain cost more than all the rest.
 */
import type { MiddlewareHandler } from 'hono';
import type { Lang } from '../../core/types.ts';
import { sha256 } from '../../db/credentials.ts';
import { freshStamp } from '../../db/changes.ts';
import { tokenTrustedUntil } from '../auth/bearer-token.ts';
import { chooseLang, langOf, type AppEnv, type Deps } from '../http.ts';
import type { Limiter } from '../rate-limit.ts';
import { ifNoneMatch, WATCHLIST_PATH } from './route.ts';
import { watchlistStamp } from './cache.ts';

interface Answer {
  stamp: string;
  etag: string;
  tokenId: string;
  until: number;
  headers: Record<string, string>;
}

const MAX_ANSWERS = 10_000;

export interface NotModified {
  /** The remembered 304 for this request, or undefined: then the app answers it. */
  answer(req: Request): Response | undefined;
  /** Middleware for the watchlist route: remembers the 304s the full pipeline gives. */
  remember: MiddlewareHandler<AppEnv>;
}

/** The path of a request's URL, its query included. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  return start < 0 ? '/' : url.slice(start);
}

export function createNotModified({ db, clock }: Deps, limiter: Limiter): NotModified {
  const answers = new Map<string, Answer>();
  // Only a stamp known without a query: the first request after a quiet second takes the full pipeline.
  const stampAt = (now: Date) => {
    const changes = freshStamp(db, now.getTime());
    return changes && watchlistStamp(changes, now);
  };
  const keyOf = (authorization: string, lang: Lang, origin: string | null | undefined) =>
    `${sha256(authorization)}\n${lang}\n${origin ?? ''}`;

  return {
    answer(req) {
      // Every request passes here: the cheapest tests first. Exactly the path: a query (which may choose the
      // language) takes the full pipeline.
      if (req.method !== 'GET' || pathOf(req.url) !== WATCHLIST_PATH) return undefined;
      const headers = req.headers;
      const authorization = headers.get('authorization');
      const asked = headers.get('if-none-match');
      if (!authorization || !asked) return undefined;
      const now = clock.now();
      const known = answers.get(
        keyOf(
          authorization,
          chooseLang(null, headers.get('cookie'), headers.get('accept-language')),
          headers.get('origin'),
        ),
      );
      const fresh =
        known && known.stamp === stampAt(now) && now.getTime() < known.until && ifNoneMatch(asked, known.etag);
      if (!fresh || !limiter.hit(known.tokenId, now.getTime()).ok) return undefined;
      // A plain Response with a plain header object: the Node adapter writes it without building Headers.
      return new Response(null, { status: 304, headers: known.headers });
    },
    async remember(c, next) {
      const authorization = c.req.header('authorization');
      if (c.req.method !== 'GET' || !authorization || !c.req.header('if-none-match')) return next();
      const stamp = stampAt(clock.now());
      await next();
      const token = c.get('caller')?.token;
      if (!stamp || !token || c.res.status !== 304) return;
      if (answers.size >= MAX_ANSWERS) answers.clear();
      answers.set(keyOf(authorization, langOf(c), c.req.header('origin')), {
        stamp,
        etag: c.res.headers.get('etag')!,
        tokenId: token.id,
        until: tokenTrustedUntil(token),
        headers: Object.fromEntries(c.res.headers),
      });
    },
  };
}
