/**
 * The content script's features, wired together for one document. The top frame asks the background for the
 * prepared matcher and for the matcher's code at once and, while they are on their way, already collects the
 * page's text; a child frame has the background scan for it, so that it never holds a matcher. Flags stay current
 * as the page changes; cards open on hover, click or shortcut. A new watchlist version, a pause or a sign-out
 * arrives as a "refresh" and replaces the session.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { injectedLoadMatcher } from '../lib/injected-matcher';
import { handleMessages, sendToBackground, type TabProtocol } from '../lib/messaging';
import type { FlagData, PreparedFlags } from '../lib/storage';
import { createCard } from './card';
import { changedRoots, type Changes } from './changes';
import { collectText } from './collect';
import { supportsHighlights } from './highlight';
import { createNavigator } from './navigate';
import { createPageObserver } from './observe';
import { watchPointer } from './pointer';
import { CHUNK_CHARS, concat, precollect, yieldTask, yieldToPage, type Matching } from './scan';
import { startSession, type Session } from './session';

/** While the matcher is on its way: short slices, so that its arrival is noticed soon. */
const WAITING_SLICE_MS = 8;

interface Source {
  version: string;
  matching: Matching;
}

/** A frame without any text yet (an empty iframe, an ad slot) asks for nothing until text appears. */
function hasText(doc: Document): boolean {
  return !!doc.body?.textContent?.trim();
}

/** Parsing the prepared matcher and loading it are separate tasks, so neither adds to a long one. */
async function localSource(prepared: PreparedFlags, startedAt: number): Promise<Source | null> {
  const loadMatcher = injectedLoadMatcher();
  if (!loadMatcher) return null;
  const data: FlagData = JSON.parse(prepared.json);
  await yieldToPage();
  const matching: Matching = { local: loadMatcher(data.compiled), kinds: data.kinds };
  // Visible in the browser's performance tools (and read by the bench): how long a tab waits for its matcher.
  performance.measure('zuiver:matcher-ready', { start: startedAt });
  await yieldToPage();
  return { version: data.version, matching };
}

function remoteSource(version: string): Source {
  const remote = async (texts: string[]) => {
    const reply = await sendToBackground('scan', texts).catch(() => null);
    // A reply for another version is dropped: the refresh that follows a sync brings the new one.
    return reply?.version === version ? reply.matches : null;
  };
  return { version, matching: { remote } };
}

export function startFlags(ctx: ContentScriptContext): void {
  if (!supportsHighlights()) return;
  const startedAt = performance.now();
  const doc = document;
  const isTop = window === window.top;
  const observer = createPageObserver(ctx, doc);
  const card = createCard(ctx, doc);
  const shadowRoots: ShadowRoot[] = [];
  let session: Session | null = null;
  // Changes seen while the first load collects text ahead of its matcher, scanned once the session has started.
  let early: Changes[] | null = null;

  const onShadowRoot = (root: ShadowRoot) => {
    if (shadowRoots.includes(root)) return;
    shadowRoots.push(root);
    observer.observe(root);
    session?.adopt(root);
  };
  const wholeText = () => collectText([doc.body ?? doc.documentElement], CHUNK_CHARS, onShadowRoot);

  observer.subscribe((records) => {
    // Signed out, paused or still waiting for text: nothing will be drawn, so nothing to work out.
    if (!session && !early) return;
    const changes = changedRoots(records);
    if (!changes.roots.length && !changes.removed) return;
    if (session) session.rescan(changes);
    else early?.push(changes);
  });

  const replace = (source: Source | null, text = wholeText(), onFirstPass?: () => void) => {
    card.close();
    session?.stop();
    session = source && startSession({ doc, ...source, shadowRoots, onShadowRoot, text, onFirstPass });
    for (const changes of early ?? []) session?.rescan(changes);
    early = null;
  };

  /** The prepared matcher and, where it is not there yet, the matcher's code: both asked for at once. */
  const localMatcher = async (): Promise<Source | null> => {
    const [prepared] = await Promise.all([
      sendToBackground('flagData').catch(() => null),
      injectedLoadMatcher() ?? sendToBackground('injectMatcher').catch(() => false),
    ]);
    return prepared && localSource(prepared, startedAt);
  };

  const fetchSource = (version: string) => (isTop ? localMatcher() : Promise.resolve(remoteSource(version)));

  /** The first load of the top frame: the page's text is collected while the matcher is on its way. */
  const firstLoad = async () => {
    let arrived = false;
    early = [];
    const loading = localMatcher().finally(() => (arrived = true));
    const text = wholeText();
    // A plain task between slices: after scheduler.yield() our next slice would go ahead of the reply and of the
    // matcher's injected code, which would then wait until the whole page is collected.
    const collected = await precollect(text, () => arrived, WAITING_SLICE_MS, yieldTask);
    const source = await loading;
    if (ctx.isInvalid) return;
    const onFirstPass = () => performance.measure('zuiver:first-pass', { start: startedAt });
    replace(source, concat(collected, text), onFirstPass);
  };

  // Loads run one after the other, so two quick refreshes never leave two sessions drawing; one that fails
  // (a prepared matcher that does not load) leaves the page as it was and the next one still runs.
  let loading = Promise.resolve();
  const refresh = () => {
    loading = loading
      .then(async () => {
        // The version first: most refreshes (a pause elsewhere, a sync without news) change nothing here.
        const version = await sendToBackground('flagVersion').catch(() => null);
        if (ctx.isInvalid || version === (session?.version ?? null)) return;
        const source = version ? await fetchSource(version) : null;
        if (!ctx.isInvalid) replace(source);
      })
      .catch(() => undefined);
    return loading;
  };

  const navigator = createNavigator(doc, () => session?.store ?? null, card);
  watchPointer(ctx, doc, card, () => session);
  ctx.onInvalidated(handleMessages<TabProtocol>({ refresh, moveFlag: (direction) => navigator.move(direction) }));
  ctx.onInvalidated(() => session?.stop());

  if (isTop) {
    loading = firstLoad().catch(() => undefined);
  } else if (hasText(doc)) {
    void refresh();
  } else {
    const stopWaiting = observer.subscribe(() => {
      if (!hasText(doc)) return;
      stopWaiting();
      void refresh();
    });
  }
}
