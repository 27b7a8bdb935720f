/**
 * The content script's parts, wired together for one document. The top frame draws its first flags with a
 * matcher of its own (first-load.ts); a child frame has the background scan for it (sources.ts). Flags stay
 * current as the page changes (current-session.ts); cards open on hover, click or shortcut (card/). A new
 * watchlist version, a pause or a sign-out arrives as a "refresh" and replaces the session.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { handleMessages, type TabProtocol } from '../shared/messaging.ts';
import { createCard } from './card/card.ts';
import { createNavigator } from './card/navigate.ts';
import { watchPointer } from './card/pointer.ts';
import { watchLateShadowRoots } from './page/late-shadows.ts';
import { createPageObserver } from './page/observe.ts';
import { parsed } from './page/parsing.ts';
import { createOverlay } from './overlay.ts';
import { createCurrentSession } from './current-session.ts';
import { firstLoad, prefetchMatcher, type Prefetch } from './first-load.ts';
import { askVersion, localMatcher, remoteSource } from './sources.ts';

/** A frame without any text yet (an empty iframe, an ad slot) asks for nothing until text appears. */
function hasText(doc: Document): boolean {
  return !!doc.body?.textContent?.trim();
}

/**
 * Runs at document_start. The top frame asks for its matcher at once: on a long page it is there well before the
 * page is parsed, and flags are drawn while the rest of the page comes in. A child frame starts once it is parsed.
 */
export function startFlags(ctx: ContentScriptContext): void {
  if (typeof IntersectionObserver !== 'function') return;
  const doc = document;
  if (window !== window.top) {
    void parsed(doc).then(() => ctx.isValid && flagDocument(ctx, doc, null));
    return;
  }
  const prefetch = prefetchMatcher();
  void Promise.race([prefetch.source, parsed(doc)]).then(() => ctx.isValid && flagDocument(ctx, doc, prefetch));
}

function flagDocument(ctx: ContentScriptContext, doc: Document, prefetch: Prefetch | null): void {
  const observer = createPageObserver(ctx);
  const overlay = createOverlay(ctx, doc, observer);
  const card = createCard(ctx, doc, overlay);
  const current = createCurrentSession(ctx, doc, observer, overlay, card);
  const fetchSource = (version: string) => (prefetch ? localMatcher(version) : Promise.resolve(remoteSource(version)));

  // Loads run one after the other, so two quick refreshes never leave two sessions drawing; one that fails
  // (a prepared matcher that does not load) leaves the page as it was and the next one still runs.
  let loading = Promise.resolve();
  const refresh = () => {
    loading = loading
      .then(async () => {
        // The version first: most refreshes (a pause elsewhere, a sync without news) change nothing here.
        const version = await askVersion();
        if (ctx.isInvalid || version === (current.get()?.version ?? null)) return;
        const source = version ? await fetchSource(version) : null;
        if (!ctx.isInvalid) current.replace(source);
      })
      .catch(() => undefined);
    return loading;
  };

  const navigator = createNavigator(doc, current.get, card);
  watchPointer(ctx, doc, card, current.get);
  watchLateShadowRoots(ctx, doc, current.shadowRoots, (roots) => {
    roots.forEach(current.addShadowRoot);
    void current.changed({ roots, removed: false });
  });
  ctx.onInvalidated(handleMessages<TabProtocol>({ refresh, moveFlag: (direction) => navigator.move(direction) }));
  ctx.onInvalidated(() => current.get()?.stop());
  // A frame removed or navigated away no longer shows its flags, nor does a page in the back-forward cache.
  ctx.addEventListener(window, 'pagehide', () => current.get()?.shown(false));
  ctx.addEventListener(window, 'pageshow', (event) => event.persisted && current.get()?.shown(true));

  // The top frame's first load observes once its page is parsed (see page/parsing.ts).
  if (!prefetch) observer.observe(doc);
  if (prefetch) {
    loading = firstLoad(ctx, doc, observer, current, prefetch).catch(() => undefined);
    // The background's word on what the tab drew by itself.
    void refresh();
  } else if (hasText(doc)) {
    void refresh();
  } else {
    const stopWaiting = observer.subscribe(() => {
      if (!hasText(doc)) return;
      stopWaiting();
      void refresh();
    });
  }
}
