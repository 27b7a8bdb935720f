/**
 * Shadow roots attached after the page was scanned. A script that attaches one to an element already on the page
 * (a custom element whose definition loads late, a widget that renders once the page has loaded) changes nothing
 * the mutation observer sees. So the page is looked over when it has loaded and a few times in the half minute
 * after, when such scripts run; widgets added later come with new elements, which the observer does see.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { shadowRootsIn } from './shadow-hosts.ts';
import { paceEvery, precollect, SLICE_MS } from '../pacing.ts';

const CHECKS_AFTER_LOAD_MS = [0, 1000, 5000, 30_000];

function* shadowRootsOf(scopes: Array<Document | ShadowRoot>): Generator<ShadowRoot[]> {
  for (const scope of scopes) yield* shadowRootsIn(scope);
}

/** Calls `found` with the open shadow roots of the document and of `known` roots that are not in `known` yet. */
export function watchLateShadowRoots(
  ctx: ContentScriptContext,
  doc: Document,
  known: ShadowRoot[],
  found: (roots: ShadowRoot[]) => void,
): void {
  const check = async () => {
    // In slices: a page of components can hold thousands of roots, each a query of its own.
    const roots = await precollect(shadowRootsOf([doc, ...known]), () => ctx.isInvalid, paceEvery(SLICE_MS));
    const late = roots.flat().filter((root) => !known.includes(root));
    if (late.length && ctx.isValid) found(late);
  };
  const schedule = () => {
    for (const delay of CHECKS_AFTER_LOAD_MS) ctx.setTimeout(() => void check(), delay);
  };
  const view = doc.defaultView;
  if (doc.readyState === 'complete' || !view) schedule();
  else ctx.addEventListener(view, 'load', schedule, { once: true });
}
