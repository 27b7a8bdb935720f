/**
 * The content script's features, wired together for one document. The top frame reads its prepared matcher from
 * storage as soon as it starts (document_start, lib/flag-data.ts), and the background confirms or corrects what it
 * drew right after; the matcher's code is there already (see lib/matcher-script.ts). On a long page the matcher
 * arrives while the page is still coming in, and the page is flagged as it comes (parsing.ts); on a short one, the
 * page's text is collected while it is on its way. A child frame has the background scan for it, so that it never
 * holds a matcher. Flags stay current as the page changes; cards open on hover, click or shortcut. A new watchlist
 * version, a pause or a sign-out arrives as a "refresh" and replaces the session.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadedMatcher } from '../shared/matcher-loading';
import { handleMessages, sendToBackground, type TabProtocol } from '../shared/messaging';
import { flagsToDraw, kindsOf, storedFlags, type PreparedFlags } from '../shared/flag-data';
import { createCard } from './card/card';
import { changedRoots, type Changes } from './page/changes';
import { collectText } from './page/collect';
import { createNavigator } from './card/navigate';
import { watchLateShadowRoots } from './page/late-shadows';
import { createPageObserver } from './page/observe';
import { createOverlay } from './overlay';
import { ParseFrontier } from './page/parsing';
import { watchPointer } from './card/pointer';
import { CHUNK_CHARS, type Matching } from './flags/scan';
import { concat, paceEvery, precollect, yieldTask, yieldToPage } from './pacing';
import { startSession, type Session } from './flags/session';
import { ShadowRoots } from './page/shadow-roots';

/** While the matcher is on its way: short slices, so that its arrival is noticed soon. */
const WAITING_SLICE_MS = 8;
/** While the page is parsed: how often what came in is scanned. */
const PARSING_STEP_MS = 50;

interface Source {
  version: string;
  matching: Matching;
}

/** A frame without any text yet (an empty iframe, an ad slot) asks for nothing until text appears. */
function hasText(doc: Document): boolean {
  return !!doc.body?.textContent?.trim();
}

/**
 * The prepared matcher loaded: a millisecond or two, since its tables come built. Measured, as the part of the
 * matcher's readiness that is ours; the rest is the browser answering (storage, the background).
 */
function localSource(prepared: PreparedFlags): Source | null {
  const loadMatcher = loadedMatcher();
  if (!loadMatcher) return null;
  const start = performance.now();
  const source = { version: prepared.version, matching: { local: loadMatcher(prepared.compiled), kinds: kindsOf(prepared) } };
  performance.measure('zuiver:matcher-load', { start });
  return source;
}

/** The version of the flags this page draws, null for none (signed out, a paused site, no usable copy). */
function askVersion(): Promise<string | null> {
  return sendToBackground('flagVersion').catch(() => null);
}

/**
 * A top frame's first matcher, read from storage and drawn without waiting for the background, whose service
 * worker may be asleep (50-60 ms to wake): the tab decides from what storage says (lib/flag-data.ts), and the
 * background's answer follows as the first refresh, which replaces whatever it disagrees with. When the matcher
 * is ready is measured from `startedAt` (visible in the browser's performance tools, and read by the bench). The
 * first scan is a task of its own, so that it adds to no long one.
 */
async function firstMatcher(startedAt: number): Promise<Source | null> {
  const prepared = await flagsToDraw(location.hostname, Date.now()).catch(() => null);
  const source = prepared && localSource(prepared);
  if (source) performance.measure('zuiver:matcher-ready', { start: startedAt });
  await yieldToPage();
  return source;
}

/**
 * The prepared matcher of `version`, from storage; from the background where storage holds another version (a
 * sync under way) or format (flags an earlier release prepared).
 */
async function localMatcher(version: string): Promise<Source | null> {
  const stored = await storedFlags().catch(() => null);
  const prepared = stored?.version === version ? stored : await sendToBackground('flagData').catch(() => null);
  const source = prepared && localSource(prepared);
  await yieldToPage();
  return source;
}

function remoteSource(version: string): Source {
  const remote = async (texts: string[]) => {
    const reply = await sendToBackground('scan', texts).catch(() => null);
    // A reply for another version is dropped: the refresh that follows a sync brings the new one.
    return reply?.version === version ? reply.matches : null;
  };
  return { version, matching: { remote } };
}

/** Parts of the page the parser finished: new text, nothing removed. */
const added = (roots: Node[][]): Changes => ({ roots, removed: false });

/** Resolves once the document is parsed: DOMContentLoaded, which comes at or before WXT's document_idle. */
function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** The top frame's matcher, asked for when the content script starts (document_start). */
interface Prefetch {
  source: Promise<Source | null>;
  arrived(): boolean;
}

/**
 * Runs at document_start. The top frame asks for its matcher at once: on a long page it is there well before the
 * page is parsed, and flags are drawn while the rest of the page comes in. A child frame starts once it is parsed.
 */
export function startFlags(ctx: ContentScriptContext): void {
  if (typeof StaticRange !== 'function' || typeof IntersectionObserver !== 'function') return;
  const doc = document;
  if (window !== window.top) {
    void parsed(doc).then(() => ctx.isValid && flagDocument(ctx, doc, null));
    return;
  }
  let arrived = false;
  // A matcher that fails to load leaves the page unflagged until the next refresh, as one that never came.
  const source = firstMatcher(performance.now())
    .catch(() => null)
    .finally(() => (arrived = true));
  void Promise.race([source, parsed(doc)]).then(() => ctx.isValid && flagDocument(ctx, doc, { source, arrived: () => arrived }));
}

