/**
 * The names a registered name holds. Managers paste names as the Chamber of Commerce or an ERP writes them:
 * `Jansen Holding B.V. h.o.d.n. Jansen Bouw` (a trade name), `Stichting Woningbouw Utrecht (SWU)` (an
 * abbreviation), `Breijer B.V. (voorheen Van Dijk Schilders)` (a former name), `Jansen Bouw (Noord) B.V.` (a
 * branch). Nobody writes them so in a letter or a mail, so each name in them is found on its own: the trade name,
 * the abbreviation, the former name, and the name with or without its branch.
 */

import { ACRONYM } from './name-variants.ts';

/** `h.o.d.n.`, `t.h.o.d.n.` and written out: "(tevens) handelend onder de naam"; `v/h` and `voorheen`. */
const MARKER = String.raw`(?:t\.?\s?)?h\.?\s?o\.?\s?d\.?\s?n\.?|(?:tevens\s+)?handelend\s+onder\s+(?:de\s+)?naam|v\/h|voorheen`;
/** Between two names. */
const ANOTHER_NAME = new RegExp(String.raw`\s+(?:${MARKER})\s+`, 'iu');
/** At the start of a part in brackets: the rest is another name. */
const ANOTHER_NAME_FIRST = new RegExp(String.raw`^(?:${MARKER})\s+`, 'iu');
const BRACKETS = /\s*\(([^()]*)\)/u;

/** A cheap first look: most names hold no other, and the compiler asks this of every name of every supplier. */
const MAY_HOLD_ANOTHER = /[(/]|h\.?\s?o\.?\s?d|handelend|voorheen/i;

/** The names in `name`, trimmed; none for a blank name. */
export function namesWithin(name: string): string[] {
  if (!MAY_HOLD_ANOTHER.test(name)) return name.trim() ? [name.trim()] : [];
  const names = new Set<string>();
  const add = (part: string) => {
    const tidy = part.replace(/\s+/g, ' ').trim();
    if (tidy) names.add(tidy);
  };
  for (const part of name.split(ANOTHER_NAME)) {
    const bracketed = BRACKETS.exec(part);
    if (!bracketed) {
      add(part);
      continue;
    }
    const inside = bracketed[1].trim();
    const without = part.replace(BRACKETS, '');
    const other = inside.replace(ANOTHER_NAME_FIRST, '');
    add(without);
    // An abbreviation, with or without dots (`SWU`, `S.W.U.`), or a name the words before it introduce.
    if (other !== inside || ACRONYM.test(inside.replace(/\./g, ''))) add(other);
    // A branch or region: the name is written with it as well as without.
    else add(part.replace(BRACKETS, ` ${inside}`));
  }
  return [...names];
}
