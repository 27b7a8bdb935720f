/**
 * Words that show a person, not a firm, when they stand right before a name: titles and forms of address, and
 * first names (`dhr. Smits`, `de heer Van Wijnen`, `Anne Bakker`). Small: the compiled matcher carries them as
 * hashes, checked only where a name of one distinctive word completes.
 */
import { FIRST_NAMES as LISTED_FIRST_NAMES, TITLES as LISTED_TITLES } from './person-words.generated.ts';

/** The titles the name list has (Dr., Ir., Dhr., ...) and the forms of address Dutch puts before a surname. */
export const TITLES: readonly string[] = [
  ...new Set([
    ...LISTED_TITLES,
    'heer',
    'mevrouw',
    'meneer',
    'mevr',
    'mw',
    'mvr',
    'dhr',
    'hr',
    'mr',
    'mrs',
    'ms',
    'ing',
    'ds',
    'mej',
    'juffrouw',
    'mejuffrouw',
    'prof',
    'dr',
    'drs',
    'ir',
    'bc',
    'msc',
    'bsc',
    'fam',
    'familie',
  ]),
].sort();

export const FIRST_NAMES: readonly string[] = LISTED_FIRST_NAMES;
