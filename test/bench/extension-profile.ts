/** How the extension bench measures inside the browser: heap and long tasks (its CPU time: extension-tasks.ts). */
import type { CDPSession } from 'playwright-core';

export const MB = 1024 * 1024;

export async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / MB;
}

/**
 * Watches long tasks from the first moment of the page, and long animation frames, which also count the
 * rendering a task causes (drawing thousands of highlight ranges is the browser's work, not the script's).
 */
export function observeLongTasks() {
  const tasks: number[] = [];
  const frames: number[] = [];
  Object.assign(window, { longTasks: tasks, longFrames: frames });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({
    type: 'longtask',
    buffered: true,
  });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => frames.push(e.duration))).observe({
    type: 'long-animation-frame',
    buffered: true,
  });
}

export type Observed = { longTasks: number[]; longFrames: number[] };
