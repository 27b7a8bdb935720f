/**
 * Text collection: walks a part of the DOM (open shadow roots included) with a TreeWalker and joins its text
 * nodes into one string, so that a name split over inline elements (`<b>Bouwbedrijf</b> Jansen B.V.`) is one
 * stretch of text. Block-level elements start a new "run": a match must not span two runs, or two table cells
 * would make one name. Scripts, styles and form-field values are skipped; contenteditable text is not.
 */

/** Elements whose content is not text the reader sees on the page (or, for frames, is another document). */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'iframe', 'frame',
  'object', 'embed', 'canvas', 'video', 'audio', 'svg', 'math', 'head', 'title',
]);

/** Elements laid out inline by default: text around them reads as one line. Everything else separates runs. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'img', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

/** The host element of the extension's own card, which is never scanned. */
export const CARD_TAG = 'zuiver-card';

/** Put between runs in the joined text, so that even a matcher without run checks sees a line break there. */
const SEPARATOR = '\n';

export interface TextChunk {
  text: string;
  nodes: Text[];
  /** Offset in `text` of each node's first character. */
  starts: number[];
  /** Run number of each node: two nodes are one stretch of text only when their runs are equal. */
  runs: number[];
}

export function isSkipped(el: Element): boolean {
  return SKIPPED.has(el.localName) || el.localName === CARD_TAG;
}

/** Text, comments and inline elements: what continues a stretch of text rather than ending it. */
export function isInline(node: Node): boolean {
  const type = node.nodeType;
  return type === Node.TEXT_NODE || type === Node.COMMENT_NODE || (type === Node.ELEMENT_NODE && INLINE.has((node as Element).localName));
}

/**
 * Collects the text under `roots` in chunks of about `maxChars` characters, ending each chunk between runs so
 * that a match never straddles two chunks. A generator, so the caller can yield to the page between chunks.
 * A root given as an array is a group of adjacent siblings that reads as one stretch (the inline run around a
 * change). Every open shadow root met is walked after its host's tree and passed to `onShadowRoot`.
 */
export function* collectText(
  roots: Iterable<Node | Node[]>,
  maxChars: number,
  onShadowRoot: (root: ShadowRoot) => void = () => {},
): Generator<TextChunk> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let runs: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let run = 0;
  let lastRun = -1;

  const flush = (): TextChunk => {
    const chunk = { text: parts.join(''), nodes, starts, runs };
    nodes = [];
    starts = [];
    runs = [];
    parts = [];
    length = 0;
    lastRun = -1;
    return chunk;
  };

  const take = (node: Text) => {
    const data = node.data;
    if (!data) return;
    if (lastRun !== -1 && lastRun !== run) {
      parts.push(SEPARATOR);
      length += SEPARATOR.length;
    }
    nodes.push(node);
    starts.push(length);
    runs.push(run);
    parts.push(data);
    length += data.length;
    lastRun = run;
  };

  /** Walks one root depth-first; returns false when the page removed the node we stood on during a yield. */
  function* walk(root: Node): Generator<TextChunk, boolean> {
    if (root.nodeType === Node.TEXT_NODE) {
      take(root as Text);
      return true;
    }
    if (root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element)) return true;
    const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(
      root,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    );
    let node: Node | null = root;
    // By hand (firstChild / nextSibling / parentNode) so that skipped subtrees are never entered and leaving a
    // block element is seen as well as entering one.
    while (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        take(node as Text);
      } else {
        const el = node as Element;
        const name = el.localName;
        if (!INLINE.has(name)) run++;
        if (node === root || !(SKIPPED.has(name) || name === CARD_TAG)) {
          const shadow = el.shadowRoot;
          if (shadow) {
            onShadowRoot(shadow);
            pending.push([shadow]);
          }
          const child = walker.firstChild();
          if (child) {
            node = child;
            continue;
          }
        }
      }
      // Nothing to enter: on to the next sibling, climbing out of finished elements.
      for (;;) {
        if (node.nodeType === Node.ELEMENT_NODE && !INLINE.has((node as Element).localName)) run++;
        if (length >= maxChars && lastRun !== run) {
          yield flush();
          if (!root.contains(node)) return false;
        }
        if (node === root) return true;
        const sibling: Node | null = walker.nextSibling();
        if (sibling) {
          node = sibling;
          break;
        }
        node = walker.parentNode();
        if (!node) return true;
      }
    }
    return true;
  }

  const pending: Node[][] = [...roots].map((root) => (Array.isArray(root) ? root : [root]));
  let restarts = 0;
  while (pending.length) {
    const group = pending.shift()!;
    run++;
    for (const root of group) {
      // The page removed the node we stood on while we yielded: walk this root again (flags are replaced per
      // text node, so nothing is flagged twice) rather than stop half-way. A page that keeps doing so is left
      // to the mutation observer, which sees every change anyway.
      if (!(yield* walk(root)) && root.isConnected && restarts++ < 3) pending.unshift([root]);
    }
  }
  if (nodes.length) yield flush();
}
