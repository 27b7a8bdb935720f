/**
 * A hostile page: its script tries everything a page can to learn what the extension flags and why, and to
 * erase the flags. It names some suppliers where the reader sees them (o… ids) and puts others in text nobody
 * sees (n… ids: `display: none`, `visibility: hidden`, zero size, clipped to a pixel, off the page): the probe
 * that would enumerate the watchlist if hidden text were flagged. `window.hostile.report()` says what the page
 * could read; `window.hostile.erase()` removes whatever the page did not put there itself.
 */
import { expect } from 'vitest';
import type { ExpectedFlags } from './pages.ts';

export interface HostileReport {
  /** Names in `CSS.highlights`, and how many ranges they hold. */
  highlights: string[];
  ranges: number;
  /** Elements the page did not add itself. */
  added: Array<{
    tag: string;
    attributes: string[];
    text: string;
    children: number;
    openShadow: boolean;
    parent: string;
  }>;
  /** What `elementsFromPoint` finds over each visible mention: `page` for the page's own elements. */
  hits: string[];
  /** The text of every style sheet rule the page can read, and the number of adopted sheets. */
  rules: string;
  adopted: number;
  /** Computed styles of the mentions that changed since the page was parsed. */
  restyled: string[];
  /** Whether the page's scroll size changed. */
  resized: boolean;
  /** Changes to the hidden probes that the page did not make. */
  probeChanges: number;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const HIDING = [
  'display: none',
  'visibility: hidden',
  'display: inline-block; width: 0; height: 0; overflow: hidden',
  'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap',
  'position: absolute; left: -9999px; top: 0',
];

/** The page, what must and must not be flagged on it, and the suppliers named only in hidden text. */
export function hostilePage(suppliers: Array<{ id: string; names: string[] }>): {
  html: string;
  expected: ExpectedFlags;
  hiddenOnly: string[];
} {
  const flag: Record<string, string> = {};
  const noFlag: string[] = [];
  const visible = suppliers.slice(0, 3);
  const hidden = suppliers.slice(3, 3 + HIDING.length);
  const mentions = visible.map((s, i) => {
    flag[`ovisible${i}`] = s.id;
    return `<p>Inschrijving van <span id="ovisible${i}">${esc(s.names[0])}</span> ontvangen.</p>`;
  });
  const probes = hidden.map((s, i) => {
    noFlag.push(`nhidden${i}`);
    return `<div class="probe" style="${HIDING[i]}"><span id="nhidden${i}">${esc(s.names[0])}</span></div>`;
  });
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Portaal</title>
<style>body { font: 16px sans-serif; margin: 20px } .probe { color: #333 }</style></head><body>
<h1>Inschrijvingen</h1>${mentions.join('\n')}<p><span id="nplain">Firma zonder belang</span></p>${probes.join('\n')}
<script>
const own = new Set(document.querySelectorAll('*'));
const mentions = [...document.querySelectorAll('[id^="ovisible"]')];
const styleOf = (el) => { const s = getComputedStyle(el); return [s.textDecoration, s.backgroundColor, s.color, s.outline, s.boxShadow].join('|'); };
const styles = new Map(mentions.map((el) => [el, styleOf(el)]));
const size = () => document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight;
let initialSize = null;
addEventListener('load', () => { initialSize = size(); });
let probeChanges = 0;
new MutationObserver((records) => { probeChanges += records.length; }).observe(document.querySelector('.probe').parentNode, { subtree: true, attributes: true, childList: true, characterData: true });
window.hostile = {
  report() {
    let ranges = 0;
    const highlights = typeof CSS !== 'undefined' && CSS.highlights ? [...CSS.highlights.keys()] : [];
    if (highlights.length) for (const h of CSS.highlights.values()) ranges += h.size;
    const added = [...document.querySelectorAll('*')].filter((el) => !own.has(el)).map((el) => ({
      tag: el.localName, attributes: [...el.attributes].map((a) => a.name), text: el.textContent, children: el.childNodes.length,
      openShadow: el.shadowRoot !== null, parent: el.parentElement ? el.parentElement.localName : '',
    }));
    const hits = [];
    for (const el of mentions) {
      const range = document.createRange();
      range.selectNodeContents(el);
      for (const r of range.getClientRects()) {
        for (const [dx, dy] of [[0.5, 0.5], [0.2, 0.9], [0.8, 0.95]]) {
          for (const hit of document.elementsFromPoint(r.left + r.width * dx, r.top + r.height * dy)) hits.push(own.has(hit) ? 'page' : 'added ' + hit.localName);
        }
      }
    }
    const rules = [...document.styleSheets].map((s) => { try { return [...s.cssRules].map((r) => r.cssText).join(' '); } catch { return 'unreadable'; } }).join(' ');
    const restyled = mentions.filter((el) => styleOf(el) !== styles.get(el)).map((el) => el.id);
    return { highlights, ranges, added, hits, rules, adopted: document.adoptedStyleSheets.length, restyled, resized: initialSize !== null && size() !== initialSize, probeChanges };
  },
  erase() {
    if (typeof CSS !== 'undefined' && CSS.highlights) CSS.highlights.clear();
    const strangers = [...document.querySelectorAll('*')].filter((el) => !own.has(el));
    for (const el of strangers) el.remove();
    return strangers.length;
  },
};
</script></body></html>`;
  return { html, expected: { flag, noFlag }, hiddenOnly: hidden.map((s) => s.id) };
}

/** What the page's script could read: nothing of ours but one empty element, if that. */
export function expectNothingLearnt(report: HostileReport) {
  expect(report.highlights).toEqual([]);
  expect(report.ranges).toBe(0);
  expect(report.added.length).toBeLessThanOrEqual(1);
  for (const element of report.added) {
    expect(element).toEqual({
      tag: element.tag,
      attributes: [],
      text: '',
      children: 0,
      openShadow: false,
      parent: 'html',
    });
  }
  expect(report.hits.length).toBeGreaterThan(0);
  expect(report.hits.filter((hit) => hit !== 'page')).toEqual([]);
  expect(report.rules).not.toMatch(/zuiver|highlight/i);
  expect(report.adopted).toBe(0);
  expect(report.restyled).toEqual([]);
  expect(report.resized).toBe(false);
  expect(report.probeChanges).toBe(0);
}
