/**
 * No source file over 300 lines, tests and benches included: a file that grows past it holds more than one
 * subject. Word lists, the language dictionaries and generated tables are data, not code, and are left out.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const LIMIT = 300;
const DATA = /\.generated\.ts$|^core\/matcher\/fold-table\.ts$|^api\/web\/text\/(nl|en)\.ts$/;

const root = path.resolve(import.meta.dirname, '../..');
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !DATA.test(file));

const lineCount = (file: string) => readFileSync(path.join(root, file), 'utf8').trimEnd().split('\n').length;

it(`keeps every source file at ${LIMIT} lines or fewer`, () => {
  expect(sources.length).toBeGreaterThan(100);
  const long = sources.filter((file) => lineCount(file) > LIMIT).map((file) => `${file}: ${lineCount(file)} lines`);
  expect(long).toEqual([]);
});
