/**
 * The content script's features, wired together for one document: ask the background for the prepared matcher,
 * scan the page in slices, keep flags current as the page changes, and open cards on hover, click or shortcut.
 * A new watchlist version, a pause or a sign-out arrives as a "refresh" and replaces the whole session.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadMatcher } from '../../core/matcher';
import { handleMessages, sendToBackground, type TabProtocol } from '../lib/messaging';
import type { FlagData, PreparedFlags } from '../lib/storage';
import { createCard } from './card';
import { changedRoots } from './changes';
import { FlagStore } from './flags';
import { registerHighlights, supportsHighlights } from './highlight';
import { createNavigator } from './navigate';
import { createPageObserver, type PageObserver } from './observe';
import { watchPointer, type FlagsOnPage } from './pointer';
import { createScanner } from './scan';

interface Session extends FlagsOnPage {
  version: string;
  stop(): void;
}

/** A frame without any text yet (an empty iframe, an ad slot) waits before loading the matcher. */
function hasText(doc: Document): boolean {
  return !!doc.body?.textContent?.trim();
}

function startSession(doc: Document, observer: PageObserver, prepared: PreparedFlags, startedAt: number): Session {
  const data: FlagData = JSON.parse(prepared.json);
  const matcher = loadMatcher(data.compiled);
  // Visible in the browser's performance tools (and read by the bench): how long a tab waits for its matcher.
  performance.measure('zuiver:matcher-ready', { start: startedAt });
  const abort = new AbortController();
  const highlights = registerHighlights(doc);
  const store = new FlagStore(highlights);
  const shadowRoots: ShadowRoot[] = [];
  const scanner = createScanner({
    matcher,
    kinds: data.kinds,
    store,
    signal: abort.signal,
    onShadowRoot(root) {
      if (shadowRoots.includes(root)) return;
      shadowRoots.push(root);
      highlights.adopt(root);
      observer.observe(root);
    },
  });

  let reported = '';
  const report = () => {
    const ids = store.supplierIds().sort();
    if (abort.signal.aborted || ids.join() === reported) return;
    reported = ids.join();
    void sendToBackground('reportFlags', ids).catch(() => undefined);
  };

  const unsubscribe = observer.subscribe((records) => {
    const { roots, removed } = changedRoots(records);
    if (roots.length || removed) void scanner.scan(roots, removed).then(report);
  });
  void scanner.scan([doc.body ?? doc.documentElement]).then(() => {
    performance.measure('zuiver:first-pass', { start: startedAt });
    report();
  });

  return {
    version: data.version,
    store,
    ours: highlights.registered,
    shadowRoots,
    stop() {
      abort.abort();
      unsubscribe();
      highlights.dispose();
      if (reported) void sendToBackground('reportFlags', []).catch(() => undefined);
    },
  };
}

export function startFlags(ctx: ContentScriptContext): void {
  if (!supportsHighlights()) return;
  const startedAt = performance.now();
  const doc = document;
  const observer = createPageObserver(ctx, doc);
  const card = createCard(ctx, doc);
  let session: Session | null = null;

  // Refreshes run one after the other, so two quick ones never leave two sessions drawing.
  let refreshing = Promise.resolve();
  const refresh = () => {
    refreshing = refreshing.then(async () => {
      const data = await sendToBackground('flagData').catch(() => null);
      if (ctx.isInvalid || (data?.version ?? null) === (session?.version ?? null)) return;
      card.close();
      session?.stop();
      session = data ? startSession(doc, observer, data, startedAt) : null;
    });
    return refreshing;
  };

  const navigator = createNavigator(doc, () => session?.store ?? null, card);
  watchPointer(ctx, doc, card, () => session);
  ctx.onInvalidated(handleMessages<TabProtocol>({ refresh, moveFlag: (direction) => navigator.move(direction) }));
  ctx.onInvalidated(() => session?.stop());

  if (window === window.top || hasText(doc)) {
    void refresh();
    return;
  }
  const stopWaiting = observer.subscribe(() => {
    if (!hasText(doc)) return;
    stopWaiting();
    void refresh();
  });
}
