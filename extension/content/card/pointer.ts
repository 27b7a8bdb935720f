/**
 * Hover and click on a flag open its card. The flags are drawn in an overlay that takes no pointer events
 * (overlay.ts), so the pointer's position is compared with the boxes drawn (flags/drawing.ts), and the element under
 * the pointer must hold the flag's text: a flag covered by a page's menu or dialog opens nothing. Pointer moves
 * are looked at once per frame at most.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Card } from './card.ts';
import { isFrameElement } from '../page/elements.ts';
import type { FlaggedText, SupplierPositions } from '../../shared/messaging.ts';
import type { Flag } from '../flags/store.ts';
import { liveRange } from '../flags/ranges.ts';
import type { FlagsOnPage } from '../flags/session.ts';

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;

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

/** The element under the pointer is the text's own, or one within or around it. */
function holdsText(target: EventTarget | undefined, flag: Flag): boolean {
  if (!(target instanceof Node)) return false;
  return flag.nodes.some((node) => target.contains(node) || !!node.parentElement?.contains(target));
}

function flagsAtPoint({ x, y, target }: Point, { painter }: FlagsOnPage): { flags: Flag[]; box: DOMRect } | null {
  const hit = painter.flagsAt(x, y);
  const flags = hit?.flags.filter((flag) => holdsText(target, flag)) ?? [];
  return flags.length ? { flags, box: hit!.box } : null;
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
  const flagsAt = (point: Point): { anchor: DOMRect; suppliers: SupplierPositions; flags: Flag[] } | null => {
    const page = current();
    // Nothing flagged: nothing to hit.
    const hit = page?.store.size ? flagsAtPoint(point, page) : null;
    return hit && { anchor: hit.box, suppliers: page!.store.suppliersOf(hit.flags), flags: hit.flags };
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
    hover(flagsAt(point));
  };
  /** The pointer is over the flags of these suppliers now, or (null) over none. */
  const hover = (over: { suppliers: SupplierPositions; anchor: DOMRect; flags: Flag[] } | null) => {
    const key = over?.suppliers.suppliers.join(' ') ?? '';
    if (key === hovered) return;
    hovered = key;
    clearTimeout(openTimer);
    if (over) {
      clearTimeout(closeTimer);
      openTimer = window.setTimeout(
        () => void card.open(over.suppliers, over.anchor, 'hover', flaggedOf(doc, over.flags)),
        HOVER_OPEN_MS,
      );
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
      const hit = flagsAt(point);
      if (hit) {
        clearTimeout(openTimer);
        hovered = hit.suppliers.suppliers.join(' ');
        void card.open(hit.suppliers, hit.anchor, 'click', flaggedOf(doc, hit.flags));
      } else if (card.openedBy()) {
        card.close();
      }
    },
    { capture: true },
  );
}
