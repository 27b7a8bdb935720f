/**
 * Vitest's global setup: one temporary directory for the whole run, removed when the run ends. Test workers are
 * stopped without an exit event, so what they leave for the run's length (the template database of a world,
 * see app.ts) goes here rather than into the system's temp directory for good.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMP_ROOT_VARIABLE = 'ZUIVER_TEST_TMP';

/** Where to put files that must last as long as the run; the system's temp directory outside vitest. */
export function runTempDir(): string {
  return process.env[TEMP_ROOT_VARIABLE] ?? tmpdir();
}

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'zuiver-run-'));
  // Workers start after this and inherit the environment.
  process.env[TEMP_ROOT_VARIABLE] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
