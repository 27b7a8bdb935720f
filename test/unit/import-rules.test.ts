/**
 * The rooms' rules, read from the source so they cannot drift: core/ does no I/O and knows nothing of the rest;
 * db/ does not speak HTTP; an extension's content script never imports the background's code (which holds the
 * token), nor the background the content script's; both may import extension/shared/.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !file.startsWith('test/'));

interface Import {
  from: string;
  /** A package name or `node:` module, or the repository path a relative import resolves to. */
  to: string;
}

const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map(([, specifier]) => ({
    from: file,
    to: specifier.startsWith('.') ? path.posix.join(path.posix.dirname(file), specifier) : specifier,
  }));
}

const imports = sources.flatMap(importsOf);
const under = (folder: string) => (file: string) => file.startsWith(folder);
const isContent = (file: string) =>
  under('extension/content/')(file) ||
  /^extension\/entrypoints\/[^/]*\.content\.ts$|^extension\/entrypoints\/content\.ts$/.test(file);
const isBackground = (file: string) =>
  under('extension/background/')(file) || file === 'extension/entrypoints/background.ts';

/** Imports by files `from` matches that lead where `to` matches, as "file -> target" lines. */
function crossing(from: (file: string) => boolean, to: (target: string) => boolean): string[] {
  return imports.filter((i) => from(i.from) && to(i.to)).map((i) => `${i.from} -> ${i.to}`);
}

describe('import rules', () => {
  it('finds the source files and their imports', () => {
    expect(sources).toContain('extension/content/start.ts');
    expect(imports.filter((i) => isContent(i.from)).length).toBeGreaterThan(20);
  });

  it('core/ imports only core/: no packages, no Node modules, no I/O', () => {
    expect(crossing(under('core/'), (target) => !target.startsWith('core/'))).toEqual([]);
  });

  it('db/ does not speak HTTP: nothing from api/ or hono', () => {
    expect(
      crossing(under('db/'), (target) => target.startsWith('api/') || target === 'hono' || target.startsWith('hono/')),
    ).toEqual([]);
  });

  it("a content script never imports the background's code", () => {
    expect(crossing(isContent, under('extension/background/'))).toEqual([]);
  });

  it("the background never imports the content script's code", () => {
    expect(crossing(isBackground, under('extension/content/'))).toEqual([]);
  });

  it('extension/shared/ imports neither side', () => {
    expect(
      crossing(
        under('extension/shared/'),
        (target) => under('extension/background/')(target) || under('extension/content/')(target),
      ),
    ).toEqual([]);
  });
});
