/**
 * The one element the extension adds to a document: a host with no attributes and no text, holding a closed
 * shadow root. Flags are drawn in it as boxes over the page's text (flags/drawing.ts), and the card opens in it
 * (card.ts). The page's scripts see an empty element: they cannot reach into a closed root, its styles are its
 * own (nothing in `document.styleSheets`, no `::highlight` rule), and nothing in it is hit-testable but an open
 * card, so `elementsFromPoint` over a flagged word finds only the page's own elements. The host covers the
 * viewport and clips what it holds, so drawn flags never change the page's scroll size either. A page that takes
 * the host out gets it back at the next batch of DOM changes (one animation frame, observe.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageObserver } from './page/observe.ts';

/**
 * `!important` in the shadow root wins over every rule of the page for the host, its inline style included
 * (CSS Cascade 4: for important declarations the inner context wins), so a page cannot hide or move it.
 */
const STYLES = `
:host { all: initial !important; display: block !important; position: absolute !important; left: 0 !important;
  top: 0 !important; width: 0 !important; height: 0 !important; margin: 0 !important; overflow: visible !important;
  pointer-events: none !important; z-index: 2147483647 !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; }
.layer, .layer * { pointer-events: none; }
.layer > div { position: absolute; left: 0; top: 0; box-sizing: border-box; }
.related { background: rgb(214 51 132 / 0.22); border-bottom: 3px double rgb(214 51 132); }
.negotiation { background:
  linear-gradient(135deg, transparent 30%, rgb(232 89 12) 30% 70%, transparent 70%) 0 100% / 6px 4px repeat-x,
  linear-gradient(45deg, transparent 30%, rgb(232 89 12) 30% 70%, transparent 70%) 3px 100% / 6px 4px repeat-x,
  rgb(245 159 0 / 0.28); }
.purchase { background: rgb(34 139 230 / 0.22); border-bottom: 2px dotted rgb(28 126 214); }
`;

/** The overlays' hosts in this content script: DOM changes that add one are none of the page's. */
const HOSTS = new WeakSet<Node>();

export function isOverlayHost(node: Node): boolean {
  return HOSTS.has(node);
}

export interface Overlay {
  /** Where flag boxes go. */
  layer: HTMLElement;
  /** Where the card goes: the only part that takes the pointer. */
  cards: HTMLElement;
  /** The host, as events outside the shadow root see it (their composedPath() ends in it, never inside). */
  host: HTMLElement;
  /** Puts the host (back) on the page. */
  attach(): void;
}

export function createOverlay(ctx: ContentScriptContext, doc: Document, observer: PageObserver): Overlay {
  const host = doc.createElement('div');
  HOSTS.add(host);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLES;
  const layer = doc.createElement('div');
  layer.className = 'layer';
  const cards = doc.createElement('div');
  root.append(style, layer, cards);

  // Added once there is something to show: a page without flags gets nothing at all.
  let wanted = false;
  // Outside the body, which many pages replace whole.
  const attach = () => {
    wanted = true;
    const top = doc.documentElement;
    if (ctx.isValid && top && host.parentNode !== top) top.append(host);
  };
  observer.subscribe(() => {
    if (wanted && host.parentNode !== doc.documentElement) attach();
  });
  ctx.onInvalidated(() => host.remove());
  return { layer, cards, host, attach };
}
