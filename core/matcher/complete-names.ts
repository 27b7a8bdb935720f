/**
 * Names whose words are all read, kept until the pass over a text ends: a legal form right after one may still
 * widen it (`Kuipers B.V.`), and a longer joined name may still hide the shorter ones inside it. Settling them
 * into matches happens once per text, after the pass, with the checks only complete names need.
 */
import { NAME, type AddMatch } from './identifiers.ts';
import { joinedAfter, joinedBefore } from './joins.ts';
import { isHyphen } from './normalize.ts';
import { isPersonAfter, isPersonBefore, isWrittenInCapitals } from './person.ts';
import { NEEDS_CAPITALS, NEEDS_FORM, NOT_A_PERSON, type Tables } from './tables.ts';

/** In place of legal forms: the name is joined by a hyphen (or dot, `@`, `_`) to a word before or after it. */
export const JOINED = -1;
const EXACT = 1;
const SUPERSET = 2;

/** Parallel arrays reused from text to text; `count` of them are in use. */
export interface CompleteNames {
  count: number;
  /** Where the match starts and ends, legal forms around the name included. */
  start: number[];
  end: number[];
  /** The trie node the name ends at, which lists the suppliers registered with it. */
  node: number[];
  /** The legal forms written around it, or JOINED. */
  forms: number[];
  /** The number of the name's last word in the text. */
  lastWord: number[];
  /** The name itself, without legal forms. */
  coreStart: number[];
  coreEnd: number[];
  /** Inside a longer joined name, so not a match of its own. */
  hidden: boolean[];
}

export const completeNames = (): CompleteNames => ({
  count: 0,
  start: [],
  end: [],
  node: [],
  forms: [],
  lastWord: [],
  coreStart: [],
  coreEnd: [],
  hidden: [],
});

/**
 * Turns complete names into matches, choosing among suppliers that share a name by the legal forms written,
 * and keeping each owner's rule: an ambiguous name only next to a legal form, an acronym only in capitals, a
 * one-word name never right after a title, initials or a first name, nor right before a comma and one. Those
 * text checks run only here, for the few names that complete, so the pass over the text pays nothing for them.
 */
export function settleNames(t: Tables, text: string, names: CompleteNames, add: AddMatch): void {
  pairJoined(t, text, names);
  for (let k = 0; k < names.count; k++) if (names.forms[k] === JOINED) hideInside(names, k);
  for (let k = 0; k < names.count; k++) {
    const node = names.node[k];
    const forms = names.forms[k];
    if (forms === JOINED || names.hidden[k]) continue;
    const from = t.ownerStart[node];
    const to = t.ownerStart[node + 1];
    const pick = to - from === 1 || forms === 0 ? 0 : chooseByForms(t, from, to, forms);
    let person = -1;
    for (let o = from; o < to; o++) {
      const registered = t.ownerForms[o];
      if (pick !== 0 && (pick === EXACT ? registered !== forms : (registered & forms) !== forms)) continue;
      const rule = t.ownerRule[o];
      if (rule !== 0) {
        if (rule & NEEDS_FORM && forms === 0) continue;
        if (rule & NEEDS_CAPITALS && !isWrittenInCapitals(text, names.coreStart[k], names.coreEnd[k])) continue;
        if (rule & NOT_A_PERSON) {
          if (person < 0)
            person = isPersonBefore(t, text, names.coreStart[k]) || isPersonAfter(t, text, names.coreEnd[k]) ? 1 : 0;
          if (person === 1) continue;
        }
      }
      add(names.start[k], names.end[k], t.ownerSupplier[o], NAME);
    }
  }
}

/**
 * Two registered names joined by a hyphen name a combination of both firms, as tenders write joint ventures
 * (`Combinatie Heijmans-BAM`, `Dura Vermeer-Heijmans`): each is a name again, without legal forms. Only a whole
 * chain of registered names: one tied on to another word stays part of another name (`Stedin-Noord`, the host
 * `www.heijmans-bam.nl`), and so does the chain after a title, initials or a first name (`mevrouw Smits-Heijmans`
 * is a double surname).
 */
function pairJoined(t: Tables, text: string, names: CompleteNames): void {
  let starts: Map<number, number[]> | undefined;
  const ends = new Set<number>();
  for (let k = 0; k < names.count; k++) {
    if (names.forms[k] !== JOINED) continue;
    starts ??= new Map();
    const at = starts.get(names.coreStart[k]);
    if (at) at.push(k);
    else starts.set(names.coreStart[k], [k]);
    ends.add(names.coreEnd[k]);
  }
  if (!starts) return;
  /** Where the longest of names starting at one place ends. */
  const endOf = (list: number[]) => Math.max(...list.map((k) => names.coreEnd[k]));
  /** The names that go on from `end` across a hyphen. */
  const next = (end: number) => (isHyphen(text.charCodeAt(end)) ? starts!.get(end + 1) : undefined);
  for (const [start, first] of starts) {
    // A chain starts where no joined name ends right before it.
    if (isHyphen(text.charCodeAt(start - 1)) && ends.has(start - 1)) continue;
    const chain = [...first];
    let end = endOf(first);
    for (let on = next(end); on; on = next(end)) {
      chain.push(...on);
      end = endOf(on);
    }
    const whole = chain.length > first.length && !joinedBefore(text, start) && !joinedAfter(text, end);
    if (whole && !isPersonBefore(t, text, start)) for (const k of chain) names.forms[k] = 0;
  }
}

/**
 * Hides the shorter names inside joined name `j`: in `DakWerk Plus Krimpen Westland-Visser` the registered
 * DakWerk Plus Krimpen Westland is another firm, and so is DakWerk Plus Krimpen. Names are recorded in the
 * order their last word was read, so those inside `j` sit just before it (or after it, on the same word).
 */
function hideInside(names: CompleteNames, j: number): void {
  const start = names.start[j];
  const length = names.end[j] - start;
  const hide = (k: number) => {
    if (names.start[k] >= start && names.end[k] - names.start[k] < length) names.hidden[k] = true;
  };
  for (let k = j - 1; k >= 0 && names.coreEnd[k] > start; k--) hide(k);
  for (let k = j + 1; k < names.count && names.coreEnd[k] === names.coreEnd[j]; k++) hide(k);
}

/** Owners registered with exactly the forms written, else with at least them, else all (0). */
function chooseByForms(t: Tables, from: number, to: number, forms: number): number {
  let superset = false;
  for (let o = from; o < to; o++) {
    if (t.ownerForms[o] === forms) return EXACT;
    if ((t.ownerForms[o] & forms) === forms) superset = true;
  }
  return superset ? SUPERSET : 0;
}
