/** How the extension bench measures inside the browser: CPU profiles of the extension's code, heap, long tasks. */
import type { CDPSession } from 'playwright-core';

export const MB = 1024 * 1024;

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>;
  samples: number[];
  /** Microseconds, on the clock of the browser's traces. */
  startTime: number;
  timeDeltas: number[];
}

/** Whether a profile node is in (or below) the extension's code (`prefix`: its URLs). */
export function isOursIn(profile: CpuProfile, prefix: string): (id: number) => boolean {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)!.callFrame.url.startsWith(prefix) || (up !== undefined && isOurs(up));
      ours.set(id, known);
    }
    return known;
  };
  return isOurs;
}

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
