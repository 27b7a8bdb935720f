/**
 * Matcher figures on watchlist-10k next to a single case-insensitive RegExp alternation of the same names,
 * measured in the same process over the same generated text. Timings are the best of several runs, for the
 * matcher and the RegExp alike: on a shared machine the best run is the one least disturbed. Asserts nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { compileMatcher, createMatcher, loadMatcher, type Matcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';
import { loadLexicon } from '../../core/matcher/words/lexicon.ts';
import { fixture } from './fixture-suppliers.ts';
import { dutchText, plainText } from './matcher-text.ts';

const TARGET = { buildMs: 300, heapMb: 20, scanMbPerS: 100, timesRegExp: 4 };
const MB = 1_000_000;

export async function run(): Promise<void> {
  const entries: WatchEntry[] = fixture;
  const names = entries.flatMap((entry) => entry.names);
  const text = dutchText(entries, MB);
  const text2 = dutchText(entries, 2 * MB);
  console.log(`watchlist: ${entries.length} suppliers, ${names.length} names; text: ${utf8Mb(text).toFixed(2)} MB`);

  // The word lists decode once per process, on first use: measured apart from the build they precede.
  console.log(`word lists (once per process): ${ms(time(loadLexicon))}`);
  const cold = time(() => createMatcher(entries));
  const warm = best(5, () => time(() => createMatcher(entries)));
  line('build (first run, warmed up)', `${ms(cold)}, ${ms(warm)}`, `< ${TARGET.buildMs} ms`, cold < TARGET.buildMs);

  const compiled = compileMatcher(entries);
  const json = JSON.stringify(compiled);
  // What a tab holds: a matcher loaded from the JSON it was sent, ids and all. Five at once, so that what the
  // collector leaves behind either way is small next to what is measured.
  const heap = heapOf(() => Array.from({ length: 5 }, () => loadMatcher(JSON.parse(json))));
  if (heap === undefined) console.log('heap: not measured (no way to force garbage collection here)');
  else
    line('heap of the built matcher', `${(heap / 5).toFixed(1)} MB`, `< ${TARGET.heapMb} MB`, heap / 5 < TARGET.heapMb);

  const raw = Buffer.byteLength(JSON.stringify(entries));
  console.log(
    `compiled form: ${kb(Buffer.byteLength(json))} JSON (${kb(gzipSync(json).length)} gzipped), ` +
      `raw watchlist ${kb(raw)} (${kb(gzipSync(JSON.stringify(entries)).length)} gzipped)`,
  );
  const parse = best(5, () => time(() => JSON.parse(json)));
  const load = best(5, () => time(() => loadMatcher(JSON.parse(json))));
  // What a tab does with the compiled form, next to what it spares the tab: building from the raw watchlist.
  // Node decodes the tables' base64 with its Buffer, browsers with their native codec (the extension bench
  // measures that).
  console.log(
    `loadMatcher: ${ms(load - parse)} (plus ${ms(parse)} for JSON.parse); building from the raw watchlist: ${ms(warm)}, ${(warm / load).toFixed(0)}x as long`,
  );

  const matcher = createMatcher(entries);
  const scan = scanTime(matcher, text);
  const regexp = regExpTime(names, text);
  const mbPerS = utf8Mb(text) / (scan / 1000);
  const regexpMbPerS = utf8Mb(text) / (regexp / 1000);
  console.log(`mentions found: ${matcher.scan(text).length} in 1 MB`);
  line(
    'scan throughput',
    `${mbPerS.toFixed(0)} MB/s (${ms(scan)})`,
    `>= ${TARGET.scanMbPerS} MB/s`,
    mbPerS >= TARGET.scanMbPerS,
  );
  console.log(`RegExp alternation (gi, warmed up): ${regexpMbPerS.toFixed(1)} MB/s (${ms(regexp)})`);
  const ratio = mbPerS / regexpMbPerS;
  line('matcher vs RegExp', `${ratio.toFixed(1)}x`, `>= ${TARGET.timesRegExp}x`, ratio >= TARGET.timesRegExp);

  // Short common words cost the scan the most per character: each is a word to hash and look up.
  const plain = plainText(entries, MB);
  const plainScan = scanTime(matcher, plain);
  const plainRegexp = regExpTime(names, plain);
  const plainMbPerS = utf8Mb(plain) / (plainScan / 1000);
  const plainRatio = plainMbPerS / (utf8Mb(plain) / (plainRegexp / 1000));
  console.log(`plain business Dutch, a name every 400 words: ${matcher.scan(plain).length} mentions in 1 MB`);
  line(
    'scan throughput, plain Dutch',
    `${plainMbPerS.toFixed(0)} MB/s (${ms(plainScan)})`,
    `>= ${TARGET.scanMbPerS} MB/s`,
    plainMbPerS >= TARGET.scanMbPerS,
  );
  line(
    'matcher vs RegExp, plain Dutch',
    `${plainRatio.toFixed(1)}x (RegExp ${ms(plainRegexp)})`,
    `>= ${TARGET.timesRegExp}x`,
    plainRatio >= TARGET.timesRegExp,
  );

  // A MutationObserver hands over many small changes: what one call costs besides its text.
  const snippet = text.slice(0, 100);
  const manyCalls = () => {
    for (let i = 0; i < 10_000; i++) matcher.scan(snippet);
  };
  const perCall = best(5, () => time(manyCalls)) / 10_000;
  const pattern = alternationOf(names);
  const regexpPerCall =
    best(5, () =>
      time(() => {
        for (let i = 0; i < 10_000; i++) snippet.match(pattern);
      }),
    ) / 10_000;
  console.log(
    `small texts: ${(perCall * 1000).toFixed(2)} µs per scan of 100 characters; RegExp alternation ${(regexpPerCall * 1000).toFixed(2)} µs`,
  );

  const scan2 = scanTime(matcher, text2);
  console.log(
    `linearity in text: 1 MB ${ms(scan)}, 2 MB ${ms(scan2)}, ratio ${(scan2 / scan).toFixed(2)} (2.00 is linear)`,
  );
  const small = createMatcher(entries.slice(0, 1000));
  const scanSmall = scanTime(small, text);
  console.log(
    `linearity in names: 1k suppliers ${ms(scanSmall)}, 10k suppliers ${ms(scan)}, ratio ${(scan / scanSmall).toFixed(2)} (1.00 is flat)`,
  );
}

function scanTime(matcher: Matcher, text: string): number {
  for (let i = 0; i < 3; i++) matcher.scan(text);
  return best(9, () => time(() => matcher.scan(text)));
}

/** The baseline: one case-insensitive RegExp of all the names. */
function alternationOf(names: string[]): RegExp {
  return new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
}

function regExpTime(names: string[], text: string): number {
  const pattern = alternationOf(names);
  const all = () => {
    pattern.lastIndex = 0;
    let count = 0;
    while (pattern.exec(text)) count++;
    return count;
  };
  for (let i = 0; i < 2; i++) all();
  return best(5, () => time(all));
}

/** Heap growth, including typed-array storage, of what `build` returns; undefined where gc cannot be forced. */
function heapOf(build: () => unknown): number | undefined {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return undefined;
  const used = () => {
    gc();
    const memory = process.memoryUsage();
    return memory.heapUsed + memory.arrayBuffers;
  };
  const before = used();
  const kept = build();
  const after = used();
  return kept ? (after - before) / MB : undefined;
}

function time(action: () => unknown): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function best(runs: number, measure: () => number): number {
  return Math.min(...Array.from({ length: runs }, measure));
}

function line(what: string, value: string, target: string, met: boolean): void {
  console.log(`${what}: ${value}  [target ${target}: ${met ? 'met' : 'MISSED'}]`);
}

const utf8Mb = (text: string) => Buffer.byteLength(text) / MB;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
