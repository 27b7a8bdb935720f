/**
 * `GET /api/v1/watchlist/events`: one server-sent-events stream per browser, telling the extension its
 * watchlist's version at once and again whenever it changes, so that it fetches the delta within seconds instead
 * of on its next poll. It carries versions only, never entries. A comment line every HEARTBEAT_MS keeps proxies
 * from timing the stream out and the extension's MV3 service worker awake (an idle one is stopped after 30 s);
 * after LIFETIME_MS the server ends the stream and the client connects again, which also asks again whether its
 * token is still good.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { actorOf, type AppEnv } from '../http.ts';

const HEARTBEAT_MS = 20_000;
const LIFETIME_MS = 10 * 60_000;
/** What a client waits before connecting again after the stream ended (the EventSource `retry` field). */
const RETRY_MS = 5_000;

export const watchlistEvents = (c: Context<AppEnv>) =>
  streamSSE(c, async (stream) => {
    const cache = c.get('watchlists');
    const viewer = actorOf(c);
    const lang = c.get('lang');
    const { clock } = c.get('deps');
    let sent: string | undefined;
    let sending = Promise.resolve();
    // One at a time, so that versions go out in the order they were made.
    const send = () =>
      (sending = sending
        .then(async () => {
          const entry = await cache.get(viewer, lang, clock.now());
          if (entry.version === sent || stream.aborted) return;
          sent = entry.version;
          await stream.writeSSE({ event: 'version', data: JSON.stringify({ version: sent }), retry: RETRY_MS });
        })
        .catch(() => stream.abort()));
    const unsubscribe = cache.subscribe(() => void send(), clock);
    stream.onAbort(unsubscribe);
    try {
      await send();
      const until = Date.now() + LIFETIME_MS;
      while (!stream.aborted && Date.now() < until) {
        await stream.sleep(HEARTBEAT_MS);
        if (!stream.aborted) await stream.write(':\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
