/** The extension bench's comparison: a highlighting library (advanced-mark.js, mark.js) run in the page. */
import type { Page } from 'playwright-core';

/** Runs a highlighting library in the page and returns how long its call took; `options` is source text. */
export async function library(page: Page, script: string, names: string[], options: string): Promise<number> {
  await page.addScriptTag({ path: new URL(`../../node_modules/${script}`, import.meta.url).pathname });
  // As source text: a function would reach the page with the bundler's name helpers in it.
  return page.evaluate(`new Promise((resolve) => {
    const start = performance.now();
    new Mark(document.body).mark(${JSON.stringify(names)}, { ...${options}, done: () => resolve(performance.now() - start) });
  })`);
}
