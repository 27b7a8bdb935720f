/**
 * Where a flag's text is on screen, and whether a reader can see it at all. Text that is `display: none`,
 * `visibility: hidden`, of zero size, clipped away (the 1-pixel box of "visually hidden" text) or placed off the
 * page is hidden: it is neither drawn, nor counted, nor reached from the keyboard, so a page that hides names in
 * text it never shows learns nothing from the extension's behaviour. Text scrolled out of a pane is not hidden:
 * it is only not drawn until it scrolls back. Reads only (no style or DOM writes), so callers can batch them.
 */
import type { Flag } from './store.ts';
import { liveRange } from './ranges.ts';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The elements between an element and the viewport that clip what they hold. */
interface ClipChain {
  clippers: Element[];
  /** A clipper of a pixel or less, or a CSS clip that leaves nothing: nothing inside shows. */
  hidden: boolean;
  /** Fixed or sticky itself or inside such an element: it moves against the page as the page scrolls. */
  pinned: boolean;
}

export interface Measured {
  /** The text's boxes, in viewport coordinates, not clipped. */
  rects: Box[];
  /** The area the panes around the text leave visible; null when nothing does. */
  clip: Box | null;
  hidden: boolean;
  /** Its boxes move against the page as the page scrolls (see ClipChain). */
  pinned: boolean;
}

const EVERYWHERE: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
const NOWHERE: Measured = { rects: [], clip: null, hidden: true, pinned: false };

/** The parent in the flat tree: across shadow roots and into the slot a node is assigned to. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && root.nodeType === 11 ? (root as ShadowRoot).host : null;
}

/**
 * A `clip: rect(...)` or `clip-path: inset(50%)` that leaves a pixel or less. `clip` applies to absolutely
 * positioned elements only, so it is read only for those: each property read is a call into the browser.
 */
function clipsAway(style: CSSStyleDeclaration, position: string): boolean {
  if (style.clipPath.startsWith('inset(50%')) return true;
  if (position !== 'absolute' && position !== 'fixed') return false;
  const clip = style.clip;
  if (clip === 'auto' || !clip) return false;
  const [top, right, bottom, left] = (clip.match(/-?[\d.]+/g) ?? []).map(Number);
  return right - left <= 1 || bottom - top <= 1;
}

/**
 * Measures flags in batches of reads: `batch()` starts one (the page may have scrolled since the last); forget
 * what was read with `reset()` when the page may have changed its styles.
 */
export class Measurer {
  private chains = new Map<Element, ClipChain>();
  /** One range, moved to each flag in turn: a new live range per flag would be kept up to date by the browser
   * on every DOM change until it is collected. */
  private range: Range | null = null;
  /** The page's scroll position in this batch, read once. */
  private scroll: { x: number; y: number } | null = null;
  /**
   * The area each chain of clippers leaves visible, in this batch: the flags in one pane share its chain (the same
   * array, see `chain`), and reading a pane's box is five calls into the browser.
   */
  private areas = new Map<Element[], Box | null>();

  constructor(private doc: Document) {}

  /** Starts a batch of reads: the page may have scrolled since the last. */
  batch(): void {
    this.scroll = null;
    this.areas.clear();
  }

  /** Forgets all that was read, styles too: after DOM changes, or now and then for changes no mutation tells of. */
  reset(): void {
    this.chains.clear();
    this.batch();
  }

  private chain(el: Element | null): ClipChain {
    if (!el || el === this.doc.body || el === this.doc.documentElement) {
      return { clippers: [], hidden: false, pinned: false };
    }
    let known = this.chains.get(el);
    if (known) return known;
    const up = this.chain(flatParent(el));
    const style = getComputedStyle(el);
    // The shorthand: one read for both axes ("visible" only when both are).
    const clips = style.overflow !== 'visible';
    const tiny = clips && (el.clientWidth <= 1 || el.clientHeight <= 1);
    const position = style.position;
    known = {
      clippers: clips ? [...up.clippers, el] : up.clippers,
      hidden: up.hidden || tiny || clipsAway(style, position),
      pinned: up.pinned || position === 'fixed' || position === 'sticky',
    };
    this.chains.set(el, known);
    return known;
  }

  /** The padding box of each clipper, intersected: what of the text can show. */
  private visibleArea(clippers: Element[]): Box | null {
    if (!clippers.length) return EVERYWHERE;
    let area = this.areas.get(clippers);
    if (area === undefined) this.areas.set(clippers, (area = this.readArea(clippers)));
    return area;
  }

  private readArea(clippers: Element[]): Box | null {
    let area: Box | null = EVERYWHERE;
    for (const el of clippers) {
      const r = el.getBoundingClientRect();
      const left = r.left + el.clientLeft;
      const top = r.top + el.clientTop;
      area = intersect(area, { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight });
      if (!area) return null;
    }
    return area;
  }

  /** The flag's range, live; null when the page changed the text under it. */
  private rangeOf(flag: Flag): Range | null {
    return liveRange(this.doc, flag, (this.range ??= this.doc.createRange()));
  }

  measure(flag: Flag): Measured {
    const chain = this.shownChain(flag);
    const range = chain && this.rangeOf(flag);
    if (!range) return NOWHERE;
    const rects: Box[] = [];
    for (const r of range.getClientRects()) {
      const box = boxOf(r);
      if (this.isOnPage(box)) rects.push(box);
    }
    if (!rects.length) return NOWHERE;
    return { rects, clip: this.visibleArea(chain.clippers), hidden: false, pinned: chain.pinned };
  }

  /** What `measure` says of `hidden`, for a flag that is not drawn: no panes' boxes read, no more rects than one. */
  isHidden(flag: Flag): boolean {
    const range = this.shownChain(flag) && this.rangeOf(flag);
    if (!range) return true;
    for (const r of range.getClientRects()) if (this.isOnPage(boxOf(r))) return false;
    return true;
  }

  /** The chain of the flag's element, unless that or the element itself hides the text. */
  private shownChain(flag: Flag): ClipChain | null {
    const el = flag.nodes[0]?.parentElement ?? null;
    if (!el || !el.isConnected) return null;
    const chain = this.chain(el);
    if (chain.hidden) return null;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return null;
    return chain;
  }

  /** A box of text a reader can see: of some size, and not off the page (left: -9999px), where no scroll goes. */
  private isOnPage(r: Box): boolean {
    if (!this.scroll) {
      const scroller = this.doc.scrollingElement;
      this.scroll = { x: scroller?.scrollLeft ?? 0, y: scroller?.scrollTop ?? 0 };
    }
    return (
      r.right - r.left >= 1 && r.bottom - r.top >= 1 && r.right + this.scroll.x > 0 && r.bottom + this.scroll.y > 0
    );
  }
}

/** A DOMRect's edges, read once: each read of a DOMRect's field is a call into the browser. */
function boxOf(r: DOMRect): Box {
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

export function intersect(a: Box, b: Box): Box | null {
  const box = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return box.right - box.left >= 1 && box.bottom - box.top >= 1 ? box : null;
}
