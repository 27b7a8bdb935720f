/**
 * The visibility of every flag, not only those in view: hidden text (visibility.ts) is not counted in the popup
 * and badge (the flag shortcut looks again as it moves, see navigate.ts). New flags are checked a slice at a time
 * once the page has rendered. Not while the page is parsed: every slice would then first lay out the rows that
 * came in since the last, a whole table's layout within our task; the flags in view are measured as they are
 * painted meanwhile (drawing.ts). Nor before the flags near the view are painted: those are measured there, not
 * again here. What is counted is suppliers, and pages name one supplier again and again (a thread of mails, a
 * list of tenders): a flag of a supplier that a visible flag already counts is checked only once that supplier
 * stops counting (its counted flags hidden or gone).
 */
import type { Flag, FlagStore } from './store.ts';
import type { Measurer } from './visibility.ts';
import { parsed } from '../page/parsing.ts';
import { SLICE_MS, yieldTask } from '../pacing.ts';

export interface VisibilityCheck {
  add(flag: Flag): void;
  /** The painter measured the flag: its visibility is known. */
  measured(flag: Flag): void;
  /** The flag left the store. */
  delete(flag: Flag): void;
  /** Resolves once the suppliers of the flags added so far are counted or known to be hidden. */
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
  /** Per supplier counted when they were due, the flags not checked. */
  const deferred = new Map<number, Set<Flag>>();
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
        if (!store.has(flag)) continue;
        if (store.counts(flag.supplier)) defer(flag);
        else store.setVisible(flag, !measurer.isHidden(flag));
        if (performance.now() - start >= SLICE_MS) break;
      }
      if (store.suppliersChanged) onCounted();
      if (unchecked.size) await yieldTask();
    }
    checking = false;
    done();
  };

  const defer = (flag: Flag) => {
    const flags = deferred.get(flag.supplier);
    if (flags) flags.add(flag);
    else deferred.set(flag.supplier, new Set([flag]));
  };

  /** Once the supplier no longer counts, the flags of it that were passed over are checked after all. */
  const recount = (supplier: number) => {
    const flags = deferred.get(supplier);
    if (!flags || store.counts(supplier)) return;
    deferred.delete(supplier);
    for (const flag of flags) add(flag);
  };

  /** The flag is known (measured) or gone: its supplier may no longer count. */
  const forget = (flag: Flag) => {
    unchecked.delete(flag);
    const flags = deferred.get(flag.supplier);
    if (flags?.delete(flag) && !flags.size) deferred.delete(flag.supplier);
    recount(flag.supplier);
  };

  function add(flag: Flag) {
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
  }

  return {
    add,
    measured: forget,
    delete: forget,
    checked() {
      if (disposed || (!checking && !unchecked.size)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    dispose() {
      disposed = true;
      unchecked.clear();
      deferred.clear();
      done();
    },
  };
}
