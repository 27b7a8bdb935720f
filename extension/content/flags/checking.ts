/**
 * The visibility of every flag, not only those in view: hidden text (visibility.ts) is not counted in the popup
 * and badge, nor reached with the flag shortcut. New flags are checked a slice at a time once the page has
 * rendered (in a hidden tab, where frames stop, after a timer instead). Not while the page is parsed: every
 * slice would then first lay out the rows that came in since the last, a whole table's layout within our task;
 * the flags in view are measured as they are painted meanwhile (drawing.ts).
 */
import type { Flag, FlagStore } from './store';
import { liveRange } from './ranges';
import type { Measurer } from './visibility';
import { parsed } from '../page/parsing';
import { SLICE_MS, yieldTask } from '../pacing';

export interface VisibilityCheck {
  add(flag: Flag): void;
  /** Resolves once the visibility of every flag added so far is known. */
  checked(): Promise<void>;
  dispose(): void;
}

export function checkVisibility(doc: Document, store: FlagStore, measurer: Measurer, onCounted: () => void): VisibilityCheck {
  let unchecked: Flag[] = [];
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
    while (unchecked.length && !disposed) {
      const start = performance.now();
      while (unchecked.length && performance.now() - start < SLICE_MS) {
        const flag = unchecked.pop()!;
        if (store.has(flag)) store.setVisible(flag, !measurer.measure(flag, liveRange(doc, flag)).hidden);
      }
      if (store.suppliersChanged) onCounted();
      if (unchecked.length) await yieldTask();
    }
    checking = false;
    done();
  };

  return {
    add(flag) {
      unchecked.push(flag);
      if (checking) return;
      checking = true;
      void parsed(doc).then(() => {
        if (doc.hidden) window.setTimeout(run, 0);
        else requestAnimationFrame(() => void run());
      });
    },
    checked() {
      if (disposed || (!checking && !unchecked.length)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    dispose() {
      disposed = true;
      unchecked = [];
      done();
    },
  };
}
