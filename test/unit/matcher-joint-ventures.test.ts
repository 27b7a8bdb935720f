/**
 * Joint ventures (complete-names.ts): tenders name a combination of two firms with a hyphen between their names,
 * `Combinatie Heijmans-BAM`; both are found, while a name joined to another word stays part of another name.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';
import { foundBy } from '../support/matched.ts';

const WATCHLIST: WatchEntry[] = [
  { id: 'heijmans', names: ['Heijmans N.V.'] },
  { id: 'bam', names: ['Koninklijke BAM Groep N.V.', 'BAM'] },
  { id: 'dura', names: ['Dura Vermeer Groep N.V.'] },
  { id: 'stedin', names: ['Stedin'] },
  { id: 'smits', names: ['Smits B.V.'] },
];
const matcher = createMatcher(WATCHLIST);
const found = foundBy(matcher);

describe('two registered names joined by a hyphen', () => {
  it.each([
    ['Combinatie Heijmans-BAM', ['heijmans[Heijmans]', 'bam[BAM]']],
    ['THV Dura Vermeer-Heijmans', ['dura[Dura Vermeer]', 'heijmans[Heijmans]']],
    ['Bouwcombinatie Heijmans-BAM-Stedin', ['heijmans[Heijmans]', 'bam[BAM]', 'stedin[Stedin]']],
  ])('are both found: %s', (text, expected) => {
    expect(found(`Inschrijving van ${text} ontvangen`)).toEqual(expected);
  });

  it.each([
    ['joined to a word that is no registered name', 'Storing bij Stedin-Noord'],
    ['a double surname after a title', 'mevrouw Smits-Heijmans'],
    ['a double surname after a first name', 'Groet, Anne Smits-Heijmans'],
    ['joined by a dot, as a host name', 'zie heijmans.bam voor meer'],
    ['inside a host name', 'zie www.heijmans-bam.nl en info@heijmans-bam.nl'],
    ['in a chain that goes on to a word that is no registered name', 'Heijmans-Stedin-Noord'],
  ])('but not %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
