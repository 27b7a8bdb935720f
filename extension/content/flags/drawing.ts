/**
 * Draws flags as boxes in the overlay (overlay.ts), only for text near the viewport (near.ts): an
 * IntersectionObserver says which flagged elements are near, so scrolling a 5,000-row page measures tens of flags,
 * not thousands. Each paint reads first (the flags' client rects, the panes that clip them) and then writes the
 * boxes' positions (boxes.ts), so it never makes the browser lay out twice, and rewrites only the boxes that
 * moved; a paint for flags that scrolling brought near measures only those (see `kept`). The overlay scrolls with
 * the page; paints follow the scrolling of panes inside it (seen in the capture phase), resizing, zoom, DOM
 * changes, late fonts and size changes right after the browser's next layout, and flags coming near as the
 * observer reports them. Hidden text (visibility.ts) is not drawn; the visibility of flags out of view is checked
 * too (checking.ts), for the count.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Flag, FlagStore } from './store.ts';
import type { Overlay } from '../overlay.ts';
import type { PageObserver } from '../page/observe.ts';
import { checkVisibility } from './checking.ts';
import { intersect, Measurer } from './visibility.ts';
import { isOutside, NEAR_OBSERVER, nearArea } from './near.ts';
import { drawnAt, relativeTo, writeBoxes, type Drawn, type OverlayBox } from './boxes.ts';

/** Styles and positions can change without any DOM change the observer sees (a class on the body, a transition). */
const RECHECK_MS = 1000;

export interface Painter {
  add(flag: Flag): void;
  delete(flag: Flag): void;
  /** The flags drawn at a point of the viewport, and the box there. */
  flagsAt(x: number, y: number): { flags: Flag[]; box: DOMRect } | null;
  /** Whether a reader can see the flag's text now (read at once, for the keyboard). */
  check(flag: Flag): boolean;
  /** Resolves once the flags added so far are drawn (or known to be out of view). */
  settled(): Promise<void>;
  /** Resolves once the visibility of every flag added so far is known. */
  checked(): Promise<void>;
  dispose(): void;
}

export interface PainterOptions {
  ctx: ContentScriptContext;
  doc: Document;
  overlay: Overlay;
  observer: PageObserver;
  store: FlagStore;
  /** Flags became visible or hidden: the suppliers counted may have changed. */
  onCounted(): void;
}

