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

test('check looks without counting, and undo takes back an attempt of the current window only', () => {
  const limiter = createLimiter(2, 1000);
  expect(limiter.check('a', 0)).toEqual({ ok: true, retryAfter: 0 });
  limiter.hit('a', 0);
  expect(limiter.check('a', 100).ok).toBe(true);
  limiter.hit('a', 100);
  expect(limiter.check('a', 200)).toEqual({ ok: false, retryAfter: 1 });
  expect(limiter.check('a', 200)).toEqual({ ok: false, retryAfter: 1 });
  limiter.undo('a', 100);
  expect(limiter.check('a', 200).ok).toBe(true);
  // An attempt counted in a window that has passed is not taken from the next one.
  limiter.hit('a', 1000);
  limiter.hit('a', 1000);
  limiter.undo('a', 900);
  expect(limiter.check('a', 1100).ok).toBe(false);
  expect(limiter.check('b', 1100).ok).toBe(true);
});
