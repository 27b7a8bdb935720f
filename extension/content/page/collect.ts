/**
 * Text collection: walks a part of the DOM (open shadow roots included) with a TreeWalker and joins its text
 * nodes into one string, so that a name split over inline elements (`<b>Bouwbedrijf</b> Jansen B.V.`) is one
 * stretch of text. Block-level elements start a new "run", and runs are joined with the matcher's paragraph
 * separator, across which no name runs: two table cells never make one name. Scripts, styles and form-field
 * values are skipped; contenteditable text is not.
 */
import { PARAGRAPH_SEPARATOR } from '../../../core/matcher/paragraph.ts';

/** Elements whose content is not text the reader sees on the page (or, for frames, is another document). */
const SKIPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
  'head',
  'title',
];

/** Elements laid out inline by default: text around them reads as one line. Everything else separates runs. */
const INLINE = [
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
];

/** Block-level elements common enough to be known by name: everything not listed reads as a block anyway. */
const BLOCKS = [
  'html',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'form',
  'fieldset',
  'legend',
  'figure',
  'figcaption',
  'address',
  'pre',
  'hr',
  'br',
];

/** The only built-in elements that may host a shadow root; custom elements (whose names have a dash) may too. */
const SHADOW_HOSTS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];

/**
 * Parts of a table, whose own text the parser leaves as whitespace only (anything else it moves out in front of
 * the table). It is the indentation of most server-rendered tables, often a third of their nodes: walking only
 * their elements spares reading it. Text that a script put there before a scan is not flagged; text it adds
 * later is, since a change is read from the text node itself (changes.ts).
 */
const TABLE_PARTS = ['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup'];

// One lookup per element decides everything about it; other names are blocks (a table cell, a list item) and,
// with a dash, custom elements, which may host a shadow root. Reading `shadowRoot` only where one can exist
// spares most elements a call into the browser.
const BLOCK = 1;
const SKIP = 2;
const MAY_HOST = 4;
const ELEMENTS_ONLY = 8;
const KIND = new Map<string, number>();
for (const name of SKIPPED) KIND.set(name, BLOCK | SKIP);
for (const name of INLINE) KIND.set(name, 0);
for (const name of BLOCKS) KIND.set(name, BLOCK);
for (const name of TABLE_PARTS) KIND.set(name, BLOCK | ELEMENTS_ONLY);
KIND.set('span', MAY_HOST);
for (const name of SHADOW_HOSTS) KIND.set(name, (KIND.get(name) ?? BLOCK) | MAY_HOST);
const CUSTOM = BLOCK | MAY_HOST;

// Node types, as constants: `Node.TEXT_NODE` is a lookup on the global object for every node walked.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

/** Put between runs in the joined text: the matcher reads it as whitespace that no name runs across. */
const RUN_BREAK = PARAGRAPH_SEPARATOR;
/**
 * Put between two text nodes of one run: the edge of an element ends a word, as on the fixture webmail where
 * `<span>…@firma.nl</span><span>Offerte</span>` must still find the domain. A name that goes on in the next
 * element (`<b>Bouwbedrijf</b> Jansen`) still matches, since the matcher takes any run of spaces as one.
 */
const NODE_BREAK = ' ';

export interface TextChunk {
  text: string;
  nodes: Text[];
  /** Offset in `text` of each node's first character. */
  starts: number[];
}

/** The names of the custom elements met so far: with SHADOW_HOSTS, every element that may host a shadow root. */
const customNames = new Set<string>();

