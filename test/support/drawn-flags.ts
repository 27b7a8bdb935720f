/**
 * Reading the flags the extension drew, from outside the page: its overlay is a closed shadow root, which no
 * script of the page can open. In Chromium the DevTools protocol reaches it (`DOM.getDocument` with `pierce`);
 * the drawn boxes are then matched with the page's elements by where they are, scrolling each element into view
 * (only flags near the viewport are drawn). Firefox has no such protocol here: its tests read the pixels of each
 * element's box instead (screenshots.ts). Both give what the tests assert on: per element whose id starts with o
 * or n (open shadow roots included), the kind drawn over its text and where.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Coverage } from './pages.ts';
import { waitFor } from './wait.ts';

interface DomNode {
  nodeName?: string;
  localName?: string;
  backendNodeId: number;
  children?: DomNode[];
  contentDocument?: DomNode;
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}

/**
 * Runs with `this` as a document and `overlay` as the extension's closed shadow root there (or null): scrolls
 * every o/n element into view in turn, and says which drawn boxes lie over its text. Source text, so that no
 * bundler helper reaches the page. Scroll positions are put back at the end, and the positions of the boxes
 * then in view are read again, so that the coordinates returned can be clicked.
 */
export const READER = `async function (overlay, only) {
  const doc = this.nodeType === 9 ? this : this.ownerDocument;
  const win = doc.defaultView;
  const settle = () => new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => win.setTimeout(resolve, 40))));
  const elements = [];
  const roots = [doc];
  for (let root = roots.pop(); root; root = roots.pop()) {
    elements.push(...[...root.querySelectorAll('[id^="o"], [id^="n"]')].filter((el) => !only || only.includes(el.id)));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const scrolled = [];
  for (const root of [doc, ...elements.map((el) => el.getRootNode()).filter((r) => r !== doc)]) {
    for (const el of root.querySelectorAll('*')) if (el.scrollTop || el.scrollLeft || el.scrollHeight > el.clientHeight) scrolled.push([el, el.scrollLeft, el.scrollTop]);
  }
  const start = [win.scrollX, win.scrollY];
  // Flags are drawn near the top-level viewport: a frame is read once it is in view there.
  const outer = [];
  for (let w = win; w.frameElement; w = w.parent) outer.push([w.parent, w.parent.scrollX, w.parent.scrollY]);
  if (win.frameElement) win.frameElement.scrollIntoView({ block: 'center' });
  const textRects = (el) => {
    const range = doc.createRange();
    range.selectNodeContents(el);
    return [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
  };
  const hits = new Map(elements.map((el) => [el, []]));
  const boxes = () => overlay ? [...overlay.querySelectorAll('.layer > div')].filter((b) => b.style.display !== 'none').map((b) => ({ kind: b.className, r: b.getBoundingClientRect() })) : [];
  const near = (r) => r.bottom > 0 && r.right > 0 && r.top < win.innerHeight * 1.4 && r.left < win.innerWidth;
  const record = () => {
    const drawn = boxes();
    const seen = [];
    const owners = new Map();
    for (const el of elements) {
      const rects = textRects(el);
      if (!rects.length || !rects.every(near)) continue;
      seen.push(el);
      hits.set(el, []);
      for (const box of drawn) {
        const x = box.r.x + box.r.width / 2;
        const y = box.r.y + box.r.height / 2;
        if (!rects.some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1)) continue;
        const owner = owners.get(box);
        // The innermost element over the box owns it.
        if (!owner || owner.contains(el)) owners.set(box, el);
      }
    }
    for (const [box, el] of owners) hits.get(el).push({ highlight: 'zuiver-' + box.kind, text: el.textContent, x: box.r.x + box.r.width / 2, y: box.r.y + box.r.height / 2 });
    return seen;
  };
  await settle();
  const pending = new Set(elements);
  for (const el of record()) pending.delete(el);
  for (const el of pending) {
    pending.delete(el);
    if (!el.isConnected || !textRects(el).length) continue;
    el.scrollIntoView({ block: 'start' });
    await settle();
    for (const seen of record()) pending.delete(seen);
  }
  win.scrollTo(start[0], start[1]);
  for (const [w, x, y] of outer) w.scrollTo(x, y);
  for (const [el, left, top] of scrolled) { el.scrollLeft = left; el.scrollTop = top; }
  await settle();
  const fresh = new Set(record());
  for (const [el, list] of hits) if (!fresh.has(el)) for (const hit of list) { hit.x = -1; hit.y = -1; }
  return elements.map((el) => ({ id: el.id, hits: hits.get(el) }));
}`;

function documentsOf(node: DomNode, found: DomNode[] = []): DomNode[] {
  if (node.nodeName === '#document') found.push(node);
  for (const child of [
    ...(node.children ?? []),
    ...(node.shadowRoots ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ])
    documentsOf(child, found);
  return found;
}

/** The extension's overlay in one document: a closed shadow root on a child of the root element. */
function overlayOf(doc: DomNode): DomNode | undefined {
  const html = doc.children?.find((c) => c.localName === 'html');
  for (const child of html?.children ?? []) {
    const root = child.shadowRoots?.find((r) => r.shadowRootType === 'closed');
    if (root) return root;
  }
  return undefined;
}

async function objectId(cdp: CDPSession, node: DomNode): Promise<string> {
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId });
  return object.objectId!;
}

