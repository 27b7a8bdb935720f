/**
 * The extension's CPU time and longest task, from a trace of the page's main thread and no profiler: a sampling
 * profiler slows the code it watches, here by about a third, and on this shared machine charges a wait for a
 * core to the code its next sample finds. The trace gives every task the renderer's main thread runs and, inside
 * it, each call into script with its URL (`FunctionCall`: a callback; `EvaluateScript`: a script's top level)
 * and the thread time it got. The extension's time in a task is the thread time of its own calls and of the
 * microtasks that run after them: the continuations of its `async` code. When the page's script ran in the same
 * task, microtasks without a call of ours in them are the page's. A task with microtasks only (a reply from the
 * background resolving a promise) is ours too: the bench page runs no script of its own, so this errs high.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time: the CPU time the thread got during the event. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

const RUN_TASK = 'ThreadControllerImpl::RunTask';
const MICROTASK_CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';
const MICROTASKS = 'RunMicrotasks';
const CALLS = new Set(['FunctionCall', 'EvaluateScript']);

const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
const cpu = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
const thread = (e: TraceEvent) => `${e.pid}/${e.tid}`;

/**
 * Traces the browser's tasks and calls into script while `action` runs: the extension's share of them (`prefix`:
 * its URLs).
 */
export async function tracingExtension<T>(
  cdp: CDPSession,
  prefix: string,
  action: () => Promise<T>,
): Promise<{ result: T; totalMs: number; longestMs: number }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: object[] }) => void events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'v8.execute', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  const result = await action();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { result, ...extensionTime(events, prefix) };
}

/** The events not inside another of `events` (sorted by start): what runs inside is part of their time. */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const outer: TraceEvent[] = [];
  for (const e of events) if (!outer.length || e.ts >= end(outer.at(-1)!)) outer.push(e);
  return outer;
}

/** Per task of the renderer main thread that ran the extension's code: the extension's thread time in it. */
function extensionTime(events: TraceEvent[], prefix: string): { totalMs: number; longestMs: number } {
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread),
  );
  const ours = (e: TraceEvent) => !!e.args?.data?.url?.startsWith(prefix);
  const page = events.find((e) => CALLS.has(e.name) && ours(e) && mains.has(thread(e)));
  if (!page) return { totalMs: 0, longestMs: 0 };
  const onThread = events
    .filter((e) => e.ph === 'X' && thread(e) === thread(page))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // A task and the microtask checkpoint right after it: the page waits for both as one.
  const tasks: TraceEvent[][] = [];
  let taskEnd = -Infinity;
  for (const e of onThread) {
    if (e.name === RUN_TASK && (tasks.length === 0 || e.ts >= taskEnd)) {
      tasks.push([]);
      taskEnd = end(e);
    } else if (e.name === MICROTASK_CHECKPOINT && e.ts >= taskEnd) taskEnd = end(e);
    else if (CALLS.has(e.name) || e.name === MICROTASKS) {
      // Script outside any task the trace shows is a task of its own.
      if (e.ts >= taskEnd) {
        tasks.push([]);
        taskEnd = end(e);
      }
      tasks.at(-1)!.push(e);
    }
  }
  const perTask = tasks.map((inTask) => {
    const pageRan = inTask.some((e) => CALLS.has(e.name) && !ours(e));
    let time = 0;
    for (const e of outermost(inTask)) {
      if (CALLS.has(e.name)) time += ours(e) ? cpu(e) : 0;
      else if (!pageRan) time += cpu(e);
      else {
        const calls = inTask.filter((c) => CALLS.has(c.name) && c.ts >= e.ts && end(c) <= end(e));
        time += outermost(calls)
          .filter(ours)
          .reduce((sum, c) => sum + cpu(c), 0);
      }
    }
    return time;
  });
  return {
    totalMs: perTask.reduce((a, b) => a + b, 0) / 1000,
    longestMs: Math.max(0, ...perTask) / 1000,
  };
}
