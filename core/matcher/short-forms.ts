/**
 * Words and particles that names write in full or short (`Kon.`, `v.d.`, `a/d`): the spellings of a name with the
 * other form (name-variants.ts).
 */
import { isDistinctive } from './names.ts';
import type { NameCore } from './name-variants.ts';

type Spelling = { core: string[]; joined: boolean[] };

/**
 * Words that people write in full or short (`Kon.`, `Gebr.`, `Zn.`, `St.`): a name registered either way is found
 * both ways. `& Zn.` at the end of a name is a legal form (legal-forms.ts) with all its spellings; inside a name
 * (`Bakker & Zn. Installatietechniek`) it is a word of the name, written `& Zonen` as often.
 */
const SHORT_FORMS = new Map([
  ['koninklijke', 'kon'],
  ['gebroeders', 'gebr'],
  ['zonen', 'zn'],
  ['sint', 'st'],
]);
const OTHER_FORM = new Map([...SHORT_FORMS, ...[...SHORT_FORMS].map(([long, short]) => [short, long] as const)]);

/** The core with each word that has a short form written the other way (`Kon.` as `Koninklijke`); null without. */
export function otherForms({ words, joined }: NameCore): Spelling | null {
  if (!words.some((word) => OTHER_FORM.has(word))) return null;
  return { core: words.map((word) => OTHER_FORM.get(word) ?? word), joined };
}

/**
 * Particles that names write short: `van der`, `van den` and `van de` as `v.d.` (also `v/d`) and `vd`, and the
 * `aan den` or `aan de` of a place (`Capelle aan den IJssel`) as `a/d` (also `a.d.`) and `ad`.
 */
const SHORT_PARTICLES = [
  {
    long: [
      ['van', 'der'],
      ['van', 'den'],
      ['van', 'de'],
    ],
    short: [['v', 'd'], ['vd']],
  },
  {
    long: [
      ['aan', 'den'],
      ['aan', 'de'],
    ],
    short: [['a', 'd'], ['ad']],
  },
];
const PARTICLE_STARTS: ReadonlySet<string> = new Set(
  SHORT_PARTICLES.flatMap(({ long, short }) => [...long, ...short].map(([first]) => first)),
);

/**
 * The core with its `van der` or `aan den` written short (`Bouwbedrijf v.d. Berg`, `vd Heijden Bouw`, `Alphen
 * a/d Rijn`), or written out, when two distinctive words remain beside it: `v.d. Berg` alone reads as a person
 * (`dhr. v.d. Berg`).
 */
export function shortParticleSpellings({ words, joined }: NameCore): Spelling[] {
  // Most names have neither: the compiler asks this of every spelling of every name.
  if (!words.some((word) => PARTICLE_STARTS.has(word))) return [];
  for (const { long, short } of SHORT_PARTICLES) {
    for (const [written, others] of [
      [long, short],
      [short, long],
    ]) {
      for (let i = 0; i < words.length; i++) {
        const group = written.find((particles) => particles.every((word, j) => words[i + j] === word));
        if (!group) continue;
        const before = words.slice(0, i);
        const after = words.slice(i + group.length);
        if ([...before, ...after].filter(isDistinctive).length < 2) return [];
        return others.map((other) => ({
          core: [...before, ...other, ...after],
          joined: [
            ...joined.slice(0, i),
            // `v.d.` is tied as initials are (`J.P.`), which also finds `v d`.
            ...other.map((_, j) => (j === 0 ? joined[i] : other === short[0])),
            ...joined.slice(i + group.length),
          ],
        }));
      }
    }
  }
  return [];
}

/**
 * A folded name in every spelling of its short forms (`kon`, `v d`, `a d`) and their long ones, itself first: the
 * registry's search keeps them all, so that it finds a name however the short forms were written, as the flags do.
 * Unlike the compiler's spellings, no words need remain beside them: a search result is read, not flagged.
 */
export function searchSpellings(folded: string): string[] {
  const words = folded.split(' ');
  let spellings = [words];
  if (words.some((word) => OTHER_FORM.has(word))) spellings.push(words.map((word) => OTHER_FORM.get(word) ?? word));
  for (const { long, short } of SHORT_PARTICLES) {
    spellings = spellings.flatMap((spelling) => {
      for (let i = 0; i < spelling.length; i++) {
        const at = (particles: string[]) => particles.every((word, j) => spelling[i + j] === word);
        const written = long.find(at) ?? short.find(at);
        if (!written) continue;
        // A short particle may stand for any long one (`v.d.` for `van der` or `van den`), not one long for another.
        const others = long.includes(written) ? short : [...long, ...short.filter((other) => other !== written)];
        const respelled = (other: string[]) => [
          ...spelling.slice(0, i),
          ...other,
          ...spelling.slice(i + written.length),
        ];
        return [spelling, ...others.map(respelled)];
      }
      return [spelling];
    });
  }
  return spellings.map((spelling) => spelling.join(' '));
}