function kindOf(name: string): number {
  const kind = KIND.get(name);
  if (kind !== undefined) return kind;
  if (!name.includes('-')) return BLOCK;
  customNames.add(name);
  return CUSTOM;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/**
 * Selectors for the elements that may host a shadow root: one per name, and all names as one list; made again
 * when custom elements of another name have been met.
 */
let hosts = { customCount: -1, names: [] as string[], list: '' };

function hostSelectors(): typeof hosts {
  if (hosts.customCount !== customNames.size) {
    const names = [...SHADOW_HOSTS, ...[...customNames].map((name) => CSS.escape(name))];
    hosts = { customCount: customNames.size, names, list: names.join(',') };
  }
  return hosts;
}

/**
 * The open shadow roots of the elements of a document or shadow tree (not of the shadow trees within it), one
 * query's worth at a time: a generator, so that the caller can yield to the page in between. A script can attach
 * a root to an element long after the element was scanned, and no mutation record says so. The browser picks the
 * elements that may host one. In a document, a tag name at a time: it answers one name from an index of its own,
 * where it matches a list of names against every element (3 against 11 ms on the 5,000-row bench page). A shadow
 * tree is small, and one query with the list costs less than twenty with a name each.
 */
export function* shadowRootsIn(scope: Document | ShadowRoot): Generator<ShadowRoot[]> {
  const { names, list } = hostSelectors();
  for (const query of scope.nodeType === DOCUMENT_NODE ? names : [list]) {
    const elements = scope.querySelectorAll(query);
    const found: ShadowRoot[] = [];
    // By index: iterating a NodeList from a content script costs twice as much.
    for (let i = 0; i < elements.length; i++) {
      const root = elements[i].shadowRoot;
      if (root) found.push(root);
    }
    yield found;
  }
}

/**
 * A text node of whitespace only: it reads as nothing, since the edge of a node already reads as a space, and it
 * is half the nodes of a table in a page's markup (the line breaks between rows).
 */
export function isBlankText(node: Node): boolean {
  return node.nodeType === TEXT_NODE && isBlank((node as Text).data);
}

export function isSkipped(el: Element): boolean {
  return (kindOf(el.localName) & SKIP) !== 0;
}

/** An element that shows another document: a pointer or a keyboard in it has left this one. */
export function isFrameElement(el: Element | null | undefined): boolean {
  return el?.localName === 'iframe' || el?.localName === 'frame';
}

/** Text, comments and inline elements: what continues a stretch of text rather than ending it. */
export function isInline(node: Node): boolean {
  const type = node.nodeType;
  return (
    type === TEXT_NODE ||
    type === COMMENT_NODE ||
    (type === ELEMENT_NODE && (kindOf((node as Element).localName) & BLOCK) === 0)
  );
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
  let parts: string[] = [];
  let length = 0;
  let run = 0;
  let lastRun = -1;

  const flush = (): TextChunk => {
    const chunk = { text: parts.join(''), nodes, starts };
    nodes = [];
    starts = [];
    parts = [];
    length = 0;
    lastRun = -1;
    return chunk;
  };

  const take = (node: Text) => {
    const data = node.data;
    // Whitespace that opens a run (the line breaks between table rows in the page's source) adds nothing that
    // the break before it does not already say; dropping it spares a node in every row.
    if (lastRun !== run && isBlank(data)) return;
    if (lastRun !== -1) {
      const gap = lastRun === run ? NODE_BREAK : RUN_BREAK;
      parts.push(gap);
      length += gap.length;
    }
    nodes.push(node);
    starts.push(length);
    parts.push(data);
    length += data.length;
    lastRun = run;
  };

  /** Walks one root depth-first; returns false when the page removed the node we stood on during a yield. */
  function* walk(root: Node): Generator<TextChunk, boolean> {
    if (root.nodeType === TEXT_NODE) {
      take(root as Text);
      return true;
    }
    const type = root.nodeType;
    if (type === ELEMENT_NODE ? isSkipped(root as Element) : type !== DOCUMENT_NODE && type !== FRAGMENT_NODE) {
      return true; // A skipped element, or a comment in an inline run.
    }
    let node: Node | null = root;
    // The kind of each element on the way down, so that leaving it, and moving among its children, needs no second
    // look at its name.
    const parents: number[] = [];
    // By hand (firstChild / nextSibling / parentNode) so that skipped subtrees are never entered and leaving a
    // block element is seen as well as entering one; the node's own properties, which cost less than a
    // TreeWalker's methods on a first visit (measured: 13 against 22 ms for a 65,000-node page).
    while (node) {
      const nodeType = node.nodeType;
      if (nodeType === TEXT_NODE) {
        take(node as Text);
      } else if (nodeType === ELEMENT_NODE || node === root) {
        const kind: number =
          node === root ? kindOf((node as Element).localName ?? '') & ~SKIP : kindOf((node as Element).localName);
        if (kind & BLOCK) run++;
        if (!(kind & SKIP)) {
          const shadow = kind & MAY_HOST || node === root ? (node as Element).shadowRoot : null;
          if (shadow) {
            onShadowRoot(shadow);
            pending.push([shadow]);
          }
          const child: Node | null = kind & ELEMENTS_ONLY ? (node as Element).firstElementChild : node.firstChild;
          if (child) {
            parents.push(kind);
            node = child;
            continue;
          }
        }
        if (kind & BLOCK) run++;
      }
      // Nothing (more) to enter: on to the next sibling, climbing out of finished elements.
      for (;;) {
        if (length >= maxChars && lastRun !== run) {
          yield flush();
          if (!root.contains(node)) return false;
        }
        if (node === root) return true;
        const sibling: Node | null =
          parents[parents.length - 1] & ELEMENTS_ONLY ? (node as Element).nextElementSibling : node.nextSibling;
        if (sibling) {
          node = sibling;
          break;
        }
        node = node.parentNode;
        if (!node) return true;
        if (parents.pop()! & BLOCK) run++;
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
