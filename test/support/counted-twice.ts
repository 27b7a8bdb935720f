/**
 * The count of a supplier named twice far out of view, in each browser's suite: the visibility check passes over
 * a second mention while the first counts the supplier, and comes back to it once the first is gone
 * (extension/content/flags/checking.ts). `run` runs script source in the page; `counted` reads the suppliers
 * (registry ids) the tab's frames report, from which the popup and the badge are drawn.
 */
import type { ExtensionRig } from './extension-seed.ts';
import { waitFor } from './wait.ts';

export async function countAfterFirstMentionsGo(
  rig: ExtensionRig,
  fixture: string,
  run: (source: string) => Promise<unknown>,
  counted: () => Promise<string[]>,
): Promise<void> {
  // Two suppliers the fixture page does not name.
  const onPage = new Set(Object.values(rig.expected[fixture].flag));
  const [kept, hidden] = [...rig.registry.names.keys()].filter((id) => !onPage.has(id)).slice(0, 2);
  const mentions = [
    ['kept-1', kept, ''],
    ['kept-2', kept, ''],
    ['hidden-1', hidden, ''],
    ['hidden-2', hidden, 'visibility: hidden'],
  ].map(([id, supplier, style]) => ({ id, style, text: `Offerte van ${rig.registry.names.get(supplier)} ontvangen.` }));
  // Far below the view, where no flag is drawn: only the visibility check looks at them.
  await run(`{
    const far = document.body.appendChild(document.createElement('div'));
    far.style.marginTop = '400vh';
    for (const { id, style, text } of ${JSON.stringify(mentions)}) {
      const p = far.appendChild(document.createElement('p'));
      Object.assign(p, { id, textContent: text });
      p.style.cssText = style;
    }
  }`);
  const counts = (ids: string[], supplier: string) => ids.includes(rig.registry.ids.get(supplier)!);
  await waitFor('both suppliers counted', counted, (ids) => counts(ids, kept) && counts(ids, hidden));
  await run(`['kept-1', 'hidden-1'].forEach((id) => document.getElementById(id).remove())`);
  // `kept` may leave the count for a moment, until its other mention is checked.
  await waitFor('the count to follow', counted, (ids) => counts(ids, kept) && !counts(ids, hidden));
}
