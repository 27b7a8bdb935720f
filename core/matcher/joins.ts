/**
 * Where a name is tied to the words around it by a hyphen, dot, `@` or `_`: such a name is part of another name, a
 * host name or an address, unless the tie makes a compound noun of it (`KPN-storing`).
 */
import { foldAt, unitAt } from './identifiers.ts';
import { isHyphen, isJoiner, SEPARATOR } from './normalize.ts';
import { isWrittenInCapitals } from './person.ts';

/** Whether the word at `start` is tied by a hyphen, dot, `@` or `_` to the word before it. */
export function joinedBefore(text: string, start: number): boolean {
  return isJoiner(unitAt(text, start - 1)) && foldAt(text, start - 2) !== 0;
}

/**
 * Whether a hyphen ties the word at `start` to an abbreviation: two letters or digits at most (`cv-ketel`), or up to
 * five in capitals (`KPN-Netwerk`). A double surname (`Brinkman-Visser`) is neither.
 */
export function afterAbbreviation(text: string, start: number): boolean {
  if (!isHyphen(unitAt(text, start - 1))) return false;
  let from = start - 1;
  while (from > 0 && foldAt(text, from - 1) !== SEPARATOR) from--;
  const length = start - 1 - from;
  return length <= 2 || (length <= 5 && isWrittenInCapitals(text, from, start - 1));
}

/**
 * Whether the word ending at `end` is tied to the word after it. A hyphen before a lower-case word that ends there
 * makes a compound noun of the name, which still mentions it (`KPN-storing`, `Stedin-monteur`); before a capital
 * it makes another name (`Jansen-Visser`, `Stedin-Noord`), and so does a compound that goes on as a host name or
 * an address (`stedin-storingen.nl`).
 */
export function joinedAfter(text: string, end: number): boolean {
  return tiedOn(text, end) && !(isHyphen(unitAt(text, end)) && isCompoundTail(text, end + 1));
}

const tiedOn = (text: string, at: number) => isJoiner(unitAt(text, at)) && foldAt(text, at + 1) !== SEPARATOR;

function isCompoundTail(text: string, start: number): boolean {
  if (text[start] === text[start].toUpperCase()) return false;
  let end = start;
  while (foldAt(text, end) !== SEPARATOR) end++;
  return !tiedOn(text, end);
}
