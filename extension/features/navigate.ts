/**
 * Moving between flags from the keyboard (the extension's shortcut, see the manifest's commands): the next or
 * previous flag in reading order is scrolled into view and its card opens with focus, so it can be read and
 * left with Escape.
 */
import type { Card } from './card';
import type { Flag, FlagStore } from './flags';
import { liveRange } from './pointer';

function inReadingOrder(a: Flag, b: Flag): number {
  const x = a.range.startContainer;
  const y = b.range.startContainer;
  if (x === y) return a.range.startOffset - b.range.startOffset;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

export interface Navigator {
  move(direction: 1 | -1): void;
}

export function createNavigator(doc: Document, currentStore: () => FlagStore | null, card: Card): Navigator {
  let ordered: Flag[] = [];
  let orderedFrom: FlagStore | null = null;
  let revision = -1;
  let current: Flag | null = null;

  return {
    move(direction) {
      const store = currentStore();
      if (!store) return;
      if (orderedFrom !== store || revision !== store.revision) {
        ordered = [...store.flags()].sort(inReadingOrder);
        orderedFrom = store;
        revision = store.revision;
      }
      if (!ordered.length) return;
      const at = current && store.has(current) ? ordered.indexOf(current) : direction === 1 ? -1 : 0;
      current = ordered[(at + direction + ordered.length) % ordered.length];
      const range = liveRange(doc, current);
      if (!range) return;
      current.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      void card.open(store.suppliersOf([current]), range.getBoundingClientRect(), 'keyboard');
    },
  };
}
