/**
 * The one MutationObserver of a document, shared by every feature that cares about changes. Records are batched
 * and handed over at most once per animation frame (webmail re-renders many times a second); in a hidden tab,
 * where frames stop, a timer hands them over instead so they do not pile up. Stops with the content script.
 * It watches the document from when the caller says so: while the top frame's page is still parsed, only the
 * parts the parse frontier handed out (parsing.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export type MutationListener = (records: MutationRecord[]) => void;

export interface PageObserver {
  /** Watches a document, an open shadow root found while scanning, or a part of a page still being parsed. */
  observe(root: Node): void;
  subscribe(listener: MutationListener): () => void;
}

const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };
const HIDDEN_TAB_DELAY_MS = 1000;

export function createPageObserver(ctx: ContentScriptContext): PageObserver {
  const listeners = new Set<MutationListener>();
  const observed = new WeakSet<Node>();
  let pending: MutationRecord[] = [];
  let frame = 0;
  let timer = 0;

  const deliver = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = timer = 0;
    const records = pending.concat(observer.takeRecords());
    pending = [];
    if (records.length) for (const listener of listeners) listener(records);
  };

  const observer = new MutationObserver((records) => {
    pending.push(...records);
    if (frame || timer) return;
    // Not ctx.requestAnimationFrame / ctx.setTimeout: each call of those adds a listener to the context that is
    // never removed, which on a page that re-renders all day is a leak. One listener cancels whatever is pending.
    frame = requestAnimationFrame(deliver);
    timer = window.setTimeout(deliver, HIDDEN_TAB_DELAY_MS);
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  });

  const page: PageObserver = {
    observe(root) {
      if (observed.has(root)) return;
      observed.add(root);
      observer.observe(root, OPTIONS);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return page;
}
