/** The labelled fixture texts over the fixture watchlist (../shared/fixtures), scored per text. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { WatchEntry } from '../../core/types.ts';
import { scoreMatcher, type LabelledText } from '../support/labelled-texts.ts';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../shared/fixtures/${name}`, import.meta.url), 'utf8')) as T;

it('finds the expected suppliers in the fixture texts: precision 1.0, recall at least 0.99', () => {
  const { precision, recall } = scoreMatcher(
    fixture<WatchEntry[]>('watchlist.json'),
    fixture<LabelledText[]>('match-cases.json'),
  );
  expect(precision).toBe(1);
  expect(recall).toBeGreaterThanOrEqual(0.99);
});