/** The extension's overlay roots in the page and all its frames (one per document at most). */
export async function overlays(cdp: CDPSession): Promise<Array<{ doc: DomNode; overlay: DomNode | undefined }>> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  return documentsOf(root).map((doc) => ({ doc, overlay: overlayOf(doc) }));
}

/** Every o/n element of the page and its frames (or those of `only`), with the flags drawn over it. */
export async function readDrawnFlags(page: Page, only?: string[]): Promise<Coverage[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const all: Coverage[] = [];
    for (const { doc, overlay } of await overlays(cdp)) {
      const args = [overlay ? { objectId: await objectId(cdp, overlay) } : { value: null }, { value: only ?? null }];
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: await objectId(cdp, doc),
        functionDeclaration: READER,
        arguments: args,
        awaitPromise: true,
        returnByValue: true,
      });
      // A frame that navigated or went away while it was read: the next read sees it as it is.
      if (!exceptionDetails) all.push(...(result.value as Coverage[]));
    }
    return all;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** How many flag boxes the extension draws now, in the page and its frames (only those near the viewport). */
export async function drawnCount(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let count = 0;
    for (const { overlay } of await overlays(cdp)) {
      if (!overlay) continue;
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: await objectId(cdp, overlay),
        functionDeclaration: `function () { return [...this.querySelectorAll('.layer > div')].filter((b) => b.style.display !== 'none').length }`,
        returnByValue: true,
      });
      count += result.value as number;
    }
    return count;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until the extension draws at least one flag on the page: `what` names it in the error of a timeout. */
export async function waitForFlags(page: Page, what = 'flags', timeout?: number): Promise<void> {
  await waitFor(
    what,
    () => drawnCount(page),
    (n) => n > 0,
    timeout,
  );
}

/** The closed shadow root of the card in one overlay, if the card is open. */
function cardRoot(overlay: DomNode | undefined): DomNode | undefined {
  const find = (node: DomNode): DomNode | undefined =>
    node.shadowRoots?.[0] ?? [...(node.children ?? [])].map(find).find(Boolean);
  return overlay && [...(overlay.children ?? [])].map(find).find(Boolean);
}

/** Per document (the page first, then its frames): the text of its open card, '' for none. */
export async function cardTexts(cdp: CDPSession): Promise<string[]> {
  const texts: string[] = [];
  for (const { overlay } of await overlays(cdp)) {
    const card = cardRoot(overlay);
    if (!card) {
      texts.push('');
      continue;
    }
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: await objectId(cdp, card),
      functionDeclaration: 'function () { return this.host.isConnected ? this.textContent : "" }',
      returnByValue: true,
    });
    texts.push(result.value as string);
  }
  return texts;
}

/** The text of the open card, wherever in the page it is. */
export async function cardText(cdp: CDPSession): Promise<string> {
  return (await cardTexts(cdp)).join('');
}

/** Runs `fn` (a function declaration) on the page's open card, its closed shadow root as `this`; null without one. */
export async function callInCard<T>(cdp: CDPSession, fn: string): Promise<T | null> {
  const card = cardRoot((await overlays(cdp))[0]?.overlay);
  if (!card) return null;
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: await objectId(cdp, card),
    functionDeclaration: fn,
    returnByValue: true,
  });
  return result.value as T;
}

/** Where the open card of the page is, in its viewport. */
export async function cardBox(
  cdp: CDPSession,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const card = cardRoot((await overlays(cdp))[0]?.overlay);
  if (!card) return null;
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: await objectId(cdp, card),
    functionDeclaration:
      'function () { const r = this.querySelector(".card").getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } }',
    returnByValue: true,
  });
  return result.value as { x: number; y: number; width: number; height: number };
}

/**
 * Asks, as often as needed, whether a flag box is drawn over the element `selector` finds in the page (not its
 * frames). The overlay is found once: finding it walks the page's whole DOM, some 100 ms on a 5,000-row page,
 * which would make a poll measure itself.
 */
export async function drawnOverPoll(
  page: Page,
): Promise<{ drawnOver(selector: string): Promise<boolean>; close(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let overlay: string | undefined;
  return {
    async drawnOver(selector) {
      if (!overlay) {
        const found = (await overlays(cdp))[0]?.overlay;
        if (!found) return false;
        overlay = await objectId(cdp, found);
      }
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: overlay,
        functionDeclaration: `function (selector) {
          const target = document.querySelector(selector);
          if (!target) return false;
          const r = target.getBoundingClientRect();
          return [...this.querySelectorAll('.layer > div')].some((b) => {
            if (b.style.display === 'none') return false;
            const box = b.getBoundingClientRect();
            const x = box.x + box.width / 2;
            const y = box.y + box.height / 2;
            return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
          });
        }`,
        arguments: [{ value: selector }],
        returnByValue: true,
      });
      return result.value as boolean;
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}
