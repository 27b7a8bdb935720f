/**
 * The same reading of drawn flags as drawn-flags.ts, in Firefox over WebDriver BiDi: serialising a node with
 * `includeShadowTree: 'all'` hands the driver the extension's closed shadow root, which no page script can get.
 */
import type { Frame, Page } from 'puppeteer-core';
import { READER } from './drawn-flags.ts';
import type { Coverage } from './pages.ts';

interface RemoteNode {
  type: string;
  sharedId?: string;
  value?: { localName?: string; children?: RemoteNode[]; shadowRoot?: RemoteNode | null; mode?: string };
}

interface Bidi {
  send(
    method: string,
    params: object,
  ): Promise<{
    result: { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: unknown } & RemoteNode;
  }>;
}

const connection = (page: Page) => (page.browser() as unknown as { connection: Bidi }).connection;
const contextOf = (frame: Frame) => (frame as unknown as { _id: string })._id;

/** The extension's overlay root in one frame's document: a closed shadow root on a child of <html>. */
async function overlayIn(bidi: Bidi, context: string): Promise<RemoteNode | undefined> {
  const { result } = await bidi.send('script.evaluate', {
    expression: 'document.documentElement',
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const html = (result as { result?: RemoteNode }).result;
  return (
    html?.value?.children?.map((child) => child.value?.shadowRoot).find((root) => root?.value?.mode === 'closed') ??
    undefined
  );
}

async function callIn(
  bidi: Bidi,
  context: string,
  source: string,
  overlay: RemoteNode | undefined,
  extra: unknown,
): Promise<string | null> {
  const { result } = await bidi.send('script.callFunction', {
    functionDeclaration: `async function (overlay, extra) { return JSON.stringify(await (${source}).call(document, overlay, extra)); }`,
    target: { context },
    awaitPromise: true,
    arguments: [
      overlay?.sharedId ? { sharedId: overlay.sharedId } : { type: 'null' },
      extra === null
        ? { type: 'null' }
        : { type: 'array', value: (extra as string[]).map((value) => ({ type: 'string', value })) },
    ],
    resultOwnership: 'none',
  });
  const r = result as { type: string; result?: { type: string; value?: unknown } };
  return r.type === 'success' && r.result?.type === 'string' ? (r.result.value as string) : null;
}

/** Every o/n element of the page and its frames (or those of `only`), with the flags drawn over it. */
export async function readDrawnFlagsFirefox(page: Page, only?: string[]): Promise<Coverage[]> {
  const bidi = connection(page);
  const all: Coverage[] = [];
  for (const frame of page.frames()) {
    const context = contextOf(frame);
    // A frame that navigated or went away while it was read: the next read sees it as it is.
    const overlay = await overlayIn(bidi, context).catch(() => undefined);
    const json = await callIn(bidi, context, READER, overlay, only ?? null).catch(() => null);
    if (json) all.push(...(JSON.parse(json) as Coverage[]));
  }
  return all;
}

/** How many flag boxes are drawn now in the page and its frames. */
export async function drawnCountFirefox(page: Page): Promise<number> {
  const bidi = connection(page);
  let count = 0;
  for (const frame of page.frames()) {
    const context = contextOf(frame);
    const overlay = await overlayIn(bidi, context).catch(() => undefined);
    if (!overlay) continue;
    const json = await callIn(
      bidi,
      context,
      `async function (overlay) { return [...overlay.querySelectorAll('.layer > div')].filter((b) => b.style.display !== 'none').length }`,
      overlay,
      null,
    ).catch(() => null);
    count += json ? Number(json) : 0;
  }
  return count;
}

/** Per frame (the page first): the text of its open card, '' for none. */
export async function cardTextsFirefox(page: Page): Promise<string[]> {
  return (
    await cardsFirefox(page, 'async function (root) { return root.host.isConnected ? root.textContent : "" }')
  ).map((text) => (text as string | null) ?? '');
}

/** Where the page's open card is, in its viewport. */
export async function cardBoxFirefox(
  page: Page,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const [box] = await cardsFirefox(
    page,
    'async function (root) { const r = root.querySelector(".card").getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } }',
  );
  return (box as { x: number; y: number; width: number; height: number } | null) ?? null;
}

/** Runs `source` on the closed root of each frame's card (null where no card was ever built). */
async function cardsFirefox(page: Page, source: string): Promise<unknown[]> {
  const bidi = connection(page);
  const texts: unknown[] = [];
  for (const frame of page.frames()) {
    const context = contextOf(frame);
    const overlay = await overlayIn(bidi, context).catch(() => undefined);
    if (!overlay) {
      texts.push(null);
      continue;
    }
    // The card's own closed root, one level further in.
    const { result } = await bidi.send('script.callFunction', {
      functionDeclaration: 'function () { return this.lastElementChild.firstElementChild }',
      this: { sharedId: overlay.sharedId },
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    });
    const host = (result as { result?: RemoteNode }).result;
    const root = host?.value?.shadowRoot;
    const json = root?.sharedId ? await callIn(bidi, context, source, root, null).catch(() => null) : null;
    texts.push(json ? JSON.parse(json) : null);
  }
  return texts;
}

/**
 * Of `names`, those a flag is drawn over somewhere in the page's top frame (each occurrence within one text node,
 * case-insensitive); with no names, whether any flag is drawn there at all (as ['*']).
 */
export async function namesDrawnFirefox(page: Page, names: string[]): Promise<string[]> {
  const bidi = connection(page);
  const context = contextOf(page.mainFrame());
  const overlay = await overlayIn(bidi, context).catch(() => undefined);
  if (!overlay) return [];
  const json = await callIn(
    bidi,
    context,
    `async function (overlay, names) {
      const boxes = [...overlay.querySelectorAll('.layer > div')].filter((b) => b.style.display !== 'none').map((b) => b.getBoundingClientRect());
      if (!names.length) return boxes.length ? ['*'] : [];
      const covered = (rect) => boxes.some((b) => { const x = b.x + b.width / 2; const y = b.y + b.height / 2; return x >= rect.left && x <= rect.right && y >= rect.top - 1 && y <= rect.bottom + 1; });
      const found = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.toLowerCase();
        for (const name of names) {
          const at = text.indexOf(name.toLowerCase());
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + name.length);
          if ([...range.getClientRects()].some(covered)) found.add(name);
        }
      }
      return [...found];
    }`,
    overlay,
    names,
  ).catch(() => null);
  return json ? (JSON.parse(json) as string[]) : [];
}
