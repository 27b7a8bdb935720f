/**
 * From matcher offsets back to the page: each match in a chunk's joined text becomes a StaticRange over the text
 * nodes it covers. StaticRange rather than Range because live ranges are updated by the browser on every DOM
 * change, which would slow down pages (webmail) that hold thousands of flags and re-render all the time.
 */
import type { Match } from '../../core/types';
import type { TextChunk } from './collect';

export interface FoundRange {
  match: Match;
  range: StaticRange;
  /** Every text node the range touches, first to last. */
  nodes: Text[];
}

/** Index of the last node whose text starts at or before `offset`, searching forward from `from`. */
function nodeAt(chunk: TextChunk, offset: number, from: number): number {
  let lo = from;
  let hi = chunk.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunk.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The ranges of `matches`, and apart from them the matches that run from one run into the next. */
export function buildRanges(chunk: TextChunk, matches: Match[]): { found: FoundRange[]; crossing: Match[] } {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const found: FoundRange[] = [];
  const crossing: Match[] = [];
  let cursor = 0;
  for (const match of sorted) {
    if (match.end <= match.start) continue;
    cursor = nodeAt(chunk, match.start, cursor);
    const first = cursor;
    const last = nodeAt(chunk, match.end - 1, first);
    if (chunk.runs[first] !== chunk.runs[last]) {
      crossing.push(match);
      continue;
    }
    const startNode = chunk.nodes[first];
    const endNode = chunk.nodes[last];
    const startOffset = match.start - chunk.starts[first];
    const endOffset = match.end - chunk.starts[last];
    // Offsets in the breaks put between nodes belong to no node.
    if (startOffset >= startNode.length || endOffset > endNode.length) continue;
    found.push({
      match,
      nodes: first === last ? [startNode] : chunk.nodes.slice(first, last + 1),
      range: new StaticRange({ startContainer: startNode, startOffset, endContainer: endNode, endOffset }),
    });
  }
  return { found, crossing };
}

/**
 * The matches of `scan` in a chunk, as ranges. The matcher sees a table row as one text and may make a name of
 * the end of one cell and the start of the next; such a match is dropped, and each run it touched is scanned
 * again on its own, so that a real name inside one of them (which the longer match hid) is still found.
 */
export function findRanges(chunk: TextChunk, scan: (text: string) => Match[]): FoundRange[] {
  const { found, crossing } = buildRanges(chunk, scan(chunk.text));
  if (!crossing.length) return found;
  const seen = new Set(found.map((f) => `${f.match.start} ${f.match.end} ${f.match.id}`));
  const rescanned = new Set<number>();
  for (const match of crossing) {
    const from = nodeAt(chunk, match.start, 0);
    const to = nodeAt(chunk, match.end - 1, from);
    for (let i = from; i <= to; i++) {
      const run = chunk.runs[i];
      if (rescanned.has(run)) continue;
      rescanned.add(run);
      let first = i;
      while (first > 0 && chunk.runs[first - 1] === run) first--;
      let last = i;
      while (last + 1 < chunk.runs.length && chunk.runs[last + 1] === run) last++;
      const start = chunk.starts[first];
      const end = chunk.starts[last] + chunk.nodes[last].length;
      const inRun = scan(chunk.text.slice(start, end)).map((m) => ({ ...m, start: m.start + start, end: m.end + start }));
      for (const f of buildRanges(chunk, inRun).found) {
        const key = `${f.match.start} ${f.match.end} ${f.match.id}`;
        if (!seen.has(key)) found.push(f);
        seen.add(key);
      }
    }
  }
  return found;
}
