// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

describe('the storage module', () => {
  it('reads none of its large items merely because a context (the service worker, a page) imports it', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    vi.resetModules();
    await import('../../../extension/background/storage.ts');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const asked = get.mock.calls.flatMap(([keys]) =>
      keys === null || keys === undefined ? ['everything'] : [keys].flat(2),
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).not.toContain('watchlist');
    expect(asked).not.toContain('flagData');
    expect(asked).not.toContain('everything');
  });
});
