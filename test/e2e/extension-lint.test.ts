// @vitest-environment node
/** The Firefox build as addons.mozilla.org would judge it: `web-ext lint` finds nothing to warn about. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extensionDir } from '../support/browser.ts';
import { ROOT } from '../support/server.ts';

describe('the Firefox build', () => {
  it('passes web-ext lint without errors or warnings', async () => {
    const { stdout } = await promisify(execFile)(
      'node_modules/.bin/web-ext',
      ['lint', '--source-dir', extensionDir('firefox-mv3'), '--output', 'json', '--no-config-discovery'],
      { cwd: ROOT },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { summary: Record<string, number>; errors: unknown[]; warnings: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  }, 120_000);
});
