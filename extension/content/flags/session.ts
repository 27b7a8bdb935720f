/**
 * One watchlist version drawn on one document: the drawing, the flags, the scanner, and the report of which
 * suppliers are flagged where a reader can see them (for the popup and the badge). A new version, a pause or a
 * sign-out ends the session and, if there is anything to draw, starts another.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground, type SupplierPositions } from '../../shared/messaging.ts';
import type { Changes } from '../page/changes.ts';
import type { TextChunk } from '../page/collect.ts';
import { FlagStore } from './store.ts';
import type { PageObserver } from '../page/observe.ts';
import type { Overlay } from '../overlay.ts';
import { createPainter, type Painter } from './drawing.ts';
import { createScanner, type Matching } from './scan.ts';

/** What the card needs of the flags drawn now: hover and the flag shortcut find flags with it. */
export interface FlagsOnPage {
  store: FlagStore;
  painter: Painter;
  shadowRoots: ShadowRoot[];
}

export interface Session extends FlagsOnPage {
  version: string;
  /** Resolves when this rescan (and the passes before it) are done. */
  rescan(changes: Changes): Promise<void>;
  /** The reader waits for the rescans under way (the page has just been parsed): see Scanner.hurry. */
  hurry(since?: number): void;
  /**
   * The document left the tab (its frame was removed, it navigated away, it went into the back-forward cache):
   * `visible` false; or came back from that cache: true. The popup and badge count its flags only while it shows.
   */
  shown(visible: boolean): void;
  /** Ends the session; with `reportNone` false, the session that follows reports in its place. */
  stop(reportNone?: boolean): void;
}

export interface SessionOptions {
  ctx: ContentScriptContext;
  doc: Document;
  overlay: Overlay;
  observer: PageObserver;
  version: string;
  matching: Matching;
  /** The open shadow roots known so far (the list changes as scans find more, see shadow-roots.ts). */
  shadowRoots: ShadowRoot[];
  onShadowRoot(root: ShadowRoot): void;
  /** The text of the whole document, possibly partly collected already. */
  text: Iterator<TextChunk>;
  onFirstPass?(): void;
  /**
   * Follows another session, whose report of flagged suppliers stands until this one's replaces it after the
   * first pass, even with none: reporting none in between would blank the badge for that time.
   */
  replaces?: boolean;
}

/** The popup and badge need the list of flagged suppliers, but not at once: it goes a moment after a change. */
const REPORT_DELAY_MS = 300;

export function startSession(options: SessionOptions): Session {
  const { ctx, doc, overlay, observer, version, matching, shadowRoots, onShadowRoot, text, onFirstPass, replaces } =
    options;
  const abort = new AbortController();
  // The store and its painter know each other; the store draws only once a pass is done, after both exist.
  const store: FlagStore = new FlagStore(
    { add: (flag) => painter.add(flag), delete: (flag) => painter.delete(flag) },
    version,
  );
  const painter = createPainter({ ctx, doc, overlay, observer, store, onCounted: () => report() });
  store.suppliersChanged = !!replaces;
  const scanner = createScanner({ matching, store, onShadowRoot, signal: abort.signal });

  const none = { version, suppliers: [] };
  const send = (suppliers: SupplierPositions) => void sendToBackground('reportFlags', suppliers).catch(() => undefined);
  let reportTimer = 0;
  // A document that left the tab (a removed frame, the back-forward cache) reports nothing until it shows again,
  // whatever its flags do meanwhile.
  let showing = true;
  const report = () => {
    if (!showing || !store.suppliersChanged || reportTimer) return;
    reportTimer = window.setTimeout(() => {
      reportTimer = 0;
      store.suppliersChanged = false;
      if (!abort.signal.aborted) send(store.suppliers());
    }, REPORT_DELAY_MS);
  };

  void scanner.scanChunks(text).then(() => {
    // Done when the flags in view are drawn, not only found.
    void painter.settled().then(() => onFirstPass?.());
    // Counted once their visibility is known: a session that replaces another reports only then, so that the
    // badge never shows none in between.
    void painter.checked().then(report);
  });

  return {
    version,
    store,
    painter,
    shadowRoots,
    // Not waiting for the count: whoever waits for a rescan (the parse loop) waits for the scan alone.
    rescan: ({ roots, removed }) => scanner.scan(roots, removed).then(() => void painter.checked().then(report)),
    hurry: (since) => scanner.hurry(since),
    shown(visible) {
      showing = visible;
      // At once: a document on its way out gets no later turn.
      clearTimeout(reportTimer);
      reportTimer = 0;
      store.suppliersChanged = false;
      send(visible ? store.suppliers() : none);
    },
    stop(reportNone = true) {
      abort.abort();
      clearTimeout(reportTimer);
      painter.dispose();
      if (reportNone) send(none);
    },
  };
}
