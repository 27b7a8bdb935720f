// @vitest-environment node
/** What a "wrong flag?" report names: the registered value the flagged text matched, never the text itself. */
import { describe, expect, it } from 'vitest';
import type { WatchEntry } from '../../../core/types.ts';
import { matchedIdentifier } from '../../../extension/background/wrong-flag.ts';

const entry: WatchEntry = {
  id: 's1',
  names: ['Dura Vermeer Groep N.V.', 'VolkerWessels', 'Smits B.V.', 'BAM'],
  domains: ['duravermeer.nl'],
  emails: ['jan.smits@gmail.com'],
  kvk: ['12345678'],
  vat: ['NL812345678B01'],
};

describe('the registered value a flag came from', () => {
  it.each([
    ['Dura Vermeer Groep N.V.', 'name', 'Dura Vermeer Groep N.V.'],
    ['DURA VERMEER GROEP NV', 'name', 'Dura Vermeer Groep N.V.'],
    ['Volker Wessels', 'name', 'VolkerWessels'],
    ['Volkerwessels', 'name', 'VolkerWessels'],
    ['Smits', 'name', 'Smits B.V.'],
    ['Dura Vermeer', 'name', 'Dura Vermeer Groep N.V.'],
    ['BAM', 'name', 'BAM'],
    ['Heijmans', 'name', null],
    ['Jan.Smits@Gmail.com', 'email', 'jan.smits@gmail.com'],
    ['piet@gmail.com', 'email', null],
    ['www.duravermeer.nl', 'domain', 'duravermeer.nl'],
    ['info@bouw.duravermeer.nl', 'domain', 'duravermeer.nl'],
    ['notduravermeer.nl', 'domain', null],
    ['1234 5678', 'kvk', '12345678'],
    ['NL8123.45.678.B01', 'vat', 'NL812345678B01'],
  ] as const)('%s (%s) -> %s', (text, kind, expected) => {
    expect(matchedIdentifier(entry, text, kind)).toBe(expected);
  });
});
