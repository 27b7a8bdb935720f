// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPageObserver } from '../../../extension/content/page/observe.ts';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('the page observer', () => {
  it('hands over each batch of changes once, and leaves the context no more to undo however many come', async () => {
    const ctx = new ContentScriptContext('observe-test');
    const undo = vi.spyOn(ctx, 'onInvalidated');
    const observer = createPageObserver(ctx);
    const batches: number[] = [];
    observer.subscribe((records) => batches.push(records.length));
    observer.observe(document);
    const registered = undo.mock.calls.length;
    // A page that re-renders all day: what the context would undo when the extension updates must not grow.
    for (let i = 0; i < 50; i++) {
      document.body.append(document.createElement('p'), document.createElement('p'));
      await nextFrame();
    }
    expect(batches).toEqual(Array(50).fill(2));
    expect(undo.mock.calls.length).toBe(registered);

    ctx.abort();
    document.body.append(document.createElement('p'));
    await nextFrame();
    expect(batches).toHaveLength(50);
  });
});
