import { expect, test } from 'vitest';
import { createLimiter } from '../../api/rate-limit.ts';

test('a limiter counts per key and starts a new window when the old one has passed', () => {
  const limiter = createLimiter(2, 1000);
  expect(limiter.hit('a', 0)).toEqual({ ok: true, retryAfter: 1 });
  expect(limiter.hit('a', 100).ok).toBe(true);
  expect(limiter.hit('a', 200)).toEqual({ ok: false, retryAfter: 1 });
  expect(limiter.hit('b', 200).ok).toBe(true);
  expect(limiter.hit('a', 1000).ok).toBe(true);
});

test('many distinct keys in one window cost linear time, not a sweep of the whole map per key', () => {
  const limiter = createLimiter(10, 15 * 60_000);
  const started = performance.now();
  for (let i = 0; i < 40_000; i++) limiter.hit(`address:${i}`, i);
  // Linear work takes a few milliseconds; sweeping 10,000+ entries per new key takes seconds.
  expect(performance.now() - started).toBeLessThan(1000);
});
