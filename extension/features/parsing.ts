/**
 * Flags while the browser still parses a long page. The parser only ever adds to the chain of last children (the
 * elements still open); everything before that chain in document order is complete. The frontier hands out the
 * complete parts as they come, so that when the page is parsed (DOMContentLoaded) only the last stretch is left
 * to scan. Until then the document as a whole is not observed: the parser's own additions would make a mutation
 * record per node. Only the parts handed out are, for what the page's scripts change in them.
 */
import { changedRoots, type Changes } from './changes';
import { isInline } from './collect';

/** The next node after `node` and its subtree, in document order. */
function following(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

/** The node the parser added last: where the open elements end. */
function lastNode(doc: Document): Node | null {
  let node: Node | null = doc.documentElement;
  while (node?.lastChild) node = node.lastChild;
  return node;
}

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class ParseFrontier {
  /** The last node handed out: it, its subtree and everything before it (but its ancestors) have been. */
  private last: Node | null = null;
  private changed: MutationRecord[] = [];
  private readonly observer = new MutationObserver((records) => this.changed.push(...records));

  constructor(private readonly doc: Document) {}

  /**
   * What to scan now: the complete parts not handed out yet (with `parsed`, everything left) and what changed in
   * those handed out before. A stretch of inline siblings reads as one text, so it waits until nothing more can
   * join it.
   */
  advance(parsed: boolean): Changes {
    const changes = changedRoots(this.changed.concat(this.observer.takeRecords()));
    this.changed = [];
    if (parsed) {
      this.observer.disconnect();
      changes.roots.push(...this.rest());
      return changes;
    }
    const open = lastNode(this.doc);
    const isOpen = (node: Node) => open !== null && (node === open || node.contains(open));
    const handOut = (root: Node | Node[]) => {
      changes.roots.push(root);
      for (const node of Array.isArray(root) ? root : [root]) this.observer.observe(node, OBSERVED);
      this.last = Array.isArray(root) ? root[root.length - 1] : root;
    };
    let node = this.last ? following(this.last) : this.doc.documentElement;
    while (node) {
      if (isOpen(node)) {
        if (node === open || isInline(node)) break;
        node = node.firstChild;
      } else if (!isInline(node)) {
        handOut(node);
        node = following(node);
      } else {
        const run: Node[] = [];
        let next: Node | null = node;
        for (; next && isInline(next) && !isOpen(next); next = next.nextSibling) run.push(next);
        // Ends at an open inline node (a name may go on in it): wait for it. Otherwise the run is complete.
        if (next && isInline(next)) break;
        handOut(run);
        node = following(this.last!);
      }
    }
    return changes;
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
      if (after.length) groups.push(after);
    }
    this.last = lastNode(this.doc);
    return groups;
  }
}