function flagDocument(ctx: ContentScriptContext, doc: Document, prefetch: Prefetch | null): void {
  const observer = createPageObserver(ctx);
  const overlay = createOverlay(ctx, doc, observer);
  const card = createCard(ctx, doc, overlay);
  const shadowRoots = new ShadowRoots();
  let session: Session | null = null;
  // Changes seen while the first load collects text ahead of its matcher, scanned once the session has started.
  let early: Changes[] | null = null;

  const onShadowRoot = (root: ShadowRoot) => {
    if (!shadowRoots.add(root)) return;
    observer.observe(root);
  };
  const wholeText = () => collectText([doc.body ?? doc.documentElement], CHUNK_CHARS, onShadowRoot);

  observer.subscribe((records) => {
    // Signed out, paused or still waiting for text: nothing will be drawn, so nothing to work out.
    if (!session && !early) return;
    const changes = changedRoots(records);
    if (!changes.roots.length && !changes.removed) return;
    if (session) void session.rescan(changes);
    else early?.push(changes);
  });

  const replace = (source: Source | null, text = wholeText(), onFirstPass?: () => void) => {
    card.close();
    const replaces = !!session && !!source;
    session?.stop(!replaces);
    session = source && startSession({ ctx, doc, overlay, observer, ...source, shadowRoots: shadowRoots.list, onShadowRoot, text, onFirstPass, replaces });
    for (const changes of early ?? []) void session?.rescan(changes);
    early = null;
  };

  const fetchSource = (version: string) => (prefetch ? localMatcher(version) : Promise.resolve(remoteSource(version)));
  const firstPassFrom = (parsedAt: number) => () => performance.measure('zuiver:first-pass', { start: parsedAt });

  /** The matcher came before the page was parsed: the page is scanned as it comes in. */
  const whileParsing = async (source: Source) => {
    const frontier = new ParseFrontier(doc, (node) => observer.observe(node));
    replace(source, collectText(frontier.advance(false), CHUNK_CHARS, onShadowRoot));
    let parsedAt = 0;
    const done = parsed(doc).then(() => {
      parsedAt = performance.now();
      // Still in the browser's task that ends parsing: the rest of the page is flagged before its layout.
      session?.hurry();
    });
    while (!parsedAt && ctx.isValid) {
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, PARSING_STEP_MS))]);
      if (!parsedAt) await session?.rescan(added(frontier.advance(false)));
    }
    if (ctx.isInvalid) return;
    // In the same task as the last step, so that no change falls between the frontier and the observer. A shadow
    // root that a script attached to a part already handed out is found when the page has loaded (late-shadows.ts).
    const last = frontier.advance(true);
    observer.observe(doc);
    await session?.rescan(added(last));
    firstPassFrom(parsedAt)();
  };

  /** The page was parsed before the matcher came: its text is collected while the matcher is on its way. */
  const afterParsing = async ({ source, arrived }: Prefetch) => {
    const onFirstPass = firstPassFrom(performance.now());
    early = [];
    const text = wholeText();
    // A plain task between slices: after scheduler.yield() our next slice would go ahead of the reply, which
    // would then wait until the whole page is collected.
    const collected = await precollect(text, arrived, paceEvery(WAITING_SLICE_MS, yieldTask));
    const loaded = await source;
    if (ctx.isValid) replace(loaded, concat(collected, text), onFirstPass);
  };

  const firstLoad = async (prefetch: Prefetch) => {
    const source = prefetch.arrived() ? await prefetch.source : undefined;
    if (source && doc.readyState === 'loading') return whileParsing(source);
    await parsed(doc);
    observer.observe(doc);
    // Nothing to draw (signed out, a paused site, a copy too old): the refresh that follows brings any there are.
    if (source !== null) await afterParsing(prefetch);
  };

  // Loads run one after the other, so two quick refreshes never leave two sessions drawing; one that fails
  // (a prepared matcher that does not load) leaves the page as it was and the next one still runs.
  let loading = Promise.resolve();
  const refresh = () => {
    loading = loading
      .then(async () => {
        // The version first: most refreshes (a pause elsewhere, a sync without news) change nothing here.
        const version = await askVersion();
        if (ctx.isInvalid || version === (session?.version ?? null)) return;
        const source = version ? await fetchSource(version) : null;
        if (!ctx.isInvalid) replace(source);
      })
      .catch(() => undefined);
    return loading;
  };

  const navigator = createNavigator(doc, () => session, card);
  watchPointer(ctx, doc, card, () => session);
  watchLateShadowRoots(ctx, doc, shadowRoots.list, (roots) => {
    roots.forEach(onShadowRoot);
    const changes = { roots, removed: false };
    if (session) void session.rescan(changes);
    else early?.push(changes);
  });
  ctx.onInvalidated(handleMessages<TabProtocol>({ refresh, moveFlag: (direction) => navigator.move(direction) }));
  ctx.onInvalidated(() => session?.stop());
  // A frame removed or navigated away no longer shows its flags, nor does a page in the back-forward cache.
  ctx.addEventListener(window, 'pagehide', () => session?.shown(false));
  ctx.addEventListener(window, 'pageshow', (event) => event.persisted && session?.shown(true));

  // The top frame's first load observes once its page is parsed (see parsing.ts).
  if (!prefetch) observer.observe(doc);
  if (prefetch) {
    loading = firstLoad(prefetch).catch(() => undefined);
    // The background's word on what the tab drew by itself.
    void refresh();
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
