// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import fixtures from '../../../../shared/fixtures/watchlist.json';
import { PARAGRAPH_SEPARATOR, createMatcher } from '../../../core/matcher/index.ts';
import { changedRoots, inlineRun } from '../../../extension/content/page/changes.ts';
import { collectText, type TextChunk } from '../../../extension/content/page/collect.ts';
import { shadowRootsIn } from '../../../extension/content/page/shadow-hosts.ts';
import { buildRanges, type TextSpan } from '../../../extension/content/flags/ranges.ts';

const matcher = createMatcher(fixtures);

function collect(roots: Array<Node | Node[]>, maxChars = 1 << 20, onShadowRoot?: (r: ShadowRoot) => void): TextChunk[] {
  return [...collectText(roots, maxChars, onShadowRoot)];
}

/** The text of each run of a chunk, as the reader would see the stretches (element edges read as one space). */
function runs(chunk: TextChunk): string[] {
  return chunk.text.split(PARAGRAPH_SEPARATOR).map((run) => run.replace(/\s+/g, ' ').trim());
}

function text(range: TextSpan): string {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live.toString();
}

/** Scans `html` in the body and returns the matched text and supplier id of every range. */
function flagsIn(html: string): Array<[string, string]> {
  document.body.innerHTML = html;
  return collect([document.body]).flatMap((chunk) =>
    buildRanges(chunk, matcher.scan(chunk.text)).map((f): [string, string] => [
      text(f.range),
      fixtures[f.match.supplier].id,
    ]),
  );
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('collecting text', () => {
  it('joins text split over inline elements into one stretch, and starts a new one at each block', () => {
    document.body.innerHTML =
      '<p><b>Bouwbedrijf</b> Jansen <i>B.V.</i></p><div>Tweede<br>regel</div><table><tr><td>a</td><td>b</td></tr></table>';
    expect(runs(collect([document.body])[0])).toEqual(['Bouwbedrijf Jansen B.V.', 'Tweede', 'regel', 'a', 'b']);
  });

  it('reads a word split over elements as one word, as the page shows it', () => {
    document.body.innerHTML =
      '<p><mark>Bouw</mark>bedrijf, Installatie<wbr>techniek, info@<wbr>firma.nl, <b>Ge</b><i>ïntegreerd</i></p><p></p>';
    // Text nodes side by side, as a page's script may leave them: one text.
    document.querySelectorAll('p')[1].append('KvK 3822', '5655');
    expect(runs(collect([document.body])[0])).toEqual([
      'Bouwbedrijf, Installatietechniek, info@firma.nl, Geïntegreerd',
      'KvK 38225655',
    ]);
  });

  it('keeps an element edge a word break before a capital, a digit, a sign or an address', () => {
    document.body.innerHTML =
      '<p><span>Stedin</span><span>Storing</span> <b>Perceel</b>2 <b>Blom</b>-bouw <span>Jan Smit</span><span>jan@smit.nl</span></p>';
    expect(runs(collect([document.body])[0])).toEqual(['Stedin Storing Perceel 2 Blom -bouw Jan Smit jan@smit.nl']);
  });

  it('skips scripts, styles, templates and the values of form fields, but not contenteditable text', () => {
    document.body.innerHTML =
      '<script>var x = "Lichtpunt Westland V.O.F."</script><style>.a{}</style><template>t</template>' +
      '<textarea>in een veld</textarea><select><option>optie</option></select><input value="waarde">' +
      '<div contenteditable="true">Bewerkbaar</div><noscript>ns</noscript>';
    expect(runs(collect([document.body])[0])).toEqual(['Bewerkbaar']);
  });

  it('walks open shadow roots and reports each one', () => {
    const host = document.createElement('div');
    document.body.append('voor', host, 'na');
    host.attachShadow({ mode: 'open' }).innerHTML = '<span>in de schaduw</span>';
    const found: ShadowRoot[] = [];
    const [chunk] = collect([document.body], 1 << 20, (root) => found.push(root));
    expect(runs(chunk)).toEqual(['voor', 'na', 'in de schaduw']);
    expect(found).toEqual([host.shadowRoot]);
  });

  it('finds the shadow roots attached after a scan, on built-in hosts and on the custom elements it met', () => {
    document.body.innerHTML =
      '<div id="a"></div><late-card></late-card><section><p id="b"></p></section><unseen-card></unseen-card>';
    collect([document.body.firstElementChild!, document.body.children[1], document.body.children[2]]);
    const attach = (selector: string) => document.querySelector(selector)!.attachShadow({ mode: 'open' });
    const roots = ['#a', 'late-card', '#b', 'unseen-card'].map(attach);
    // unseen-card was never scanned: when it is, the walk finds its root; until then it holds no text of ours.
    const found = [...shadowRootsIn(document)].flat();
    // By identity: toEqual would take one empty shadow root for another.
    expect(roots.map((root) => found.includes(root))).toEqual([true, true, true, false]);
    expect(found).toHaveLength(3);
  });

  it('finds the shadow roots attached after a scan inside a shadow tree too', () => {
    const tree = document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
    tree.innerHTML = '<p id="a"></p><inner-card></inner-card><b></b>';
    collect([tree]);
    const roots = ['#a', 'inner-card'].map((selector) => tree.querySelector(selector)!.attachShadow({ mode: 'open' }));
    const found = [...shadowRootsIn(tree)].flat();
    expect(roots.map((root) => found.includes(root))).toEqual([true, true]);
    expect(found).toHaveLength(2);
  });

  it('cuts large pages into chunks between runs, never inside one', () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p>regel ${i} <b>vet</b> einde</p>`).join('');
    const chunks = collect([document.body], 100);
    expect(chunks.length).toBeGreaterThan(5);
    const all = chunks.flatMap(runs);
    expect(all).toHaveLength(50);
    expect(all.every((run) => /^regel \d+ vet einde$/.test(run))).toBe(true);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThan(200);
  });

  it('treats a group of sibling nodes as one stretch', () => {
    document.body.innerHTML = '<p>x <b>Bouwbedrijf</b> Jansen y</p>';
    const p = document.querySelector('p')!;
    const [chunk] = collect([[...p.childNodes]]);
    expect(runs(chunk)).toEqual(['x Bouwbedrijf Jansen y']);
  });

  it('keeps offsets exact: each node starts where its text starts in the joined string', () => {
    document.body.innerHTML = '<div>één</div><p>twee <em>drie</em></p>';
    const [chunk] = collect([document.body]);
    chunk.nodes.forEach((node, i) =>
      expect(chunk.text.slice(chunk.starts[i], chunk.starts[i] + node.length)).toBe(node.data),
    );
  });
});

describe('building ranges', () => {
  it('maps a match back onto the text nodes it covers, across inline elements', () => {
    document.body.innerHTML = '<p>Overleg met <strong>Energieadvies</strong> van Leeuwen &amp; Zn. B.V. vandaag</p>';
    const [chunk] = collect([document.body]);
    const start = chunk.text.indexOf('Energieadvies');
    const end = chunk.text.indexOf(' vandaag');
    const [found] = buildRanges(chunk, [{ supplier: 0, start, end, kind: 'name' }]);
    expect(found.range.startContainer).toBe(document.querySelector('strong')!.firstChild);
    expect(found.range.startOffset).toBe(0);
    expect(found.nodes).toHaveLength(2);
    expect(text(found.range)).toBe('Energieadvies van Leeuwen & Zn. B.V.');
  });

  it('handles matches in any order and several in one node', () => {
    document.body.innerHTML = '<p>aaa bbb ccc</p>';
    const [chunk] = collect([document.body]);
    const found = buildRanges(chunk, [
      { supplier: 2, start: 8, end: 11, kind: 'name' },
      { supplier: 0, start: 0, end: 3, kind: 'name' },
    ]);
    expect(found.map((f) => [f.match.supplier, text(f.range)])).toEqual([
      [0, 'aaa'],
      [2, 'ccc'],
    ]);
  });
});

describe('collecting and matching together', () => {
  it('finds a fixture supplier whose name is split over elements, and its KvK number', () => {
    const flags = flagsIn('<p>Nota opgesteld met <b>Energieadvies</b> van Leeuwen &amp; Zn. B.V. (KvK 38225655).</p>');
    expect(flags.map(([, id]) => id)).toEqual(['s00232', 's00232']);
    expect(flags[0][0]).toBe('Energieadvies van Leeuwen & Zn. B.V.');
  });

  it('ends words at element edges: a domain glued to the next element is still found', () => {
    const flags = flagsIn('<div><span>offerte@vandijkvloerenbedrij.com</span><span>Offerte onderhoud</span></div>');
    expect(flags).toEqual([['offerte@vandijkvloerenbedrij.com', 's00193']]);
  });

  it('finds a name with a search term highlighted inside a word, or broken with <wbr>', () => {
    expect(flagsIn('<p>Gezocht: <mark>Keuken</mark>montage Blom N.V.</p>')).toEqual([
      ['Keukenmontage Blom N.V.', 's00287'],
    ]);
    expect(flagsIn('<p>Keuken<wbr>montage Blom N.V.</p>')).toEqual([['Keukenmontage Blom N.V.', 's00287']]);
  });

  it('never makes one name of two table cells, and finds the name inside one cell', () => {
    expect(flagsIn('<table><tr><td>Keukenmontage</td><td>Blom N.V.</td></tr></table>')).toEqual([]);
    expect(
      flagsIn('<table><tr><td>Bouwbedrijf</td><td>Keukenmontage Blom N.V.</td><td>Groep</td></tr></table>'),
    ).toEqual([['Keukenmontage Blom N.V.', 's00287']]);
  });

  it('reads an indented table cell by cell, and only the cells', () => {
    document.body.innerHTML = `<table>
      <thead>
        <tr><th>Leverancier</th><th>Perceel</th></tr>
      </thead>
      <tbody>
        <tr>
          <td>Keukenmontage</td>
          <td>Blom N.V.</td>
        </tr>
        <tr>
          <td><a href="#">Keukenmontage Blom N.V.</a></td>
          <td>2</td>
        </tr>
      </tbody>
    </table>`;
    const [chunk] = collect([document.body]);
    expect(runs(chunk).filter(Boolean)).toEqual([
      'Leverancier',
      'Perceel',
      'Keukenmontage',
      'Blom N.V.',
      'Keukenmontage Blom N.V.',
      '2',
    ]);
    expect(chunk.nodes.every((node) => node.parentElement!.closest('th, td'))).toBe(true);
    expect(buildRanges(chunk, matcher.scan(chunk.text)).map((f) => text(f.range))).toEqual(['Keukenmontage Blom N.V.']);
  });

  it('finds nothing in form fields or scripts that name a supplier', () => {
    expect(
      flagsIn(
        '<input value="Keukenmontage Blom N.V."><textarea>Keukenmontage Blom N.V.</textarea><script>"Keukenmontage Blom N.V."</script>',
      ),
    ).toEqual([]);
  });
});

describe('what to scan again after a change', () => {
  it('finds the inline run around a node, up to the blocks on either side', () => {
    document.body.innerHTML = '<div><p>blok</p>voor <b>Bouw<i>bedrijf</i></b> Jansen<p>na</p></div>';
    const i = document.querySelector('i')!;
    const run = inlineRun(i.firstChild!);
    expect(run.map((n) => n.textContent)).toEqual(['voor ', 'Bouwbedrijf', ' Jansen']);
  });

  it('scans an added block on its own and the inline run around added inline content', async () => {
    document.body.innerHTML = '<table><tbody id="rows"><tr><td>oud</td></tr></tbody></table><p id="p">Bouwbedrijf </p>';
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const row = document.createElement('tr');
    row.innerHTML = '<td>nieuw</td>';
    // As rows added from markup come: with the line break after each, which reads as nothing.
    document.getElementById('rows')!.append(row, '\n');
    const b = document.createElement('b');
    b.textContent = 'Jansen';
    document.getElementById('p')!.append(b);
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();

    const { roots, removed } = changedRoots(records);
    expect(removed).toBe(false);
    expect(roots).toHaveLength(2);
    expect(roots[0]).toBe(row);
    expect((roots[1] as Node[]).map((n) => n.textContent)).toEqual(['Bouwbedrijf ', 'Jansen']);
  });

  it('ignores changes inside scripts and form fields, and notes removals', async () => {
    document.body.innerHTML = '<textarea id="t">a</textarea><div id="d"><p>weg</p></div>';
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    (document.getElementById('t')!.firstChild as Text).data = 'b';
    document.querySelector('#d p')!.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();

    expect(changedRoots(records)).toEqual({ roots: [], removed: true });
  });
});
