/**
 * The overlay's boxes for the painter (drawing.ts): where a drawn flag is relative to the overlay, writing the
 * boxes' positions (only those that changed, reusing the elements), and finding the flags at a point.
 */
import type { Flag } from './store.ts';
import type { Overlay } from '../overlay.ts';
import type { Box } from './visibility.ts';

const HIDDEN = 'display: none';

export interface Drawn {
  flag: Flag;
  /** The text's box, and the part of it the panes around it let show, relative to the overlay. */
  rect: Box;
  shown: Box;
}

/** A box of the overlay, and the class and style last written to it: read back from the page, each is a call. */
export interface OverlayBox {
  el: HTMLElement;
  kind: string;
  css: string;
}

/** Moves the overlay's boxes to the drawn flags, making boxes as needed and hiding those left over. */
export function writeBoxes(doc: Document, overlay: Overlay, boxes: OverlayBox[], next: Drawn[]) {
  if (next.length) overlay.attach();
  for (let i = 0; i < next.length; i++) {
    const { flag, rect, shown } = next[i];
    let box = boxes[i];
    if (!box) {
      box = { el: doc.createElement('div'), kind: '', css: '' };
      boxes.push(box);
      overlay.layer.append(box.el);
    }
    // Only the part a pane lets show, so that no box reaches past the page's scroll size. On whole pixels, so
    // that the underlines are crisp; by left and top, not a transform, which would give every box a layer.
    const area = isClipped(rect, shown) ? shown : rect;
    const left = Math.round(area.left);
    const top = Math.round(area.top);
    const css = `left: ${left}px; top: ${top}px; width: ${Math.round(area.right) - left}px; height: ${Math.round(area.bottom) - top}px;`;
    // Unchanged boxes are left alone: the browser then has nothing to repaint for them.
    if (box.kind !== flag.kind) box.el.className = box.kind = flag.kind;
    if (box.css !== css) box.el.style.cssText = box.css = css;
  }
  for (let i = next.length; i < boxes.length; i++) {
    if (boxes[i].css !== HIDDEN) boxes[i].el.style.cssText = boxes[i].css = HIDDEN;
  }
}

/** The flags drawn at a point of the viewport, and the box there; `origin` is the overlay's place in the viewport. */
export function drawnAt(drawn: Drawn[], x: number, y: number, origin: DOMRect): { flags: Flag[]; box: DOMRect } | null {
  // The boxes are relative to the overlay, which moves with the page's scrolling.
  const { left: dx, top: dy } = origin;
  const hits = drawn.filter(
    ({ shown: b }) => x >= b.left + dx && x <= b.right + dx && y >= b.top + dy && y <= b.bottom + dy,
  );
  if (!hits.length) return null;
  const { left, top, right, bottom } = hits[0].shown;
  return {
    flags: [...new Set(hits.map((hit) => hit.flag))],
    box: new DOMRect(left + dx, top + dy, right - left, bottom - top),
  };
}

export function relativeTo(box: Box, origin: DOMRect): Box {
  return {
    left: box.left - origin.left,
    top: box.top - origin.top,
    right: box.right - origin.left,
    bottom: box.bottom - origin.top,
  };
}

/** Whether a pane cuts off part of a flag's box. */
function isClipped(rect: Box, shown: Box): boolean {
  return (
    shown.left !== rect.left || shown.top !== rect.top || shown.right !== rect.right || shown.bottom !== rect.bottom
  );
}
