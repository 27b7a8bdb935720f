// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchLateShadowRoots } from '../../../extension/content/page/late-shadows.ts';

describe('late shadow roots', () => {
  it('are found in the document and in the shadow roots known, and the known ones are not reported again', async () => {
    document.body.innerHTML = '<div id="known"></div><section id="late"></section>';
    const known = [document.getElementById('known')!.attachShadow({ mode: 'open' })];
    known[0].innerHTML = '<p id="inner"></p>';
    const ctx = new ContentScriptContext('late-shadows-test');
    const reports: ShadowRoot[][] = [];
    watchLateShadowRoots(ctx, document, known, (roots) => reports.push(roots));
    // Attached after the scan and before the first look, as a script at the load event would.
    const late = [
      document.getElementById('late')!.attachShadow({ mode: 'open' }),
      known[0].getElementById('inner')!.attachShadow({ mode: 'open' }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 50));
    ctx.abort();
    expect(reports).toHaveLength(1);
    // By identity: toEqual would take one empty shadow root for another.
    expect(late.map((root) => reports[0].includes(root))).toEqual([true, true]);
    expect(reports[0]).toHaveLength(2);
  });
});
