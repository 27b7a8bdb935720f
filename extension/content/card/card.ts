/**
 * The card that opens on a flag: a closed shadow root inside the extension's overlay (overlay.ts), so neither
 * the page's styles nor its scripts reach the registry data in it, and the page sees no element of its own come
 * and go. The data comes from the background as the card opens (a few milliseconds).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../shared/i18n.ts';
import { sendToBackground, type FlaggedText, type SupplierPositions } from '../../shared/messaging.ts';
import { el } from '../../shared/dom.ts';
import { cardContent } from './card-view.ts';
import type { ReportWrongFlag } from './card-report.ts';
import type { Overlay } from '../overlay.ts';

export type OpenedBy = 'hover' | 'click' | 'keyboard';

export interface Card {
  /** `flagged`: the flags it opens on, for a "wrong flag?" report. */
  open(suppliers: SupplierPositions, anchor: DOMRect, by: OpenedBy, flagged: FlaggedText[]): Promise<void>;
  close(): void;
  openedBy(): OpenedBy | null;
  /** Whether an event's path (its composedPath()) goes through the card: the pointer is over it. */
  contains(path: readonly EventTarget[]): boolean;
}

const STYLES = `
:host { all: initial; }
.card { box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif; color: #1b1b1f; background: #fff;
  border: 1px solid #c4c4cc; border-radius: 8px; box-shadow: 0 8px 28px rgb(0 0 0 / 0.2); padding: 10px 14px 12px;
  overflow: auto; outline: none; }
.card:focus-visible { outline: 2px solid #1c7ed6; outline-offset: 2px; }
header { display: flex; justify-content: space-between; align-items: center; font-size: 12px; font-weight: 600;
  letter-spacing: 0.04em; text-transform: uppercase; opacity: 0.75; }
button { font: inherit; background: none; border: 0; color: inherit; cursor: pointer; font-size: 18px; padding: 0 4px; }
h2 { font-size: 16px; margin: 6px 0 4px; }
ul { margin: 0; padding: 0; list-style: none; }
.conflict { border-top: 1px solid #e2e2e8; padding: 6px 0; }
.kind { font-weight: 600; margin: 0; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }
.related .kind { text-decoration: underline double rgb(214 51 132); }
.negotiation .kind { text-decoration: underline wavy rgb(232 89 12); }
.purchase .kind { text-decoration: underline dotted rgb(28 126 214); }
.since { font-weight: 400; opacity: 0.75; }
p { margin: 4px 0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; margin: 4px 0; font-size: 13px; }
dt { opacity: 0.75; } dd { margin: 0; }
.details { font-size: 13px; } .details li::before { content: "– "; }
.advice { background: rgb(245 159 0 / 0.12); border-radius: 4px; padding: 4px 6px; }
.links { display: flex; flex-wrap: wrap; gap: 4px 14px; }
a { color: #1864ab; }
.counsellor { font-size: 13px; border-top: 1px solid #e2e2e8; padding-top: 6px; }
.wrong { font-size: 13px; margin: 4px 0; }
.wrong summary { cursor: pointer; color: #1864ab; }
.wrong fieldset { border: 0; margin: 4px 0 0; padding: 0; display: grid; gap: 4px; }
.wrong textarea { display: block; box-sizing: border-box; width: 100%; font: inherit; margin-top: 2px; }
.wrong .privacy { opacity: 0.75; font-size: 12px; }
.wrong .send { justify-self: start; font-size: 13px; border: 1px solid #1864ab; border-radius: 4px; padding: 2px 10px; color: #1864ab; }
@media (prefers-color-scheme: dark) {
  .card { color: #ececf1; background: #24242b; border-color: #4a4a55; }
  .conflict, .counsellor { border-color: #3a3a44; }
  a { color: #8ab4ff; }
}
`;

const WIDTH = 360;
const GAP = 6;
/** Below the flag when at least this much room is there, even if there is more above. */
const MIN_HEIGHT = 320;

interface Parts {
  host: HTMLElement;
  shadow: ShadowRoot;
  panel: HTMLElement;
  body: HTMLElement;
}

