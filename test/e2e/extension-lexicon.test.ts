// @vitest-environment node
/**
 * The word lists that make names ambiguous are the server's: no built script of the extension (content scripts,
 * background, pages) may carry them. A piece of each generated list stands for the whole.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS, PERSON_NAMES } from '../../core/matcher/words/lexicon.generated.ts';
import { extensionDir } from '../support/browser.ts';

function scriptsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scriptsUnder(path) : path.endsWith('.js') ? [path] : [];
  });
}

// From the middle of each list, where every entry is front-coded as the generated file writes it.
const pieces = [COMMON_WORDS, PERSON_NAMES].map((list) => list.slice(list.length / 2, list.length / 2 + 60));

describe.each(['chrome-mv3', 'firefox-mv3'] as const)('the %s build', (target) => {
  const scripts = scriptsUnder(extensionDir(target));

  it('has scripts, and none of them carries the word lists', () => {
    expect(scripts.some((path) => path.endsWith('background.js'))).toBe(true);
    expect(scripts.some((path) => path.includes('content-scripts'))).toBe(true);
    for (const path of scripts) {
      const code = readFileSync(path, 'utf8');
      for (const piece of pieces) expect(code.includes(piece), `${path} holds the word lists`).toBe(false);
      expect(code.length, `${path} is as large as the word lists`).toBeLessThan(500_000);
    }
  });
});
