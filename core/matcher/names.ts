/**
 * What a supplier's name is made of: the words that tell firms apart, and the legal forms written around them
 * (`B.V.`, `Stichting`, `& Zn.`), which the matcher treats as optional. Only the compiler needs this; tabs get
 * its results in the compiled matcher.
 */
import { AFTER, BEFORE, LEGAL_FORMS, NAME_PARTICLES } from './legal-forms.ts';
import { tokenize, words } from './normalize.ts';

export interface LegalFormSpelling {
  words: string[];
  /** `1 << index` of its form in LEGAL_FORMS, so a set of forms is a bit mask. */
  bit: number;
  placement: number;
}

/** Every spelling of every legal form, folded, longest first so that stripping prefers `B.V.` over nothing. */
export const LEGAL_FORM_SPELLINGS: readonly LegalFormSpelling[] = LEGAL_FORMS.flatMap((form, index) =>
  [...form.spellings, ...(form.common ?? [])].map((spelling) => ({
    words: words(spelling),
    bit: 1 << index,
    placement: form.placement,
  })),
).sort((a, b) => b.words.length - a.words.length);

export const FORM_WORDS: ReadonlySet<string> = new Set(LEGAL_FORM_SPELLINGS.flatMap((spelling) => spelling.words));

/** A word that tells firms apart: not a surname particle, `en` or a legal-form word. */
export const isDistinctive = (word: string) => !NAME_PARTICLES.has(word) && !FORM_WORDS.has(word);

export interface NameParts {
  /** The folded words of the name without legal forms at either end. */
  core: string[];
  /** Per core word: whether the name ties it to the word before with a hyphen (`Midden-Delfland`). */
  joined: boolean[];
  /** The legal forms that were stripped, as a mask of LegalFormSpelling bits. */
  forms: number;
  /** How many core words tell firms apart: not a surname particle, `en` or a legal-form word. */
  distinctive: number;
}

/** `Stukadoorsbedrijf van Dam & Zn. B.V.` -> core `stukadoorsbedrijf van dam`, forms `& Zn.` and `B.V.`. */
export function splitName(name: string): NameParts {
  const { words: all, joined } = tokenize(name);
  let start = 0;
  let end = all.length;
  let forms = 0;
  for (let stripped = true; stripped;) {
    stripped = false;
    if (!FORM_WORDS.has(all[end - 1]) && !FORM_WORDS.has(all[start])) break;
    for (const spelling of LEGAL_FORM_SPELLINGS) {
      const n = spelling.words.length;
      // Most spellings end and begin with another word: rule them out before comparing word by word.
      if (end - start <= n || (spelling.words[n - 1] !== all[end - 1] && spelling.words[0] !== all[start])) continue;
      // A form of one word only where it stands in a name: `CV Service` is central heating, not a commanditaire
      // vennootschap. Written out or with dots it is one wherever it stands (`N.V. Nederlandse Gasunie`).
      const anywhere = n > 1;
      if ((anywhere || spelling.placement & AFTER) && spelling.words.every((word, i) => all[end - n + i] === word)) {
        end -= n;
      } else if (
        (anywhere || spelling.placement & BEFORE) &&
        spelling.words.every((word, i) => all[start + i] === word)
      ) {
        start += n;
      } else continue;
      forms |= spelling.bit;
      stripped = true;
      break;
    }
  }
  const core = all.slice(start, end);
  // A name of particles alone (`De Bij V.O.F.`) still names a firm: one distinctive word, its last, judged as any
  // one-word name is (name-rules.ts).
  const distinctive =
    core.filter((word) => !NAME_PARTICLES.has(word) && !FORM_WORDS.has(word)).length ||
    Number(core.some((word) => NAME_PARTICLES.has(word) && !FORM_WORDS.has(word)));
  return { core, joined: joined.slice(start, end), forms, distinctive };
}
