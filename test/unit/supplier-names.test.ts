/**
 * Labelled texts over real Dutch supplier names (test/fixtures/supplier-names.json): brands written alone,
 * acronyms, inner capitals, group words, ambiguous surnames, places and words, persons, free-mail addresses.
 * Labels follow the rules of issue 18, not this matcher.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { WatchEntry } from '../../core/types.ts';
import { scoreMatcher, type LabelledText } from '../support/labelled-texts.ts';

const { watchlist, cases } = JSON.parse(
  readFileSync(new URL('../fixtures/supplier-names.json', import.meta.url), 'utf8'),
) as {
  watchlist: WatchEntry[];
  cases: LabelledText[];
};

it('finds real supplier names as people write them: precision at least 0.99, recall at least 0.95', () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  const { precision, recall } = scoreMatcher(watchlist, cases);
  expect(precision).toBeGreaterThanOrEqual(0.99);
  expect(recall).toBeGreaterThanOrEqual(0.95);
});
