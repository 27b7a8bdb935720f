/**
 * The ways people write a registered name, and what each way needs around it to count. Lexicon-free: whether a
 * name is ambiguous is decided on the server (name-rules.ts) and travels with the watchlist entry, so that the
 * extension compiles the same matcher without the word lists.
 */
import { NEEDS_CAPITALS, NEEDS_FORM, NOT_A_PERSON } from './tables.ts';
import { isDistinctive, splitName, type NameParts } from './names.ts';
import { otherForms, shortParticleSpellings } from './short-forms.ts';
import { coordinatedCompounds, joinedCompounds } from './compounds.ts';
import { AND_WORD, FOLD, SEPARATOR, words } from './normalize.ts';
import { withIj } from './word-lookup.ts';

export interface NameCore {
  words: string[];
  joined: boolean[];
  forms: number;
  distinctive: number;
  /** Registered in capitals, 2 to 5 letters or digits: an acronym. */
  capitals: boolean;
}

/** Words a legal name may be written with or without, when at least two distinctive words remain. */
const OPTIONAL_WORDS: ReadonlySet<string> = new Set(['koninklijke', 'groep', 'group', 'holding', 'nederland']);
/** Capitals and digits, 2 to 5, as an acronym is written (`BAM`, `TBI`, `4U`). */
export const ACRONYM = /^(?=.*\p{Lu})[\p{Lu}\p{N}]{2,5}$/u;
const INNER_CAPITALS = /\p{Ll}\p{Lu}/u;
const INNER_CAPITALS_AT = /(\p{Ll})(?=\p{Lu})/gu;

/**
 * Dotted initials before a word (`J.P. van Eesteren`, `Aannemersbedrijf G. de Groot`), all of them: not the `B.`
 * of `B.V.`. A dotted legal form before a name (`B.V. Bouwbedrijf Jansen`) matches too, and leaving it out spells
 * the core as registered.
 */
