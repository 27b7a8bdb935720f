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

/** The words with each that has a short form written the other way (`Kon.` as `Koninklijke`); null without. */
function otherWords(words: string[]): string[] | null {
  return words.some((word) => OTHER_FORM.has(word)) ? words.map((word) => OTHER_FORM.get(word) ?? word) : null;
}

/** The core with each word that has a short form written the other way; null without. */
export function otherForms({ words, joined }: NameCore): Spelling | null {
  const core = otherWords(words);
  return core && { core, joined };
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

type Particles = (typeof SHORT_PARTICLES)[number];

/**
 * The particle of `particles` written at `words[i]`, and its other spellings: a long one short, a short one in full
 * or in the other short form (`vd` as `van der` and `v.d.`); never one long one as another (`van den` is another
 * name than `van der`).
 */
function particleAt({ long, short }: Particles, words: string[], i: number) {
  const at = (particles: string[]) => particles.every((word, j) => words[i + j] === word);
  const inLong = long.find(at);
  if (inLong) return { written: inLong, others: short };
  const inShort = short.find(at);
  return inShort ? { written: inShort, others: [...long, ...short.filter((other) => other !== inShort)] } : null;
}

/**
 * The core with its `van der` or `aan den` written short (`Bouwbedrijf v.d. Berg`, `vd Heijden Bouw`, `Alphen
 * a/d Rijn`), or written out, when two distinctive words remain beside it: `v.d. Berg` alone reads as a person
 * (`dhr. v.d. Berg`).
 */
export function shortParticleSpellings({ words, joined }: NameCore): Spelling[] {
  // Most names have neither: the compiler asks this of every spelling of every name.
  if (!words.some((word) => PARTICLE_STARTS.has(word))) return [];
  for (const particles of SHORT_PARTICLES) {
    for (let i = 0; i < words.length; i++) {
      const particle = particleAt(particles, words, i);
      if (!particle) continue;
      const before = words.slice(0, i);
      const after = words.slice(i + particle.written.length);
      if ([...before, ...after].filter(isDistinctive).length < 2) return [];
      return particle.others.map((other) => ({
        core: [...before, ...other, ...after],
        joined: [
          ...joined.slice(0, i),
          // Single letters (`v.d.`) are tied as initials are (`J.P.`), which also finds `v d` and `vd`.
          ...other.map((_, j) => (j === 0 ? joined[i] : other.every((word) => word.length === 1))),
          ...joined.slice(i + particle.written.length),
        ],
      }));
    }
  }
  return [];
}

/** Whether any of these folded words may be a short form or the long form of one. */
const hasShortForm = (words: readonly string[]) =>
  words.some((word) => OTHER_FORM.has(word) || PARTICLE_STARTS.has(word));

/**
 * A folded name in every spelling of its short forms (`kon`, `v d`, `a d`) and their long ones, itself first: the
 * registry's search keeps them all, so that it finds a name however the short forms were written, as the flags do;
 * and a place written short is still the place (words/lexicon.ts). Unlike the compiler's spellings, no words need
 * remain beside them.
 */
export function shortFormSpellings(folded: string): string[] {
  const words = folded.split(' ');
  if (!hasShortForm(words)) return [folded];
  let spellings = [words];
  const other = otherWords(words);
  if (other) spellings.push(other);
  for (const particles of SHORT_PARTICLES) {
    spellings = spellings.flatMap((spelling) => {
      for (let i = 0; i < spelling.length; i++) {
        const particle = particleAt(particles, spelling, i);
        if (!particle) continue;
        const respelled = (other: string[]) => [
          ...spelling.slice(0, i),
          ...other,
          ...spelling.slice(i + particle.written.length),
        ];
        return [spelling, ...particle.others.map(respelled)];
      }
      return [spelling];
    });
  }
  return spellings.map((spelling) => spelling.join(' '));
}
