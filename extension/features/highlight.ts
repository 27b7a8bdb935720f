/**
 * Drawing flags with the CSS Custom Highlight API: one highlight per conflict kind, registered in the page's
 * `CSS.highlights` as `zuiver-negotiation`, `zuiver-related` and `zuiver-purchase`. No element, attribute or
 * text of the page changes; the styles come with the content script (highlight.css), and open shadow roots
 * adopt them as a constructed stylesheet (no <style> element either).
 */
import type { ConflictKind } from '../../core/types';
import STYLES from './highlight.css?raw';

/** Most pressing first: a supplier with several kinds of conflict is drawn as the first of its kinds. */
const KIND_ORDER: readonly ConflictKind[] = ['related', 'negotiation', 'purchase'];

function highlightName(kind: ConflictKind): string {
  return `zuiver-${kind}`;
}

/** The kind a supplier is drawn as, from the initials of its conflict kinds ("nr" = negotiation + related). */
export function drawnKind(initials: string): ConflictKind | null {
  return KIND_ORDER.find((kind) => initials.includes(kind[0])) ?? null;
}

export interface Highlights {
  /** The Highlight objects registered, to recognise them in highlightsFromPoint results. */
  registered: ReadonlySet<Highlight>;
  add(kind: ConflictKind, range: AbstractRange): void;
  delete(kind: ConflictKind, range: AbstractRange): void;
  /** Makes the flag styles apply inside an open shadow root (Firefox ignores the document's rules there). */
  adopt(root: ShadowRoot): void;
  /** Unregisters the highlights and takes the styles out of `roots` (those given to `adopt` still on the page). */
  dispose(roots: Iterable<ShadowRoot>): void;
}

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * The page's own view of a DOM object in Firefox (wrappedJSObject), the object itself elsewhere. Firefox (since
 * 140.12) refuses a content script any access to a shadow root's adoptedStyleSheets ("Accessing from Xray wrapper
 * is not supported"); the page's view of the same list works, and our sheet shows in it as the sheet's page view.
 * The list is changed in place with our own Array methods, never the page's, so that the page's sheets stay.
 */
function pageView<T extends object>(object: T): T {
  return (object as T & { wrappedJSObject?: T }).wrappedJSObject ?? object;
}

export function registerHighlights(): Highlights {
  const sets = new Map<ConflictKind, Highlight>();
  KIND_ORDER.forEach((kind, i) => {
    const highlight = new Highlight();
    highlight.priority = KIND_ORDER.length - i;
    sets.set(kind, highlight);
    CSS.highlights.set(highlightName(kind), highlight);
  });
  // Made when the first shadow root needs it: most pages have none.
  let sheet: CSSStyleSheet | null = null;
  // Weak: a root that left the page goes with it.
  const adopted = new WeakSet<ShadowRoot>();

  const adopt = (root: ShadowRoot) => {
    if (adopted.has(root)) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
    }
    Array.prototype.push.call(pageView(root).adoptedStyleSheets, sheet);
    adopted.add(root);
  };

  return {
    registered: new Set(sets.values()),
    add: (kind, range) => sets.get(kind)!.add(range),
    delete: (kind, range) => sets.get(kind)!.delete(range),
    adopt,
    dispose(roots) {
      for (const [kind, highlight] of sets) {
        // A newer copy of the script (after an extension update) may already have registered its own.
        if (CSS.highlights.get(highlightName(kind)) === highlight) CSS.highlights.delete(highlightName(kind));
        highlight.clear();
      }
      if (!sheet) return;
      for (const root of roots) {
        if (!adopted.has(root)) continue;
        const list = pageView(root).adoptedStyleSheets;
        const at = Array.prototype.indexOf.call(list, pageView(sheet));
        if (at >= 0) Array.prototype.splice.call(list, at, 1);
        adopted.delete(root);
      }
    },
  };
}