const INITIALS = /(?<![\p{L}\p{N}'’.])(?:\p{Lu}\.\s*){1,4}(?=\p{L})(?!\p{Lu}\.)/gu;
/** `V.D.`: `van der` written short (see shortParticleSpellings), no initials. */
const SHORT_VAN_DER = /^V\.\s*D\.\s*$/i;

/**
 * The registered name's core first, then its other spellings: inner capitals split (`VolkerWessels` as
 * `Volker Wessels`), optional words left out (`Dura Vermeer Groep` as `Dura Vermeer`), `Koninklijke` as `Kon.`,
 * `Gebr.` as `Gebroeders` and `Zn.` as `Zonen`, a trade word written apart joined (`Installatie Techniek` as
 * `Installatietechniek`), one of two words joined to a trade word (`Bouw- en Aannemingsbedrijf` as
 * `Bouwbedrijf`), initials left out or as one word (`J.P.` as `JP`), `van der` as `v.d.`, `Henk's` as `Henks`,
 * `Werkspot.nl` as `Werkspot`, `Meyer` as `Meijer`.
 * Empty for a name that is only a legal form.
 */
export function nameCores(name: string): NameCore[] {
  const parts = splitName(name);
  if (isInitials(parts)) return initialsCores(parts);
  if (parts.distinctive === 0) return [];
  const registered: NameCore = {
    words: parts.core,
    joined: parts.joined,
    forms: parts.forms,
    distinctive: parts.distinctive,
    capitals: parts.core.length === 1 && isAcronym(name, parts.core[0]),
  };
  const cores = [registered];
  const seen = new Set([key(registered)]);
  const add = ({ core, joined }: { core: string[]; joined: boolean[] }) => {
    const spelling: NameCore = {
      words: core,
      joined,
      forms: parts.forms,
      distinctive: core.filter(isDistinctive).length,
      capitals: false,
    };
    if (spelling.distinctive === 0 || seen.has(key(spelling))) return;
    seen.add(key(spelling));
    cores.push(spelling);
  };
  // Optional words left out only where two distinctive words remain, counting those that inner capitals
  // separate (`DakTotaal Nederland` as `Daktotaal`); then each spelling with a hyphen where the capitals meet,
  // so that the text may write them apart, joined or as one word. Most names have neither: one split each.
  const hasOptional = parts.core.some((word) => OPTIONAL_WORDS.has(word));
  const hasInnerCapitals = INNER_CAPITALS.test(name);
  if (hasOptional || hasInnerCapitals) {
    for (const [i, spelling] of [name, ...(hasOptional ? withoutOptionalWords(name) : [])].entries()) {
      const split = hasInnerCapitals ? splitName(spelling.replace(INNER_CAPITALS_AT, '$1-')) : undefined;
      const whole = i > 0 ? splitName(spelling) : undefined;
      if (i > 0 && (split ?? whole!).distinctive < 2) continue;
      if (whole) add(whole);
      if (split && split.distinctive >= 2) add(split);
    }
  }
  // A firm named after its founder is written without the founder's initials (`A. de Wit Installaties` as
  // `De Wit Installaties`), while two distinctive words remain: `Van Eesteren` alone is a person.
  const withoutInitials = name.replace(INITIALS, (run) => (SHORT_VAN_DER.test(run) ? run : ''));
  if (withoutInitials !== name) {
    const spelling = splitName(withoutInitials);
    if (spelling.distinctive >= 2) add(spelling);
  }
  // Initials as one word (`J.P. van Eesteren` as `JP van Eesteren`) only beside another distinctive word: alone
  // they would be an acronym that no capitals were asked of.
  const together = initialsTogether(parts.core, parts.joined);
  if (together && together.core.filter(isDistinctive).length >= 2) add(together);
  for (const core of [...cores]) {
    const compounds = joinedCompounds(core.words, core.joined, isDistinctive);
    if (compounds) add(compounds);
    for (const spelling of coordinatedCompounds(core.words, core.joined, isDistinctive)) add(spelling);
  }
  for (const core of [...cores]) {
    const other = otherForms(core);
    if (other) add(other);
  }
  for (const core of [...cores]) for (const spelling of shortParticleSpellings(core)) add(spelling);
  // The compiler asks this of every name, and most have no apostrophe, dot or `y`: the name as typed says whether
  // to look at its spellings (measured: 30-50 ms of the first build of 10,000 suppliers otherwise).
  if (MAY_HAVE_ENDINGS.test(name)) {
    for (const core of [...cores]) {
      const other = withoutApostrophe(core) ?? withoutDomainEnding(core);
      if (other) add(other);
    }
  }
  // The scan reads a `y` in a text as `ij` too (word-lookup.ts), so one spelling with `ij` finds both. Not in an
  // acronym (`BYD`): its letters spell nothing.
  if (MAY_HAVE_Y.test(name)) {
    for (const core of [...cores]) {
      if (!core.capitals && core.words.some((word) => word.includes('y')))
        add({ core: core.words.map(withIj), joined: core.joined });
    }
  }
  return cores;
}

/** What a name must hold to have a possessive `'s` or a web address's ending (`Henk's`, `Werkspot.nl`). */
const MAY_HAVE_ENDINGS = /['’`´.]/;
/** What a name must hold to fold to a `y`. */
const MAY_HAVE_Y = /[yýÿŷ]/i;

/** Endings of web addresses that shops and platforms carry in their names (`Werkspot.nl`, `Bol.com`). */
const DOMAIN_ENDINGS: ReadonlySet<string> = new Set(['nl', 'com', 'eu', 'be', 'net', 'org']);

/**
 * A brand registered with its web address's ending, as the brand alone (`Werkspot.nl B.V.` as `Werkspot`), judged
 * as any name of its words is: `Bol.com` as `Bol` is a word, and needs its legal form.
 */
function withoutDomainEnding({ words, joined }: NameCore): { core: string[]; joined: boolean[] } | null {
  const last = words.length - 1;
  if (last < 1 || !joined[last] || !DOMAIN_ENDINGS.has(words[last])) return null;
  return { core: words.slice(0, last), joined: joined.slice(0, last) };
}

/**
 * A trade name after its owner's first name as registered with the possessive `'s`, also written without it, as
 * Dutch spelling asks (`Henk's Klusbedrijf` as `Henks Klusbedrijf`). The apostrophe splits the word in two
 * (`henk s`); in `'s-Hertogenbosch` the `s` is tied to the word after it and no possessive. The other way round
 * is the scan's (word-lookup.ts): most Dutch surnames end in an `s` (`Willems Bouw`), and spelling each with an
 * apostrophe here would cost the compiler a tenth more names.
 */
function withoutApostrophe({ words, joined }: NameCore): { core: string[]; joined: boolean[] } | null {
  const i = words.indexOf('s');
  if (i < 1 || joined[i + 1] || !isDistinctive(words[i - 1])) return null;
  return {
    core: [...words.slice(0, i - 1), `${words[i - 1]}s`, ...words.slice(i + 1)],
    joined: [...joined.slice(0, i), ...joined.slice(i + 1)],
  };
}

/** Initials alone: single letters, each tied to the one before by a dot (`M.V.T. B.V.`) or by `&` (`T&T B.V.`). */
const isInitials = ({ core, joined }: NameParts) =>
  core.length >= 2 &&
  core.every((word, i) =>
    word === AND_WORD
      ? core[i - 1]?.length === 1 && core[i + 1]?.length === 1
      : word.length === 1 && (i === 0 || joined[i] || core[i - 1] === AND_WORD),
  );

/**
 * A name of initials alone is an acronym, found in capitals (`T&T`); dotted, with its dots or without (`M.V.T.`,
 * `MVT`). Its letters count as one distinctive word, though each may be a legal-form word or a particle (`V`, `T`).
 */
function initialsCores({ core, joined, forms }: NameParts): NameCore[] {
  const acronym = { forms, distinctive: 1, capitals: true };
  const together = initialsTogether(core, joined);
  return [
    { words: core, joined, ...acronym },
    ...(together ? [{ words: together.core, joined: together.joined, ...acronym }] : []),
  ];
}

/** The folded text by which a core's ambiguity is known (see name-rules.ts). */
export const coreText = (core: NameCore) => core.words.join(' ');

/** What the core needs to count (NEEDS_FORM, NEEDS_CAPITALS, NOT_A_PERSON), given whether it is ambiguous. */
export function coreRule(core: NameCore, ambiguous: boolean): number {
  if (core.capitals) return NEEDS_CAPITALS;
  let rule = ambiguous ? NEEDS_FORM : 0;
  if (core.distinctive === 1) rule |= NOT_A_PERSON;
  return rule;
}

/** The core with its initials (single letters joined by dots: `J.P.`, `H.B.S.`) as one word; null without any. */
function initialsTogether(words: string[], joined: boolean[]): { core: string[]; joined: boolean[] } | null {
  const core: string[] = [];
  const tied: boolean[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i > 0 && joined[i] && words[i].length === 1 && words[i - 1].length === 1) core[core.length - 1] += words[i];
    else {
      core.push(words[i]);
      tied.push(joined[i]);
    }
  }
  return core.length < words.length ? { core, joined: tied } : null;
}

/** `name` with each non-empty set of its optional words left out, as written otherwise. */
function withoutOptionalWords(name: string): string[] {
  const pieces = name.split(/(\s+)/);
  const optional = pieces.flatMap((piece, i) => (OPTIONAL_WORDS.has(words(piece).join(' ')) ? [i] : []));
  const spellings: string[] = [];
  for (let leftOut = 1; leftOut < 1 << optional.length; leftOut++) {
    const out = new Set(optional.filter((_, bit) => leftOut & (1 << bit)));
    spellings.push(pieces.filter((_, i) => !out.has(i)).join(''));
  }
  return spellings;
}

function key(core: NameCore): string {
  return `${core.words.join(' ')}|${core.joined.join()}`;
}

/** Whether the word of `name` that folds to `folded` is written in capitals. */
function isAcronym(name: string, folded: string): boolean {
  return rawWords(name).some((raw) => ACRONYM.test(raw) && words(raw)[0] === folded);
}

/** The words of a text as written: runs of units that do not fold to a separator. */
function rawWords(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && FOLD[text.charCodeAt(i)] !== SEPARATOR;
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      found.push(text.slice(start, i));
      start = -1;
    }
  }
  return found;
}
