/**
 * From matcher offsets back to the page: each match in a chunk's joined text becomes a span over the text nodes it
 * covers. Not a live Range, which the browser updates on every DOM change and would slow down pages (webmail)
 * that hold thousands of flags and re-render all the time; nor a StaticRange, each of whose fields is a call into
 * the browser to read, four per flag every time it is measured.
 */
import type { Mention } from '../../../core/types.ts';
import type { TextChunk } from '../page/collect.ts';

/** A flag's text, with the fields of a StaticRange. */
export interface TextSpan {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

export interface FoundRange {
  match: Mention;
  range: TextSpan;
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

/**
 * The ranges of `matches` (offsets into `chunk.text`). No match spans two runs: collectText joins runs with the
 * matcher's paragraph separator, which no name crosses.
 */
export function buildRanges(chunk: TextChunk, matches: Mention[]): FoundRange[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const found: FoundRange[] = [];
  let cursor = 0;
  for (const match of sorted) {
    if (match.end <= match.start) continue;
    cursor = nodeAt(chunk, match.start, cursor);
    const first = cursor;
    const last = nodeAt(chunk, match.end - 1, first);
    const startNode = chunk.nodes[first];
    const endNode = chunk.nodes[last];
    const startOffset = match.start - chunk.starts[first];
    const endOffset = match.end - chunk.starts[last];
    // Offsets in the breaks put between nodes belong to no node.
    if (match.start >= chunk.ends[first] || match.end > chunk.ends[last]) continue;
    found.push({
      match,
      nodes: first === last ? [startNode] : chunk.nodes.slice(first, last + 1),
      range: { startContainer: startNode, startOffset, endContainer: endNode, endOffset },
    });
  }
  return found;
}

/**
 * A live copy of a flag's range, for its rectangles; null when the page changed the text under it. `range`, when
 * given, is moved there instead of making a new one.
 */
export function liveRange(doc: Document, found: { range: TextSpan }, range = doc.createRange()): Range | null {
  try {
    range.setStart(found.range.startContainer, found.range.startOffset);
    range.setEnd(found.range.endContainer, found.range.endOffset);
    return range;
  } catch {
    return null;
  }
}
