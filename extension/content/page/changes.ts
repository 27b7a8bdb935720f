/**
 * What to scan again after the page changed: as little as possible. An added block (a table row, a message) is
 * scanned on its own; changed inline text is scanned with the inline siblings it reads with, so a name edited in
 * the middle of `<b>Bouwbedrijf</b> Jansen B.V.` is still seen whole; the rest of the page is left alone.
 */
import { isBlankText, isInline, isSkipped } from './elements.ts';
import { isOverlayHost } from '../overlay.ts';

/** The adjacent siblings that read as one stretch of text with `node` (itself an inline node or text). */
export function inlineRun(node: Node): Node[] {
  let top = node;
  while (top.parentNode && top.parentNode.nodeType === Node.ELEMENT_NODE && isInline(top.parentNode)) {
    top = top.parentNode;
  }
  const run = [top];
  for (let n = top.previousSibling; n && isInline(n); n = n.previousSibling) run.unshift(n);
  for (let n = top.nextSibling; n && isInline(n); n = n.nextSibling) run.push(n);
  return run;
}

/** Inside a script, style, form field or the extension's own card: never scanned, so changes there do not count. */
function inSkipped(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === Node.ELEMENT_NODE && isSkipped(n as Element)) return true;
  }
  return false;
}

/** Added nodes that change what reads on the page: not whitespace alone, nor our overlay. */
function readsAsText(node: Node): boolean {
  return !isBlankText(node) && !isOverlayHost(node);
}

export interface Changes {
  /** Roots to collect again (an array is an inline run, see collectText). */
  roots: Array<Node | Node[]>;
  /** Something was removed: flags on text that left the page must go. */
  removed: boolean;
}

export function changedRoots(records: MutationRecord[]): Changes {
  const roots: Array<Node | Node[]> = [];
  const seen = new Set<Node>();
  let removed = false;
  const addRun = (node: Node) => {
    const run = inlineRun(node);
    if (!seen.has(run[0])) {
      seen.add(run[0]);
      roots.push(run);
    }
  };
  const addNode = (node: Node) => {
    if (!node.isConnected || seen.has(node)) return;
    if (isInline(node)) addRun(node);
    else {
      seen.add(node);
      roots.push(node);
    }
  };

  for (const record of records) {
    const target = record.target;
    if (!target.isConnected || inSkipped(target)) continue;
    if (record.type === 'characterData') {
      addNode(target);
      continue;
    }
    const inlineTarget = isInline(target);
    const added = [...record.addedNodes].filter(readsAsText);
    const lost = [...record.removedNodes].some((node) => !isOverlayHost(node));
    if (lost) removed = true;
    // Inside an inline element, its whole run reads anew, once however many nodes came or went.
    if (inlineTarget && (lost || added.length)) addRun(target);
    else if (lost) {
      // What stays around the removal may now read differently ("Jansen" lost its "B.V.").
      const neighbour = record.previousSibling ?? record.nextSibling;
      if (neighbour?.isConnected && isInline(neighbour)) addRun(neighbour);
    }
    if (!inlineTarget) added.forEach(addNode);
  }
  // A root inside another root would be scanned twice; such nesting is rare, so drop it only when cheap to check.
  if (roots.length < 64) {
    const blocks = roots.filter((r): r is Node => !Array.isArray(r));
    return {
      removed,
      roots: roots.filter((r) => {
        const first = Array.isArray(r) ? r[0] : r;
        return !blocks.some((b) => b !== first && b.contains(first));
      }),
    };
  }
  return { roots, removed };
}
