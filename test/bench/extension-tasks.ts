/**
 * The extension's CPU time and longest task, cut at the browser's own task boundaries. The CPU profile alone
 * cannot tell where a task ends: taking a stretch of consecutive samples in the extension's code as one task
 * joins tasks with less than a sampling interval between them (slices that yield to an otherwise idle page, a
 * timer that fires right after another task of ours), and each sample stands for the time until the next, which
 * runs past the end of a task, by many milliseconds when the sampler thread, on this shared machine, waits for a
 * core. A trace of the `toplevel` category gives every task the renderer's main thread runs (both clocks are the
 * same monotonic microseconds); the extension's time in a task is the time of its samples inside it, and no more
 * than the task's thread time: a task's wall time here is at times three times the CPU time its thread got, and
 * a sample after such a wait charges the wait to the code it finds (once a 240 ms "task" of our script's top
 * level). What the page waits for on our account is what our code ran, not the machine's other work.
 */
import type { CDPSession } from 'playwright-core';
import { isOursIn, type CpuProfile } from './extension-profile.ts';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time: the CPU time the thread got during the event. */
  tdur?: number;
  args?: { name?: string };
}

const RUN_TASK = 'ThreadControllerImpl::RunTask';
const MICROTASKS = 'BlinkScheduler_PerformMicrotaskCheckpoint';

/** A task of one thread, in microseconds; `cpu`, the thread time it got. */
interface Task {
  start: number;
  end: number;
  cpu: number;
}

/**
 * Records the browser's tasks while `action` runs; a CPU profile taken within `action`, so that all its samples
 * fall in the trace, can then be cut at them.
 */
export async function tracingTasks<T>(
  cdp: CDPSession,
  action: () => Promise<T>,
): Promise<{ result: T; tasks: Task[][] }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: object[] }) => void events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  const result = await action();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { result, tasks: rendererTasks(events) };
}

/**
 * The tasks of each renderer's main thread (which of them ran the page is told by the profile). The microtasks
 * after a task run in a checkpoint the trace shows as an event of its own, right after the task's: the page
 * waits for them as part of the task, so the two make one.
 */
function rendererTasks(events: TraceEvent[]): Task[][] {
  const thread = (e: TraceEvent) => `${e.pid}/${e.tid}`;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread),
  );
  const byThread = new Map<string, Task[]>();
  const ordered = events
    .filter((e) => e.ph === 'X' && (e.name === RUN_TASK || e.name === MICROTASKS) && mains.has(thread(e)))
    .sort((a, b) => a.ts - b.ts);
  for (const e of ordered) {
    const tasks = byThread.get(thread(e)) ?? [];
    byThread.set(thread(e), tasks);
    const end = e.ts + (e.dur ?? 0);
    const cpu = e.tdur ?? e.dur ?? 0;
    const last = tasks[tasks.length - 1];
    if (e.name === MICROTASKS && last) {
      last.end = Math.max(last.end, end);
      last.cpu += cpu;
    } else tasks.push({ start: e.ts, end, cpu });
  }
  return [...byThread.values()];
}

/**
 * The extension's CPU time (`prefix`: its URLs) and the most of it within one task. Each sample stands for the
 * time until the next one, cut at the end of its task (the thread left our code when the task ended); a task's
 * share is at most its thread time. Samples in no task count whole.
 */
export function extensionTasks(
  profile: CpuProfile,
  prefix: string,
  threads: Task[][],
): { totalMs: number; longestMs: number } {
  const isOurs = isOursIn(profile, prefix);
  const ours: Array<{ at: number; until: number }> = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (isOurs(id)) ours.push({ at, until: at + (profile.timeDeltas[i + 1] ?? 0) });
  });
  // The page's main thread: the one whose tasks hold the extension's samples.
  let best = { held: -1, totalMs: 0, longestMs: 0 };
  for (const tasks of threads.length ? threads : [[]]) {
    const perTask = new Map<Task, number>();
    let held = 0;
    let loose = 0;
    let t = 0;
    for (const sample of ours) {
      while (t < tasks.length && tasks[t].end <= sample.at) t++;
      const task = tasks[t];
      if (!task || task.start > sample.at) {
        loose += sample.until - sample.at;
        continue;
      }
      const time = Math.min(sample.until, task.end) - sample.at;
      perTask.set(task, (perTask.get(task) ?? 0) + time);
      held += time;
    }
    if (held <= best.held) continue;
    const shares = [...perTask].map(([task, time]) => Math.min(time, task.cpu));
    best = {
      held,
      totalMs: (shares.reduce((sum, share) => sum + share, 0) + loose) / 1000,
      longestMs: Math.max(0, ...shares) / 1000,
    };
  }
  return { totalMs: best.totalMs, longestMs: best.longestMs };
}
