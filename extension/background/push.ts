/**
 * Hearing of a new watchlist version within seconds instead of at the next poll: one server-sent-events stream
 * per browser (`GET /api/v1/watchlist/events`), read with fetch because EventSource cannot send the token. The
 * server names the current version at once and each new one after; a version other than the copy in use starts a
 * sync (a delta). The stream reconnects after the server ends it or the network drops it, backing off; an answer
 * that is not an event stream (a proxy that refuses or buffers it, an older server) parks it for a long while,
 * and the alarm's poll keeps the copy fresh meanwhile. Every chunk (an event or the server's heartbeat, every
 * 20 s) calls an extension API, which keeps an MV3 service worker from being stopped as idle while it listens.
 */
import { browser } from 'wxt/browser';
import { auth } from './storage.ts';

/** How the stream ended: the server closed it, it could not be reached, or the answer was no event stream. */
export type StreamEnd = 'ended' | 'failed' | 'refused';

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;
/** After an answer that is no event stream: the alarm's poll does the work until then. */
const REFUSED_RETRY_MS = 30 * 60_000;

/** The version each `version` event names, from the text of the stream as it comes. */
export function eventVersions(): (chunk: string) => string[] {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    const versions: string[] = [];
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      if (!block.includes('event: version')) continue;
      const data = block
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      try {
        const version = (JSON.parse(data) as { version?: unknown }).version;
        if (typeof version === 'string') versions.push(version);
      } catch {
        // Not ours to understand: the next event or the poll will do.
      }
    }
    return versions;
  };
}

/** Listens once, until the stream ends; calls `onVersion` for each version named. */
export async function listenOnce(
  server: string,
  token: string,
  onVersion: (version: string) => void,
  signal: AbortSignal,
): Promise<StreamEnd> {
  let res: Response;
  try {
    res = await fetch(`${server}/api/v1/watchlist/events`, {
      headers: {
        Accept: 'text/event-stream',
        Authorization: `Bearer ${token}`,
        'Accept-Language': browser.i18n.getUILanguage(),
      },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch {
    return 'failed';
  }
  if (!res.ok || !res.body || !/^text\/event-stream/.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 500 ? 'failed' : 'refused';
  }
  const read = eventVersions();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      keepAwake();
      for (const version of read(part.value)) onVersion(version);
    }
    return 'ended';
  } catch {
    return 'failed';
  }
}

/** Any extension API call counts as activity for an MV3 service worker; this one costs next to nothing. */
function keepAwake(): void {
  try {
    void browser.runtime.getPlatformInfo().catch(() => undefined);
  } catch {
    // Not offered here (a test's fake browser): nothing to keep awake.
  }
}

let running: AbortController | null = null;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Keeps one stream open while someone is signed in; a second call while it runs does nothing. */
export function startPush(onVersion: (version: string) => void): void {
  if (running) return;
  const control = (running = new AbortController());
  const { signal } = control;
  void (async () => {
    let retry = FIRST_RETRY_MS;
    for (;;) {
      const signedIn = await auth.getValue();
      if (!signedIn || signal.aborted) break;
      const end = await listenOnce(signedIn.server, signedIn.token, onVersion, signal);
      if (signal.aborted) break;
      retry = end === 'ended' ? FIRST_RETRY_MS : Math.min(retry * 2, MAX_RETRY_MS);
      await pause(end === 'refused' ? REFUSED_RETRY_MS : retry, signal);
    }
  })().finally(() => {
    if (running === control) running = null;
  });
}

/** Closes the stream (on sign-out, or before opening one for another sign-in). */
export function stopPush(): void {
  running?.abort();
  running = null;
}