export function createCard(ctx: ContentScriptContext, doc: Document, overlay: Overlay): Card {
  // Built when first opened: most pages are read without opening a card, and every tab starts a content script.
  let parts: Parts | null = null;
  const build = (): Parts => {
    const host = doc.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    const body = el(doc, 'div', { class: 'content' });
    const closeButton = el(doc, 'button', { type: 'button', 'aria-label': t('close'), title: t('close') }, '×');
    const panel = el(
      doc,
      'div',
      { class: 'card', role: 'dialog', 'aria-label': t('cardLabel'), tabindex: '-1' },
      el(doc, 'header', {}, t('extName'), closeButton),
      body,
    );
    shadow.append(el(doc, 'style', {}, STYLES), panel);
    closeButton.addEventListener('click', close);
    // Someone filling in the "wrong flag?" form keeps the card when the pointer wanders off, as after a click.
    panel.addEventListener('focusin', () => {
      if (by === 'hover') by = 'click';
    });
    return { host, shadow, panel, body };
  };

  let shown = '';
  let by: OpenedBy | null = null;
  /** The flags the card is open on, in the watchlist version they were drawn with. */
  let opened: { version: string; flagged: FlaggedText[] } = { version: '', flagged: [] };
  const report: ReportWrongFlag = async (supplierId, reason, note) => {
    const reply = await sendToBackground('reportWrongFlag', { ...opened, supplierId, reason, note }).catch(() => null);
    return !!reply?.ok;
  };
  let returnFocus: HTMLElement | null = null;

  /** Beside the flag on the side with more room, never past the window's edge (the card scrolls instead). */
  function place({ host, panel }: Parts, anchor: DOMRect) {
    const view = doc.documentElement;
    const width = Math.min(WIDTH, view.clientWidth - 2 * GAP);
    const left = Math.max(GAP, Math.min(anchor.left, view.clientWidth - width - GAP));
    const roomBelow = view.clientHeight - anchor.bottom - 2 * GAP;
    const roomAbove = anchor.top - 2 * GAP;
    const below = roomBelow >= MIN_HEIGHT || roomBelow >= roomAbove;
    const vertical = below ? `top: ${anchor.bottom + GAP}px` : `bottom: ${view.clientHeight - anchor.top + GAP}px`;
    host.style.cssText = `position: fixed; z-index: 2147483647; left: ${left}px; width: ${width}px; ${vertical};`;
    panel.style.maxHeight = `${Math.max(below ? roomBelow : roomAbove, 120)}px`;
  }

  function close() {
    if (!by || !parts) return;
    const hadFocus = parts.shadow.activeElement !== null;
    parts.host.remove();
    by = null;
    shown = '';
    if (hadFocus) returnFocus?.focus();
    returnFocus = null;
  }

  ctx.addEventListener(doc, 'keydown', (event) => {
    if (by && (event as KeyboardEvent).key === 'Escape') close();
  });
  // The reader clicked into another frame (or went to another window): as a click elsewhere, the card goes. One
  // that hover opened goes when the pointer leaves it (pointer.ts).
  ctx.addEventListener(doc.defaultView!, 'blur', () => {
    if (by !== 'hover') close();
  });
  ctx.onInvalidated(close);

  return {
    async open(suppliers, anchor, openedBy, flagged) {
      const card = (parts ??= build());
      opened = { version: suppliers.version, flagged };
      const key = `${suppliers.version} ${[...suppliers.suppliers].sort((a, b) => a - b).join(' ')}`;
      if (key === shown && by) {
        if (openedBy !== 'hover') by = openedBy;
      } else {
        shown = key;
        by = openedBy;
        const content = cardContent(doc, await sendToBackground('cards', suppliers), report);
        if (shown !== key) return; // Another flag was opened while this one's data was on its way.
        card.body.replaceChildren(content);
      }
      place(card, anchor);
      if (!card.host.isConnected) overlay.cards.append(card.host);
      overlay.attach();
      if (openedBy === 'keyboard') {
        returnFocus ??= doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
        card.panel.focus({ preventScroll: true });
      }
    },
    close,
    openedBy: () => by,
    // Outside the overlay's closed root, an event's path ends at its host, and the card is all in it that takes
    // the pointer.
    contains: (path) => !!parts && !!by && path.includes(overlay.host),
  };
}
