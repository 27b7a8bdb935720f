/** Fixed-window counters in memory: per token for the API, per account and per address for sign-in. */
export interface Limiter {
  /** Counts one attempt for `key`; not ok once the limit is passed, with the seconds until the window ends. */
  hit(key: string, now: number): { ok: boolean; retryAfter: number };
  /** Whether `key` is still under the limit, without counting anything. */
  check(key: string, now: number): { ok: boolean; retryAfter: number };
  /** Takes back an attempt counted at `at`, if its window is still the current one. */
  undo(key: string, at: number): void;
}

export function createLimiter(limit: number, windowMs: number): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = -Infinity;
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    return w && now - w.start < windowMs ? w : undefined;
  };
  /** `retryAfter` is what is left of the window, in seconds. */
  const verdict = (w: { start: number; count: number } | undefined, now: number, over: (count: number) => boolean) =>
    w ? { ok: !over(w.count), retryAfter: Math.ceil((w.start + windowMs - now) / 1000) } : { ok: true, retryAfter: 0 };
  return {
    hit(key, now) {
      if (limit <= 0) return { ok: true, retryAfter: 0 };
      let w = current(key, now);
      if (!w) {
        // Forget expired windows now and then, so the map stays as small as the set of active callers. At most
        // once per window: a sweep on every new key would make a flood of distinct keys cost quadratic time.
        if (windows.size > 10_000 && now - lastSweep >= windowMs) {
          lastSweep = now;
          for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return verdict(w, now, (count) => count > limit);
    },
    check(key, now) {
      if (limit <= 0) return { ok: true, retryAfter: 0 };
      return verdict(current(key, now), now, (count) => count >= limit);
    },
    undo(key, at) {
      const w = windows.get(key);
      if (w && w.count > 0 && at >= w.start && at - w.start < windowMs) w.count--;
    },
  };
}
