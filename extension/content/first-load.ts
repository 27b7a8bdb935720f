/**
 * A top frame's first draw. Its matcher is asked for when the content script starts (document_start, see
 * sources.ts). On a long page the matcher arrives while the page is still coming in, and the page is flagged as it
 * comes (page/parsing.ts); on a short one, the page's text is collected while the matcher is on its way.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Changes } from './page/changes.ts';
import type { PageObserver } from './page/observe.ts';
import { ParseFrontier, parsed } from './page/parsing.ts';
import { concat, paceEvery, precollect, yieldTask } from './pacing.ts';
import type { CurrentSession } from './current-session.ts';
import { firstMatcher, type Source } from './sources.ts';

/** While the matcher is on its way: short slices, so that its arrival is noticed soon. */
const WAITING_SLICE_MS = 8;
/** While the page is parsed: how often what came in is scanned. */
const PARSING_STEP_MS = 50;

/** The top frame's matcher, asked for when the content script starts (document_start). */
export interface Prefetch {
  source: Promise<Source | null>;
  arrived(): boolean;
}

export function prefetchMatcher(): Prefetch {
  let arrived = false;
  // A matcher that fails to load leaves the page unflagged until the next refresh, as one that never came.
  const source = firstMatcher(performance.now())
    .catch(() => null)
    .finally(() => (arrived = true));
  return { source, arrived: () => arrived };
}

/** Parts of the page the parser finished: new text, nothing removed. */
const added = (roots: Node[][]): Changes => ({ roots, removed: false });

const firstPassFrom = (parsedAt: number) => () => performance.measure('zuiver:first-pass', { start: parsedAt });

/** The matcher came before the page was parsed: the page is scanned as it comes in. */
async function whileParsing(
  ctx: ContentScriptContext,
  doc: Document,
  observer: PageObserver,
  current: CurrentSession,
  source: Source,
) {
  const frontier = new ParseFrontier(doc, (node) => observer.observe(node));
  current.replace(source, current.textOf(frontier.advance(false)));
  let parsedAt = 0;
  let rest: Promise<void> | null = null;
  const done = parsed(doc).then(() => {
    if (ctx.isInvalid) return;
    parsedAt = performance.now();
    // In the same task as the last step, so that no change falls between the frontier and the observer. A
    // shadow root that a script attached to a part already handed out is found when the page has loaded
    // (late-shadows.ts).
    const last = frontier.advance(true);
    observer.observe(doc);
    rest = current.changed(added(last));
    // Still in the browser's task that ends parsing: the rest of the page is flagged before its layout, in one
    // stretch that counts from the end of parsing, the frontier's last step included.
    current.get()?.hurry(parsedAt);
  });
  while (!parsedAt && ctx.isValid) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, PARSING_STEP_MS))]);
    if (!parsedAt) await current.changed(added(frontier.advance(false)));
  }
  if (ctx.isInvalid) return;
  await rest;
  firstPassFrom(parsedAt)();
}

/** The page was parsed before the matcher came: its text is collected while the matcher is on its way. */
async function afterParsing(ctx: ContentScriptContext, current: CurrentSession, { source, arrived }: Prefetch) {
  const onFirstPass = firstPassFrom(performance.now());
  current.holdChanges();
  const text = current.wholeText();
  // A plain task between slices: after scheduler.yield() our next slice would go ahead of the reply, which
  // would then wait until the whole page is collected.
  const collected = await precollect(text, arrived, paceEvery(WAITING_SLICE_MS, yieldTask));
  const loaded = await source;
  if (ctx.isValid) current.replace(loaded, concat(collected, text), onFirstPass);
}

/** Draws the first flags; the document is observed from when it is parsed. */
export async function firstLoad(
  ctx: ContentScriptContext,
  doc: Document,
  observer: PageObserver,
  current: CurrentSession,
  prefetch: Prefetch,
) {
  const source = prefetch.arrived() ? await prefetch.source : undefined;
  if (source && doc.readyState === 'loading') return whileParsing(ctx, doc, observer, current, source);
  await parsed(doc);
  observer.observe(doc);
  // Nothing to draw (signed out, a paused site, a copy too old): the refresh that follows brings any there are.
  if (source !== null) await afterParsing(ctx, current, prefetch);
}
