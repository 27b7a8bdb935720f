/**
 * Scanning: collected text goes through the matcher and comes back as flags. Work is cut into slices of a few
 * milliseconds with a yield to the page in between, so that even a 5,000-row table never blocks the page for a
 * long task; passes run one after the other, never interleaved.
 */
import type { Match } from '../../core/types';
import { collectText } from './collect';
import type { FlagStore } from './flags';
import { drawnKind } from './highlight';
import { findRanges } from './ranges';

export interface TextMatcher {
  scan(text: string): Match[];
}

/** Text per matcher call: big enough that call overhead vanishes, small enough to fit many in one slice. */
const CHUNK_CHARS = 16 * 1024;
/** Work between two yields; well under the 50 ms that makes a long task. */
const SLICE_MS = 8;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

/** Lets the page run (input, rendering) before the next slice; scheduler.yield keeps this task's priority. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message, unlike setTimeout(0), is not clamped to 4 ms after a few nested calls.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export interface ScannerOptions {
  matcher: TextMatcher;
  /** Supplier id -> initials of its conflict kinds. */
  kinds: Record<string, string>;
  store: FlagStore;
  onShadowRoot(root: ShadowRoot): void;
  signal: AbortSignal;
}

export interface Scanner {
  /** Scans `roots` again, replacing their flags; resolves when this pass (and those before it) are done. */
  scan(roots: Iterable<Node | Node[]>, removed?: boolean): Promise<void>;
}

export function createScanner({ matcher, kinds, store, onShadowRoot, signal }: ScannerOptions): Scanner {
  let queue: Promise<void> = Promise.resolve();

  async function pass(roots: Iterable<Node | Node[]>, removed: boolean) {
    if (removed) store.sweep();
    let sliceStart = performance.now();
    for (const chunk of collectText(roots, CHUNK_CHARS, onShadowRoot)) {
      if (signal.aborted) return;
      store.clear(chunk.nodes);
      for (const found of findRanges(chunk, (text) => matcher.scan(text))) {
        const kind = drawnKind(kinds[found.match.id] ?? '');
        if (kind) store.add(found, kind);
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
  }

  return {
    scan(roots, removed = false) {
      queue = queue.then(() => pass(roots, removed));
      return queue;
    },
  };
}
