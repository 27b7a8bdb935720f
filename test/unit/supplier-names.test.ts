/**
 * Labelled texts over real Dutch supplier names (test/fixtures/supplier-names.json): brands written alone,
 * acronyms, inner capitals, group words, ambiguous surnames, places and words, persons, free-mail addresses.
 * Labels follow the rules of issue 18, not this matcher. Misses and false alarms are printed by kind.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createMatcher } from '../../core/matcher.ts';
import type { WatchEntry } from '../../core/types.ts';

interface Fixture {
  watchlist: WatchEntry[];
  cases: { text: string; expect: string[]; kind: string }[];
}

const { watchlist, cases } = JSON.parse(
  readFileSync(new URL('../fixtures/supplier-names.json', import.meta.url), 'utf8'),
) as Fixture;

it('finds real supplier names as people write them: precision at least 0.99, recall at least 0.95', () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  const matcher = createMatcher(watchlist);
  let hits = 0;
  let misses = 0;
  let falseAlarms = 0;
  const report = new Map<string, string[]>();
  const note = (kind: string, line: string) => report.set(kind, [...(report.get(kind) ?? []), line]);

  for (const { text, expect: expected, kind } of cases) {
    const found = new Set(matcher.scan(text).map((match) => match.id));
    for (const id of expected) {
      if (found.has(id)) hits++;
      else {
        misses++;
        note(kind, `  missed ${id} in ${JSON.stringify(text)}`);
      }
    }
    for (const id of found) {
      if (expected.includes(id)) continue;
      falseAlarms++;
      note(kind, `  false alarm ${id} in ${JSON.stringify(text)}`);
    }
  }

  const precision = hits / (hits + falseAlarms || 1);
  const recall = hits / (hits + misses || 1);
  for (const [kind, lines] of report) console.log(`${kind}:\n${lines.join('\n')}`);
  console.log(`${cases.length} texts: precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)} (${hits} found, ${misses} missed, ${falseAlarms} false alarms)`);
  expect(precision).toBeGreaterThanOrEqual(0.99);
  expect(recall).toBeGreaterThanOrEqual(0.95);
});
