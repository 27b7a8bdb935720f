import { Hono } from 'hono';
import { actorOf, guard, now, validate, type AppEnv } from '../http.ts';
import { checkBody, watchlistQuery } from '../schemas/watchlist.ts';
import { watchlistEvents } from './events.ts';

export const WATCHLIST_PATH = '/api/v1/watchlist';

/** The exact comparison first: a client repeats the one ETag it was given. */
export const ifNoneMatch = (header: string | undefined, etag: string) =>
  header === etag || (!!header && header.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*'));

export const watchlistRoute = new Hono<AppEnv>()
  .get(
    '/watchlist',
    guard({
      summary:
        'The suppliers with a conflict, as your role may see them (ETag, If-None-Match; ?since=VERSION gives what changed)',
      roles: 'any',
      extension: true,
    }),
    validate('query', watchlistQuery),
    async (c) => {
      const cache = c.get('watchlists');
      const viewer = actorOf(c);
      const entry = await cache.get(viewer, c.get('lang'), now(c));
      c.header('ETag', entry.etag);
      c.header('Vary', 'Accept-Encoding, Accept-Language', { append: true });
      if (ifNoneMatch(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304);
      const answer = cache.body(entry, viewer, c.get('lang'), c.req.valid('query').since);
      const { encoding, body } = await cache.encode(entry, c.req.header('accept-encoding') ?? '', answer);
      if (encoding) c.header('Content-Encoding', encoding);
      return c.body(body as string, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    },
  )
  .get(
    '/watchlist/events',
    guard({
      summary: "Server-sent events: your watchlist's version, now and whenever it changes",
      roles: 'any',
      extension: true,
      stream: true,
    }),
    watchlistEvents,
  )
  .post(
    '/check',
    guard({
      summary: 'Find watched suppliers in texts, with the same matcher as the extension',
      roles: 'any',
      extension: true,
    }),
    validate('json', checkBody),
    async (c) => {
      const cache = c.get('watchlists');
      const entry = await cache.get(actorOf(c), c.get('lang'), now(c));
      const matcher = cache.matcherOf(entry);
      const byId = cache.byIdOf(entry);
      const matches = c.req.valid('json').texts.flatMap((text, i) =>
        matcher.scan(text).map((m) => {
          const e = byId.get(m.id)!;
          return {
            text: i,
            start: m.start,
            end: m.end,
            kind: m.kind,
            supplierId: e.id,
            name: e.name,
            conflicts: e.conflicts,
          };
        }),
      );
      return c.json({ matches });
    },
  );
