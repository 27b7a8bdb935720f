import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../core/matcher/index.ts';
import { namesWithin } from '../../core/matcher/registered-names.ts';
import { foundBy } from '../support/matched.ts';

describe('the names a registered name holds', () => {
  it.each([
    ['Stedin Netbeheer B.V.', ['Stedin Netbeheer B.V.']],
    ['Jansen Holding B.V. h.o.d.n. Bouwbedrijf Jansen', ['Jansen Holding B.V.', 'Bouwbedrijf Jansen']],
    ['Jansen Holding B.V. t.h.o.d.n. Jansen Bouw', ['Jansen Holding B.V.', 'Jansen Bouw']],
    ['Jansen Holding B.V. tevens handelend onder de naam Jansen Bouw', ['Jansen Holding B.V.', 'Jansen Bouw']],
    ['Stichting Woningbouw Utrecht (SWU)', ['Stichting Woningbouw Utrecht', 'SWU']],
    ['Stichting Woningbouw Utrecht (S.W.U.)', ['Stichting Woningbouw Utrecht', 'S.W.U.']],
    ['Breijer B.V. (voorheen Van Dijk Schilders)', ['Breijer B.V.', 'Van Dijk Schilders']],
    ['Breijer B.V. v/h Van Dijk Schilders', ['Breijer B.V.', 'Van Dijk Schilders']],
    ['Jansen Bouw (Noord) B.V.', ['Jansen Bouw B.V.', 'Jansen Bouw Noord B.V.']],
  ])('%s', (name, expected) => {
    expect(namesWithin(name)).toEqual(expected);
  });

  it('finds each of them on its own, by the rules of each', () => {
    const matcher = createMatcher([
      { id: 'jansen', names: ['Jansen Holding B.V. h.o.d.n. Bouwbedrijf Jansen'] },
      { id: 'swu', names: ['Stichting Woningbouw Utrecht (SWU)'] },
      { id: 'breijer', names: ['Breijer B.V. (voorheen Van Dijk Schilders)'] },
    ]);
    const found = foundBy(matcher);
    expect(found('Offerte van Bouwbedrijf Jansen en de SWU, via Van Dijk Schilders')).toEqual([
      'jansen[Bouwbedrijf Jansen]',
      'swu[SWU]',
      'breijer[Van Dijk Schilders]',
    ]);
    // The abbreviation counts in capitals only, as any acronym.
    expect(found('de swu en Woningbouw Utrecht')).toEqual(['swu[Woningbouw Utrecht]']);
  });
});
