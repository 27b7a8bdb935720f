/**
 * The hottest request of the API is every extension asking for its watchlist with If-None-Match, and the answer is
 * nearly always 304. Once the full pipeline (token, rate limit, role, compiled watchlist) has answered a 304, the
 * same question (same token, language and origin, and an ETag that still matches) is answered from memory with the
 * same headers, for as long as that answer is sure to be the same: the registry has not changed (a revocation, a
 * deactivation or a new conflict all are changes), the day has not turned, the token has not expired and its
 * last-use stamp is not due. The rate limit still counts every request. Anything else takes the full pipeline.
 */
import type { MiddlewareHandler } from 'hono';
import { sha256 } from '../db/credentials.ts';
import { freshStamp } from '../db/changes.ts';
import { tokenTrustedUntil } from './auth.ts';
import { langOf, type AppEnv, type Deps } from './http.ts';
import type { Limiter } from './rate-limit.ts';
import { ifNoneMatch } from './routes/watchlist.ts';
import { watchlistStamp } from './watchlist-cache.ts';

interface Answer {
  stamp: string;
  etag: string;
  tokenId: string;
  until: number;
  headers: Record<string, string>;
}

const MAX_ANSWERS = 10_000;

export function answerNotModified({ db, clock }: Deps, limiter: Limiter): MiddlewareHandler<AppEnv> {
  const answers = new Map<string, Answer>();
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const asked = c.req.header('if-none-match');
    if (c.req.method !== 'GET' || !authorization || !asked) return next();
    const now = clock.now();
    const changes = freshStamp(db, now.getTime());
    // Only a stamp known without a query: the first request after a quiet second takes the full pipeline.
    const stamp = changes && watchlistStamp(changes, now);
    const key = `${sha256(authorization)}\n${langOf(c)}\n${c.req.header('origin') ?? ''}`;
    const known = answers.get(key);
    if (known && known.stamp === stamp && now.getTime() < known.until && ifNoneMatch(asked, known.etag) && limiter.hit(known.tokenId, now.getTime()).ok) {
      // A plain Response with a plain header object: the Node adapter writes it without building Headers.
      return new Response(null, { status: 304, headers: known.headers });
    }
    await next();
    const token = c.get('caller')?.token;
    if (!stamp || !token || c.res.status !== 304) return;
    if (answers.size >= MAX_ANSWERS) answers.clear();
    const etag = c.res.headers.get('etag')!;
    answers.set(key, { stamp, etag, tokenId: token.id, until: tokenTrustedUntil(token), headers: Object.fromEntries(c.res.headers) });
  };
}
