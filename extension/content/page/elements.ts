/**
 * What an element is to text collection (collect.ts), known from its name alone: skipped, a block that separates
 * runs, inline, a part of a table whose own text is whitespace, or one that may host a shadow root. Also the
 * node types, and the tests other parts of the content script make of nodes in these same terms.
 */

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
export const SHADOW_HOSTS = [
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
export const BLOCK = 1;
export const SKIP = 2;
export const MAY_HOST = 4;
export const ELEMENTS_ONLY = 8;
const KIND = new Map<string, number>();
for (const name of SKIPPED) KIND.set(name, BLOCK | SKIP);
for (const name of INLINE) KIND.set(name, 0);
for (const name of BLOCKS) KIND.set(name, BLOCK);
for (const name of TABLE_PARTS) KIND.set(name, BLOCK | ELEMENTS_ONLY);
KIND.set('span', MAY_HOST);
for (const name of SHADOW_HOSTS) KIND.set(name, (KIND.get(name) ?? BLOCK) | MAY_HOST);
const CUSTOM = BLOCK | MAY_HOST;

// Node types, as constants: `Node.TEXT_NODE` is a lookup on the global object for every node walked.
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;
export const FRAGMENT_NODE = 11;

/** The names of the custom elements met so far: with SHADOW_HOSTS, every element that may host a shadow root. */
export const customNames = new Set<string>();

export function kindOf(name: string): number {
  const kind = KIND.get(name);
  if (kind !== undefined) return kind;
  if (!name.includes('-')) return BLOCK;
  customNames.add(name);
  return CUSTOM;
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
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
