/** Fixed-window counters in memory: per token for the API, per account and per address for sign-in. */
export interface Limiter {
  /** Counts one attempt for `key`; `retryAfter` (seconds) is set when the limit is passed. */
  hit(key: string, now: number): { ok: boolean; retryAfter: number };
}

export function createLimiter(limit: number, windowMs: number): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = -Infinity;
  return {
    hit(key, now) {
      if (limit <= 0) return { ok: true, retryAfter: 0 };
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
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
      return { ok: w.count <= limit, retryAfter: Math.ceil((w.start + windowMs - now) / 1000) };
    },
  };
}
