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
