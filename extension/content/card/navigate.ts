/**
 * Moving between flags from the keyboard (the extension's shortcut, see the manifest's commands): the next or
 * previous flag in reading order is scrolled into view and its card opens with focus, so it can be read and
 * left with Escape. Only flags a reader can see are gone through (visibility.ts). Every frame of the tab is told of the shortcut, and the one with the keyboard moves: a
 * message shown in a frame (a webmail's reading pane) is gone through once the reader has clicked into it.
 */
import type { Card } from './card.ts';
import { isFrameElement } from '../page/elements.ts';
import type { Flag, FlagStore } from '../flags/store.ts';
import { flaggedOf } from './pointer.ts';
import type { FlagsOnPage } from '../flags/session.ts';
import { liveRange } from '../flags/ranges.ts';

function inReadingOrder(a: Flag, b: Flag): number {
  const x = a.range.startContainer;
  const y = b.range.startContainer;
  if (x === y) return a.range.startOffset - b.range.startOffset;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * Whether the keyboard is in this document rather than in a frame within it. The top frame also answers while
 * no frame of the window has focus, as when the shortcut comes from the browser's own toolbar.
 */
export function holdsKeyboard(doc: Document): boolean {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return !isFrameElement(active) && (doc.hasFocus() || window === window.top);
}

export interface Navigator {
  move(direction: 1 | -1): void;
}

export function createNavigator(doc: Document, currentPage: () => FlagsOnPage | null, card: Card): Navigator {
  let ordered: Flag[] = [];
  let orderedFrom: FlagStore | null = null;
  let revision = -1;
  let current: Flag | null = null;

  return {
    move(direction) {
      const page = currentPage();
      if (!page || !holdsKeyboard(doc)) return;
      const { store, painter } = page;
      if (orderedFrom !== store || revision !== store.revision) {
        ordered = [...store.flags()].sort(inReadingOrder);
        orderedFrom = store;
        revision = store.revision;
      }
      if (!ordered.length) return;
      let at = current && ordered.includes(current) ? ordered.indexOf(current) : direction === 1 ? -1 : 0;
      // Hidden text is passed over: whether a reader sees it is looked at now, as it may have changed (or not
      // have been checked yet, just after the page changed).
      let range: Range | null = null;
      for (let tries = 0; tries < ordered.length && !range; tries++) {
        at = (at + direction + ordered.length) % ordered.length;
        const flag = ordered[at];
        if (painter.check(flag)) {
          current = flag;
          range = liveRange(doc, flag);
        }
      }
      if (!range || !current) return;
      current.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      void card.open(
        store.suppliersOf([current]),
        range.getBoundingClientRect(),
        'keyboard',
        flaggedOf(doc, [current]),
      );
    },
  };
}
