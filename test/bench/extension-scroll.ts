/** The extension bench's scrolling: frame times while the page, or a pane in it, scrolls. */
import type { LaunchedChromium } from '../support/browser.ts';
import { median } from './extension-report.ts';

/** Frames scrolled through per run: 40 px a frame, some 12,000 px of rows. */
const SCROLL_FRAMES = 300;

/**
 * A scripted scroll through the page (`pane`: through the scrolling pane inside it), 40 px per animation frame:
 * the time between frames, whose median and longest are compared with the page alone. The extension redraws the
 * flags in view at every frame of it.
 */
export async function scrollFrames(
  chromium: LaunchedChromium,
  url: string,
  pane: boolean,
): Promise<{ median: number; longest: number }> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  // Settled: the first pass done and drawn, or the page alone after the same wait.
  await page.waitForTimeout(1500);
  // As source text: a function would reach the page with the bundler's name helpers in it.
  const gaps = (await page.evaluate(`new Promise((resolve) => {
    const target = ${pane} ? document.getElementById('pane') : document.scrollingElement;
    const gaps = [];
    let last = 0;
    let n = 0;
    const step = (now) => {
      if (last) gaps.push(now - last);
      last = now;
      target.scrollTop += 40;
      if (++n < ${SCROLL_FRAMES}) requestAnimationFrame(step);
      else resolve(gaps);
    };
    requestAnimationFrame(step);
  })`)) as number[];
  await page.close();
  return { median: median(gaps), longest: Math.max(...gaps) };
}
