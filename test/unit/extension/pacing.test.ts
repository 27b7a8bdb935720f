import { afterEach, describe, expect, it, vi } from 'vitest';
import { paceEvery, sliced } from '../../../extension/content/pacing.ts';

describe('slicing work', () => {
  afterEach(() => vi.restoreAllMocks());

  it('ends a slice before an item that would carry it past its time, taking each to cost what the last did', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const log: string[] = [];
    const pace = paceEvery(25, async () => void log.push('yield'));
    const items = [10, 10, 3, 20, 20].values();
    await sliced(
      items,
      (ms) => ((clock += ms), log.push(`${ms}`)),
      () => false,
      pace,
    );
    // After 20 ms another 10 would make 30; after 3 and 20 (23 ms) another 20 would make 43.
    expect(log).toEqual(['10', '10', 'yield', '3', '20', 'yield', '20', 'yield']);
  });
});
