/**
 * Scores a matcher on labelled texts: precision and recall counted per text over the expected supplier ids. Every
 * miss and false alarm is printed by case kind, so a failing threshold says what went wrong.
 */
import { createMatcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';

export interface LabelledText {
  text: string;
  expect: string[];
  kind: string;
}

export function scoreMatcher(watchlist: WatchEntry[], cases: LabelledText[]): { precision: number; recall: number } {
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
  console.log(
    `${cases.length} texts: precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)} (${hits} found, ${misses} missed, ${falseAlarms} false alarms)`,
  );
  return { precision, recall };
}
