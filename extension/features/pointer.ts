/**
 * Hover and click on a flag open its card. The flags under the pointer come from
 * `CSS.highlights.highlightsFromPoint()` where the browser has it; elsewhere from the text nodes of the element
 * under the pointer, whose flags' rectangles are checked. Pointer moves are looked at once per frame at most.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Card } from './card';
import { isFrameElement } from './collect';
import type { FlaggedText, SupplierPositions } from '../lib/messaging';
import type { Flag, FlagStore } from './flags';

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;

interface HighlightHit {
  highlight: Highlight;
  ranges?: AbstractRange[];
}
type HighlightsFromPoint = (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => Array<HighlightHit | Highlight>;

/** A live copy of a flag's range, for its rectangles; null when the page changed the text under it. */
export function liveRange(doc: Document, flag: Flag): Range | null {
  try {
    const range = doc.createRange();
    range.setStart(flag.range.startContainer, flag.range.startOffset);
    range.setEnd(flag.range.endContainer, flag.range.endOffset);
    return range;
  } catch {
    return null;
  }
}

/** Per supplier, the first of `flags` with its text and kind of match: what a "wrong flag?" report is made from. */
export function flaggedOf(doc: Document, flags: Flag[]): FlaggedText[] {
  const seen = new Set<number>();
  const out: FlaggedText[] = [];
  for (const flag of flags) {
    if (seen.has(flag.supplier)) continue;
    seen.add(flag.supplier);
    out.push({ supplier: flag.supplier, text: liveRange(doc, flag)?.toString() ?? '', kind: flag.match });
  }
  return out;
}

function contains(rect: DOMRect, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** What hover needs of the flags drawn now. */
export interface FlagsOnPage {
  store: FlagStore;
  /** The extension's highlights, to tell its flags from other highlights on the page. */
  ours: ReadonlySet<Highlight>;
  shadowRoots: ShadowRoot[];
}

/**
 * Where the pointer was, taken while its event is dispatched: hover looks at it a frame later, when the event's
 * composedPath() is empty.
 */
interface Point {
  x: number;
  y: number;
  /** The innermost element under the pointer, inside open shadow roots too. */
  target: EventTarget | undefined;
  onCard: boolean;
}

function flagsAtPoint(doc: Document, { x, y, target }: Point, { store, ours, shadowRoots }: FlagsOnPage): Flag[] {
  const fromPoint = (CSS.highlights as { highlightsFromPoint?: HighlightsFromPoint }).highlightsFromPoint;
  if (typeof fromPoint === 'function') {
    const hits = fromPoint.call(CSS.highlights, x, y, { shadowRoots }).map((hit) =>
      hit instanceof Highlight ? { highlight: hit } : hit,
    );
    const mine = hits.filter((hit) => ours.has(hit.highlight));
    if (!mine.length) return [];
    if (mine.every((hit) => hit.ranges)) {
      return mine.flatMap((hit) => hit.ranges!.flatMap((range) => store.forRange(range) ?? []));
    }
  }
  if (!(target instanceof Node)) return [];
  const found = new Set<Flag>();
  for (const child of target.childNodes) {
    if (child.nodeType !== Node.TEXT_NODE) continue;
    for (const flag of store.at(child as Text)) {
      const rects = liveRange(doc, flag)?.getClientRects() ?? [];
      if ([...rects].some((rect) => contains(rect, x, y))) found.add(flag);
    }
  }
  return [...found];
}

function anchorOf(doc: Document, flags: Flag[], x: number, y: number): DOMRect {
  const rects = [...(liveRange(doc, flags[0])?.getClientRects() ?? [])];
  return rects.find((rect) => contains(rect, x, y)) ?? rects[0] ?? new DOMRect(x, y, 0, 0);
}

export function watchPointer(
  ctx: ContentScriptContext,
  doc: Document,
  card: Card,
  current: () => FlagsOnPage | null,
): void {
  const pointOf = (event: MouseEvent): Point => {
    const path = event.composedPath();
    return { x: event.clientX, y: event.clientY, target: path[0], onCard: card.contains(path) };
  };
  const flagsAt = (point: Point): { flags: Flag[]; suppliers: SupplierPositions | null } => {
    const page = current();
    // Nothing flagged: nothing to hit.
    const flags = page?.store.size ? flagsAtPoint(doc, point, page) : [];
    return { flags, suppliers: flags.length ? page!.store.suppliersOf(flags) : null };
  };
  let frame = 0;
  let last: Point | null = null;
  let openTimer = 0;
  let closeTimer = 0;
  let hovered = '';

  const settle = () => {
    frame = 0;
    const point = last;
    if (!point) return;
    if (point.onCard) {
      clearTimeout(closeTimer);
      clearTimeout(openTimer);
      hovered = 'card';
      return;
    }
    const { flags, suppliers } = flagsAt(point);
    hover(suppliers && { suppliers, anchor: anchorOf(doc, flags, point.x, point.y), flags });
  };
  /** The pointer is over the flags of these suppliers now, or (null) over none. */
  const hover = (over: { suppliers: SupplierPositions; anchor: DOMRect; flags: Flag[] } | null) => {
    const key = over?.suppliers.suppliers.join(' ') ?? '';
    if (key === hovered) return;
    hovered = key;
    clearTimeout(openTimer);
    if (over) {
      clearTimeout(closeTimer);
      openTimer = window.setTimeout(() => void card.open(over.suppliers, over.anchor, 'hover', flaggedOf(doc, over.flags)), HOVER_OPEN_MS);
    } else if (card.openedBy() === 'hover') {
      closeTimer = window.setTimeout(() => card.close(), HOVER_CLOSE_MS);
    }
  };
  // One listener for whatever is pending: ctx.setTimeout and ctx.requestAnimationFrame add one per call, never
  // removed, which pointer moves would pile up all day.
  ctx.onInvalidated(() => {
    cancelAnimationFrame(frame);
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  });

  ctx.addEventListener(
    doc,
    'pointermove',
    (event) => {
      // Most pages have no flags at all: then a move is over none, and its path is not worth building.
      if (!current()?.store.size && !card.openedBy()) {
        hover(null);
        return;
      }
      last = pointOf(event);
      frame ||= requestAnimationFrame(settle);
    },
    { passive: true, capture: true },
  );

  // Into a frame or out of the window: this document sees no more moves, so it is as a move onto no flag.
  ctx.addEventListener(
    doc,
    'pointerout',
    (event) => {
      const to = event.relatedTarget as Element | null;
      if (to && !isFrameElement(to)) return;
      cancelAnimationFrame(frame);
      frame = 0;
      last = null;
      hover(null);
    },
    { passive: true, capture: true },
  );

  ctx.addEventListener(
    doc,
    'click',
    (event) => {
      const point = pointOf(event);
      if (point.onCard) return;
      const { flags, suppliers } = flagsAt(point);
      if (suppliers) {
        clearTimeout(openTimer);
        hovered = suppliers.suppliers.join(' ');
        void card.open(suppliers, anchorOf(doc, flags, point.x, point.y), 'click', flaggedOf(doc, flags));
      } else if (card.openedBy()) {
        card.close();
      }
    },
    { capture: true },
  );
}
