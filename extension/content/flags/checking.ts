/**
 * The visibility of every flag, not only those in view: hidden text (visibility.ts) is not counted in the popup
 * and badge, nor reached with the flag shortcut. New flags are checked a slice at a time once the page has
 * rendered. Not while the page is parsed: every slice would then first lay out the rows that came in since the
 * last, a whole table's layout within our task; the flags in view are measured as they are painted meanwhile
 * (drawing.ts). Nor before the flags near the view are painted: those are measured there, not again here.
 */
import type { Flag, FlagStore } from './store.ts';
import type { Measurer } from './visibility.ts';
import { parsed } from '../page/parsing.ts';
import { SLICE_MS, yieldTask } from '../pacing.ts';

export interface VisibilityCheck {
  add(flag: Flag): void;
  /** The painter measured the flag: its visibility is known. */
  measured(flag: Flag): void;
  /** Resolves once the visibility of every flag added so far is known. */
  checked(): Promise<void>;
  dispose(): void;
}

export interface CheckOptions {
  doc: Document;
  store: FlagStore;
  measurer: Measurer;
  onCounted(): void;
  /** Resolves once the flags near the view are painted. */
  painted(): Promise<void>;
}

export function checkVisibility({ doc, store, measurer, onCounted, painted }: CheckOptions): VisibilityCheck {
  const unchecked = new Set<Flag>();
  let checking = false;
  let waiters: Array<() => void> = [];
  let disposed = false;

  const done = () => {
    const resolving = waiters;
    waiters = [];
    for (const resolve of resolving) resolve();
  };

  const run = async () => {
    await yieldTask();
    while (unchecked.size && !disposed) {
      const start = performance.now();
      measurer.batch();
      for (const flag of unchecked) {
        unchecked.delete(flag);
        if (store.has(flag)) store.setVisible(flag, !measurer.isHidden(flag));
        if (performance.now() - start >= SLICE_MS) break;
      }
      if (store.suppliersChanged) onCounted();
      if (unchecked.size) await yieldTask();
    }
    checking = false;
    done();
  };

  return {
    add(flag) {
      unchecked.add(flag);
      if (checking) return;
      checking = true;
      // A hidden tab paints nothing until it shows: it has its flags checked after a timer.
      void parsed(doc)
        .then(() => (doc.hidden ? undefined : painted()))
        .then(() => {
          if (doc.hidden) window.setTimeout(run, 0);
          else requestAnimationFrame(() => void run());
        });
    },
    measured: (flag) => void unchecked.delete(flag),
    checked() {
      if (disposed || (!checking && !unchecked.size)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    dispose() {
      disposed = true;
      unchecked.clear();
      done();
    },
  };
}
