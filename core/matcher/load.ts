/**
 * The matcher where texts are (every browser tab): it loads the compiled form and scans. A module apart from the
 * compiler, so that a tab loads none of the compiler's code.
 */
import { MATCH_KINDS } from './identifiers.ts';
import { Scanner, type Found } from './scan.ts';
import { buildTables, type CompiledMatcher } from './tables.ts';
import type { Match, Mention } from '../types.ts';

export interface Matcher<M extends Mention = Match> {
  /**
   * Mentions in text order; where two overlap only the longer one is kept. Offsets are UTF-16 units. Line
   * breaks are whitespace like any other, but no name runs across PARAGRAPH_SEPARATOR (U+2029): put it between
   * stretches of text that must not make one name together, such as two table cells.
   */
  scan(text: string): M[];
}

/** A matcher that names each supplier by its position in the watchlist the compiled form was made from. */
export function loadMatcher(compiled: CompiledMatcher): Matcher<Mention> {
  const scanner = new Scanner(buildTables(compiled));
  return {
    scan(text: string): Mention[] {
      scanner.scan(text);
      return settleOverlaps(scanner.found).map((i) => ({
        supplier: scanner.found.supplier[i],
        start: scanner.found.start[i],
        end: scanner.found.end[i],
        kind: MATCH_KINDS[scanner.found.kind[i]],
      }));
    },
  };
}

/**
 * Indexes of the matches to keep, in text order. Longest first, each match is kept unless it overlaps one kept
 * already; matches with the very same span stay side by side when they are different suppliers (two firms
 * registered under one name) and merge when they are the same supplier. Kept matches never overlap, so they
 * are sorted by start and by end at once, and a binary search finds the one a new match could overlap.
 */
function settleOverlaps(found: Found): number[] {
  const { start, end, supplier } = found;
  // Most texts hold only matches that neither overlap nor come out of order: nothing to settle, no sort.
  let ordered = true;
  for (let i = 1; i < found.count && ordered; i++) ordered = start[i] >= end[i - 1];
  if (ordered) return Array.from({ length: found.count }, (_, i) => i);
  const byLength = Array.from({ length: found.count }, (_, i) => i).sort(
    (a, b) => end[b] - start[b] - (end[a] - start[a]) || start[a] - start[b] || supplier[a] - supplier[b],
  );
  const kept: number[] = [];
  for (const match of byLength) {
    let at = firstEndingAfter(kept, end, start[match]);
    let clash = false;
    for (; at < kept.length && start[kept[at]] < end[match]; at++) {
      const other = kept[at];
      clash = start[other] !== start[match] || end[other] !== end[match] || supplier[other] === supplier[match];
      if (clash) break;
    }
    if (!clash) kept.splice(at, 0, match);
  }
  return kept;
}

function firstEndingAfter(kept: number[], end: number[], offset: number): number {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (end[kept[middle]] <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
