/**
 * Scanning: collected text goes through the matcher and comes back as flags. Work is cut into slices with a
 * yield to the page in between (pacing.ts), so that even a 5,000-row table never blocks the page for a long
 * task; passes run one after the other, never interleaved. A frame with a matcher of its own scans each chunk at
 * once; a child frame has the background scan its text instead (see sources.ts), one message per pass.
 */
import type { Mention } from '../../../core/types.ts';
import type { KindedMatch } from '../../shared/messaging.ts';
import { collectText, type TextChunk } from '../page/collect.ts';
import type { FlagStore } from './store.ts';
import { drawnKind } from './store.ts';
import { buildRanges, type FoundRange } from './ranges.ts';
import { precollect, sliced, SLICE_MS, yieldToPage, type Pace } from '../pacing.ts';

export interface TextMatcher {
  scan(text: string): Mention[];
}

export type Matching =
  { local: TextMatcher; kinds: string[] } | { remote(texts: string[]): Promise<KindedMatch[][] | null> };

/** Text per matcher call: big enough that call overhead vanishes, small enough to fit many in one slice. */
export const CHUNK_CHARS = 16 * 1024;
/**
 * Work without a yield once the reader waits for it (the page has just been parsed). A yield then would put the
 * browser's first layout and paint of the whole page, hundreds of milliseconds on a long one, before the last flags.
 */
const HURRIED_MS = 40;

/**
 * The scanner's pace: slices of SLICE_MS, until `hurry()`. Then a pass waiting for the page goes on at once,
 * and work goes on without a yield for up to HURRIED_MS from `since` (work of the same task done before the
 * hurry counts); after the next yield, slices are as before.
 */
function hurriablePace(): Pace & { hurry(since?: number): void } {
  let hurriedUntil = 0;
  let wake = () => {};
  return {
    // The later of the two: a hurry that ended without a pause (its pass finished first) must not cut the
    // slices of later passes short, a yield after every chunk.
    due: (sliceStart, lastItemMs) => performance.now() + lastItemMs > Math.max(hurriedUntil, sliceStart + SLICE_MS),
    pause() {
      hurriedUntil = 0;
      return new Promise((resolve) => {
        wake = resolve;
        void yieldToPage().then(resolve);
      });
    },
    hurry(since = performance.now()) {
      hurriedUntil = since + HURRIED_MS;
      wake();
    },
  };
}

export interface ScannerOptions {
  matching: Matching;
  store: FlagStore;
  onShadowRoot(root: ShadowRoot): void;
  signal: AbortSignal;
}

export interface Scanner {
  /** Scans `roots` again, replacing their flags; resolves when this pass (and those before it) are done. */
  scan(roots: Iterable<Node | Node[]>, removed?: boolean): Promise<void>;
  /** The same, for text already being collected (the first pass, started before the matcher arrived). */
  scanChunks(chunks: Iterator<TextChunk>): Promise<void>;
  /** The reader waits for the passes under way and queued: they go on at once (see hurriablePace). */
  hurry(since?: number): void;
}

export function createScanner({ matching, store, onShadowRoot, signal }: ScannerOptions): Scanner {
  let queue: Promise<void> = Promise.resolve();
  const pace = hurriablePace();

  const flag = (chunk: TextChunk, found: FoundRange[], kindsOf: (match: Mention) => string) => {
    store.clear(chunk.nodes);
    for (const range of found) {
      const kind = drawnKind(kindsOf(range.match));
      if (kind) store.add(range, kind);
    }
  };

  async function pass(chunks: Iterator<TextChunk>, removed: boolean) {
    if (removed) store.sweep();
    if ('local' in matching) {
      const { local, kinds } = matching;
      const kindsOf = (match: Mention) => kinds[match.supplier] ?? '';
      await sliced(
        chunks,
        (chunk) => flag(chunk, buildRanges(chunk, local.scan(chunk.text)), kindsOf),
        () => signal.aborted,
        pace,
      );
    } else {
      const collected = await precollect(chunks, () => signal.aborted, pace);
      if (!collected.length) return;
      const results = await matching.remote(collected.map((chunk) => chunk.text));
      if (!results || signal.aborted) return;
      // In slices too: a frame's text can be a whole long message.
      const replies = collected.map((chunk, i) => [chunk, results[i]] as const).values();
      await sliced(
        replies,
        ([chunk, matches]) => flag(chunk, buildRanges(chunk, matches), (match) => (match as KindedMatch).kinds),
        () => signal.aborted,
        pace,
      );
    }
    if (!signal.aborted) store.draw();
  }

  const enqueue = (chunks: () => Iterator<TextChunk>, removed: boolean) => {
    queue = queue.then(() => pass(chunks(), removed));
    return queue;
  };

  return {
    scan: (roots, removed = false) => enqueue(() => collectText(roots, CHUNK_CHARS, onShadowRoot), removed),
    scanChunks: (chunks) => enqueue(() => chunks, false),
    hurry: (since) => pace.hurry(since),
  };
}
