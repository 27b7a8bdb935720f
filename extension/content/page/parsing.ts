/**
 * Flags while the browser still parses a long page. The parser only ever adds to the chain of last children (the
 * elements still open); everything before that chain in document order is complete. The frontier hands out the
 * complete parts as they come, so that when the page is parsed (DOMContentLoaded) only the last stretch is left
 * to scan. Until then the document as a whole is not observed: the parser's own additions would make a mutation
 * record per node. Only the parts handed out are (`observe`), for what the page's scripts change in them.
 */
import { isBlankText, isInline } from './elements.ts';

/** The next node after `node` and its subtree, in document order. */
function following(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

/**
 * The nodes of a group worth handing out. Blank text reads as nothing (the walk would drop it) and is half the
 * nodes of a table's markup, each a root of its own to collect. So it is neither scanned nor observed: a script
 * that writes into such a node while the page is still coming in goes unseen (once it is parsed, the whole
 * document is observed).
 */
function readable(group: Node[]): Node[] {
  return group.filter((node) => !isBlankText(node));
}

/** The node the parser added last: where the open elements end. */
function lastNode(doc: Document): Node | null {
  let node: Node | null = doc.documentElement;
  while (node?.lastChild) node = node.lastChild;
  return node;
}

export class ParseFrontier {
  /** The last node handed out: it, its subtree and everything before it (but its ancestors) have been. */
  private last: Node | null = null;

  constructor(
    private readonly doc: Document,
    private readonly observe: (node: Node) => void,
  ) {}

  /**
   * What to scan now: the complete parts not handed out yet (with `parsed`, everything left). Complete siblings
   * go out as one group, one root to collect (a block in it starts a new stretch of text as it would anyway);
   * inline nodes at its end wait while the parser is in an inline node after them, which they may read on into.
   */
  advance(parsed: boolean): Node[][] {
    if (parsed) return this.rest();
    const groups: Node[][] = [];
    const open = lastNode(this.doc);
    let group: Node[] = [];
    const handOut = () => {
      if (!group.length) return;
      this.last = group[group.length - 1];
      const parts = readable(group);
      for (const node of parts) this.observe(node);
      if (parts.length) groups.push(parts);
      group = [];
    };
    let node = this.last ? following(this.last) : this.doc.documentElement;
    while (node) {
      // Read once: every read of a node's property is a call into the browser, and this loop visits every node.
      const next: Node | null = node.nextSibling;
      // The open elements are each the last child of the one before: a node with a next sibling is complete.
      if (open && !next && (node === open || node.contains(open))) {
        if (isInline(node)) {
          // The parser is in an inline node: the inline nodes before it may read on into it, so they wait.
          let keep = group.length;
          while (keep > 0 && isInline(group[keep - 1])) keep--;
          group.length = keep;
        }
        handOut();
        if (node === open || isInline(node)) break;
        node = node.firstChild;
      } else {
        group.push(node);
        if (next) node = next;
        else {
          handOut();
          node = following(node);
        }
      }
    }
    return groups;
  }

  /**
   * Everything not handed out once the page is parsed: for the last part and each of its ancestors, the siblings
   * after it, as one group that reads in order (a group starts a new stretch, and so does each block in it).
   */
  private rest(): Node[][] {
    const groups: Node[][] = [];
    if (!this.last && this.doc.documentElement) groups.push([this.doc.documentElement]);
    for (let node: Node | null = this.last; node; node = node.parentNode) {
      const after: Node[] = [];
      for (let next = node.nextSibling; next; next = next.nextSibling) after.push(next);
      const parts = readable(after);
      if (parts.length) groups.push(parts);
    }
    this.last = lastNode(this.doc);
    return groups;
  }
}

/** Resolves once the document is parsed: DOMContentLoaded, which comes at or before WXT's document_idle. */
export function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