export function createPainter({ ctx, doc, overlay, observer, store, onCounted }: PainterOptions): Painter {
  const byElement = new Map<Element, Set<Flag>>();
  const near = new Set<Element>();
  /** Observed, and not yet told whether near or not. */
  const unknown = new Set<Element>();
  const measurer = new Measurer(doc);
  const visibility = checkVisibility({ doc, store, measurer, onCounted, painted: () => settled() });
  const boxes: OverlayBox[] = [];
  let drawn: Drawn[] = [];
  /**
   * The boxes of near flags, relative to the overlay, as measured since the page last changed or moved against
   * it. The page's own scrolling moves the overlay with the text, so a paint for flags the scroll brought near
   * measures only those; any other paint measures them all again (`stale`). Flags in a fixed or sticky element
   * move against the overlay as the page scrolls: they are never kept.
   */
  const kept = new Map<Flag, Drawn[]>();
  let stale = true;
  /** A paint is due after the browser's next layout (see `layout`). */
  let due = false;
  /** Styles may have changed since they were read: the measurer forgets them before the next paint. */
  let stylesChanged = false;
  let settledWaiters: Array<() => void> = [];
  let disposed = false;

  /**
   * Elements the observer has just reported near, from the last layout: the paint that follows measures them
   * without asking first whether they are still near (one that scrolled away meanwhile gets a box out of view,
   * gone at the observer's next report).
   */
  const justNear = new Set<Element>();

  /** Takes in what the observer says of which flagged elements are near; whether any came near or left. */
  const note = (entries: IntersectionObserverEntry[]) => {
    let moved = false;
    for (const entry of entries) {
      unknown.delete(entry.target);
      const isNear = entry.isIntersecting && byElement.has(entry.target);
      if (isNear === near.has(entry.target)) continue;
      moved = true;
      if (isNear) {
        near.add(entry.target);
        if (doc.readyState !== 'loading') justNear.add(entry.target);
      } else {
        near.delete(entry.target);
        for (const flag of byElement.get(entry.target) ?? []) kept.delete(flag);
      }
    }
    return moved;
  };

  const io = new IntersectionObserver((entries) => {
    const moved = note(entries);
    // Only when flags came near or left: while a long page comes in, most entries are rows far below the view.
    // This is a task of its own, delivered after the layout the entries come from: once the page is parsed,
    // the boxes read here cost no layout. While it is parsed, the parser may have added rows since, so the
    // paint waits for the next layout (the boxes show in the same frame as they would from here).
    if (moved && doc.readyState === 'loading') paintMoved();
    else if (moved) paint();
    settle();
  }, NEAR_OBSERVER);

  /**
   * A resize observation is delivered right after the browser's layout, the one moment a read of the flags' boxes
   * lays nothing out itself: while a page comes in, every other moment finds new rows not laid out yet, and a read
   * then lays out the whole page inside our task. The document is observed for its size (a change is painted,
   * styles read anew); observing it anew brings one more observation at the next layout, which is how a paint is
   * asked for. One observer of one element: at most one paint per layout.
   */
  let rootSize = { width: -1, height: -1 };
  const layout = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    const resized = width !== rootSize.width || height !== rootSize.height;
    rootSize = { width, height };
    stylesChanged ||= resized;
    stale ||= resized;
    if (due || (resized && (near.size || drawn.length))) paint();
  });

  const elementOf = (flag: Flag) => flag.nodes[0]?.parentElement ?? null;

  /** Reads the boxes of the near flags not kept, then moves the overlay's boxes there. */
  function paint() {
    due = false;
    if (disposed) return;
    if (stylesChanged) {
      measurer.reset();
      recheckLater();
    }
    stylesChanged = false;
    measurer.batch();
    // What the observer found since its last report (in this frame's layout, before its callback): flags that
    // left are not measured, those that came near are painted now.
    note(io.takeRecords());
    // While the page is parsed, rows coming in can move those before them (a table's columns widen).
    if (stale || doc.readyState === 'loading') kept.clear();
    stale = false;
    // Reads.
    const next: Drawn[] = [];
    const origin = near.size ? overlay.host.getBoundingClientRect() : null;
    const area = nearArea();
    for (const el of near) {
      let away: boolean | undefined;
      for (const flag of byElement.get(el) ?? []) {
        let boxes = kept.get(flag);
        if (!boxes) {
          // Scrolled away since the observer last reported (it reports after this frame's paint): not measured.
          away ??= !justNear.has(el) && isOutside(el.getBoundingClientRect(), area);
          if (away) continue;
          const { rects, clip, hidden, pinned } = measurer.measure(flag);
          store.setVisible(flag, !hidden);
          visibility.measured(flag);
          boxes = [];
          for (const rect of clip ? rects : []) {
            const shown = intersect(rect, clip!);
            if (shown) boxes.push({ flag, rect: relativeTo(rect, origin!), shown: relativeTo(shown, origin!) });
          }
          if (!pinned) kept.set(flag, boxes);
        }
        next.push(...boxes);
      }
    }
    writeBoxes(doc, overlay, boxes, next);
    justNear.clear();
    drawn = next;
    if (store.suppliersChanged) onCounted();
    settle();
  }

  function settled(): Promise<void> {
    if (disposed || (!unknown.size && !due)) return Promise.resolve();
    return new Promise((resolve) => settledWaiters.push(resolve));
  }

  /** Resolves the waiters for settled() once every flag is known to be near or not, and none waits to be painted. */
  function settle() {
    if (unknown.size || due) return;
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Paints after the browser's next layout (in this frame when it is still to come): the page scrolled, resized
   * or changed. With `restyled`, styles may have changed too (DOM changes, late fonts).
   */
  const paintAfterLayout = (restyled: boolean) => {
    if (!near.size && !drawn.length) return;
    stylesChanged ||= restyled;
    stale = true;
    const root = doc.documentElement;
    if (due || !root) return;
    due = true;
    layout.unobserve(root);
    layout.observe(root);
  };
  const paintMoved = () => paintAfterLayout(false);
  const paintChanged = () => paintAfterLayout(true);

  // A signal of its own rather than ctx.addEventListener: a session's painter goes with the session.
  const listening = new AbortController();
  const signal = listening.signal;
  // The page's own scrolling moves the overlay with it; a pane's does not.
  doc.addEventListener('scroll', (event) => event.target !== doc && paintMoved(), {
    capture: true,
    passive: true,
    signal,
  });
  window.addEventListener('resize', paintMoved, { passive: true, signal });
  window.visualViewport?.addEventListener('resize', paintMoved, { passive: true, signal });
  doc.fonts?.addEventListener('loadingdone', paintChanged, { signal });
  if (doc.documentElement) layout.observe(doc.documentElement);
  const stopObserving = observer.subscribe(paintChanged);
  /**
   * Styles are read anew at most RECHECK_MS after they last were: a paint after a DOM change reads them all, so
   * on a page that changes all the time this timer seldom fires, and never just after such a paint.
   */
  let recheck = 0;
  function recheckLater() {
    clearTimeout(recheck);
    recheck = window.setTimeout(() => {
      recheckLater();
      if (!doc.hidden) paintChanged();
    }, RECHECK_MS);
  }
  recheckLater();

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    listening.abort();
    io.disconnect();
    layout.disconnect();
    stopObserving();
    clearTimeout(recheck);
    for (const box of boxes) box.el.remove();
    boxes.length = 0;
    drawn = [];
    kept.clear();
    visibility.dispose();
    for (const resolve of settledWaiters) resolve();
    settledWaiters = [];
  };
  ctx.onInvalidated(dispose);

  return {
    add(flag) {
      const el = elementOf(flag);
      if (!el) return;
      let flags = byElement.get(el);
      if (!flags) {
        byElement.set(el, (flags = new Set()));
        unknown.add(el);
        io.observe(el);
      }
      flags.add(flag);
      visibility.add(flag);
      if (near.has(el)) paintChanged();
    },
    delete(flag) {
      visibility.delete(flag);
      const el = elementOf(flag);
      const flags = el && byElement.get(el);
      if (!flags) return;
      flags.delete(flag);
      kept.delete(flag);
      if (flags.size) return;
      byElement.delete(el);
      unknown.delete(el);
      io.unobserve(el);
      if (near.delete(el)) paintChanged();
    },
    flagsAt(x, y) {
      if (!drawn.length) return null;
      return drawnAt(drawn, x, y, overlay.host.getBoundingClientRect());
    },
    check(flag) {
      measurer.reset();
      return !measurer.isHidden(flag);
    },
    settled,
    checked: () => visibility.checked(),
    dispose,
  };
}
