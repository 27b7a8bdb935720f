/**
 * The one session drawing on a document at a time (flags/session.ts), and the page's changes on their way to it.
 * A new source replaces the session; changes seen while the first load collects text ahead of its matcher wait
 * here and are scanned once the session has started.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Card } from './card/card.ts';
import { changedRoots, type Changes } from './page/changes.ts';
import { collectText, type TextChunk } from './page/collect.ts';
import type { PageObserver } from './page/observe.ts';
import { ShadowRoots } from './page/shadow-roots.ts';
import type { Overlay } from './overlay.ts';
import { CHUNK_CHARS } from './flags/scan.ts';
import { startSession, type Session } from './flags/session.ts';
import type { Source } from './sources.ts';

export interface CurrentSession {
  get(): Session | null;
  /** Ends the session, if any, and starts one for `source` over `text` (by default the whole document). */
  replace(source: Source | null, text?: Iterator<TextChunk>, onFirstPass?: () => void): void;
  /** Scans changed parts (or holds them, see `holdChanges`); resolves when the session has scanned them. */
  changed(changes: Changes): Promise<void>;
  /** From now until the next `replace`, changes wait for the session to come. */
  holdChanges(): void;
  /** The text of `roots`, noting the open shadow roots found on the way. */
  textOf(roots: Iterable<Node | Node[]>): Iterator<TextChunk>;
  /** The same, of the whole document. */
  wholeText(): Iterator<TextChunk>;
  /** The open shadow roots known so far; `addShadowRoot` adds one and observes it. */
  shadowRoots: ShadowRoot[];
  addShadowRoot(root: ShadowRoot): void;
}

export function createCurrentSession(
  ctx: ContentScriptContext,
  doc: Document,
  observer: PageObserver,
  overlay: Overlay,
  card: Card,
): CurrentSession {
  const shadowRoots = new ShadowRoots();
  let session: Session | null = null;
  let early: Changes[] | null = null;

  const addShadowRoot = (root: ShadowRoot) => {
    if (!shadowRoots.add(root)) return;
    observer.observe(root);
  };
  const textOf = (roots: Iterable<Node | Node[]>) => collectText(roots, CHUNK_CHARS, addShadowRoot);
  const wholeText = () => textOf([doc.body ?? doc.documentElement]);

  const changed = async (changes: Changes) => {
    if (session) await session.rescan(changes);
    else early?.push(changes);
  };

  observer.subscribe((records) => {
    // Signed out, paused or still waiting for text: nothing will be drawn, so nothing to work out.
    if (!session && !early) return;
    const changes = changedRoots(records);
    if (changes.roots.length || changes.removed) void changed(changes);
  });

  return {
    get: () => session,
    replace(source, text = wholeText(), onFirstPass) {
      card.close();
      const replaces = !!session && !!source;
      session?.stop(!replaces);
      session =
        source &&
        startSession({
          ctx,
          doc,
          overlay,
          observer,
          ...source,
          shadowRoots: shadowRoots.list,
          onShadowRoot: addShadowRoot,
          text,
          onFirstPass,
          replaces,
        });
      for (const changes of early ?? []) void session?.rescan(changes);
      early = null;
    },
    changed,
    holdChanges: () => void (early = []),
    textOf,
    wholeText,
    shadowRoots: shadowRoots.list,
    addShadowRoot,
  };
}
