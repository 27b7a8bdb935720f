/**
 * Finding the open shadow roots in a document or shadow tree by querying for the elements that may host one
 * (elements.ts), rather than walking every element: for the roots a script attaches after a scan.
 */
import { customNames, DOCUMENT_NODE, SHADOW_HOSTS } from './elements.ts';

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
