/**
 * Pacing: long work (scanning a page, collecting its text, looking for shadow roots, measuring flags) is cut into
 * slices with a yield to the page in between, so that the page never waits for a long task of ours.
 */

/**
 * Work between two yields: half the 50 ms that makes a long task. Every yield lets the page render a frame,
 * so fewer, larger slices finish a big page sooner than many small ones.
 */
export const SLICE_MS = 25;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

/** Lets the page run (input, rendering) before the next slice; scheduler.yield keeps this task's priority. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : yieldTask();
}

/** Goes to the back of the queue of tasks, behind messages and injected scripts that arrived meanwhile. */
export function yieldTask(): Promise<void> {
  // A message, unlike setTimeout(0), is not clamped to 4 ms after a few nested calls.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * When work yields to the page: `due` is asked after each item, with the time its slice began and how long that
 * item took. An item is taken to cost what the last one did: a slice ends before the item that would carry it
 * past its time, not after. Items vary (a chunk of text scanned by code not yet compiled, early in a page's life,
 * takes 20 ms rather than 2), and one such item after most of a slice made a long task.
 */
export interface Pace {
  due(sliceStart: number, lastItemMs: number): boolean;
  pause(): Promise<void>;
}

export function paceEvery(sliceMs: number, pause: () => Promise<void> = yieldToPage): Pace {
  return { due: (sliceStart, lastItemMs) => performance.now() + lastItemMs - sliceStart > sliceMs, pause };
}

/** Runs `step` over `items` in slices, yielding to the page between them; stops early when `stop()` says so. */
export async function sliced<T>(
  items: Iterator<T>,
  step: (item: T) => void,
  stop: () => boolean,
  pace: Pace,
): Promise<void> {
  let sliceStart = performance.now();
  while (!stop()) {
    const itemStart = performance.now();
    const next = items.next();
    if (next.done) return;
    step(next.value);
    if (pace.due(sliceStart, performance.now() - itemStart)) {
      await pace.pause();
      sliceStart = performance.now();
    }
  }
}

/** Collects items (chunks ahead of scanning them) in slices, until `enough()` or the end. */
export async function precollect<T>(items: Iterator<T>, enough: () => boolean, pace: Pace): Promise<T[]> {
  const collected: T[] = [];
  await sliced(items, (item) => collected.push(item), enough, pace);
  return collected;
}

/** `first`, collected ahead, then what `rest` has left. */
export function* concat<T>(first: Iterable<T>, rest: Iterator<T>): Generator<T> {
  yield* first;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}
