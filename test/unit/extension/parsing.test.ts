// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PARAGRAPH_SEPARATOR } from '../../../core/matcher/paragraph.ts';
import { changedRoots } from '../../../extension/content/page/changes.ts';
import { collectText } from '../../../extension/content/page/collect.ts';
import { ParseFrontier } from '../../../extension/content/page/parsing.ts';

/** A document as the parser leaves it part-way: `html` is what has come in so far. */
function parsing(html: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = html;
  return doc;
}

/** The text of each root handed out, a group's nodes joined. */
function texts(roots: Array<Node | Node[]>): string[] {
  return roots.map((root) => (Array.isArray(root) ? root : [root]).map((node) => node.textContent).join('|'));
}

/** The text of each node handed out, in whichever root. */
function nodeTexts(roots: Array<Node | Node[]>): string[] {
  return roots.flat().map((node) => node.textContent ?? '');
}

describe('the parse frontier', () => {
  it('hands out complete elements and keeps back the chain the parser is still in', () => {
    const doc = parsing('<head></head><body><p>Een</p><section><p>Twee</p><p>Dr');
    const frontier = new ParseFrontier(doc, () => {});
    // Complete siblings go out together, each parent's apart.
    expect(texts(frontier.advance(false))).toEqual(['', 'Een', 'Twee']);
    // The open paragraph comes when it is complete, and nothing is handed out twice.
    doc.querySelector('section p:last-child')!.firstChild!.textContent = 'Drie';
    doc.querySelector('section')!.insertAdjacentHTML('beforeend', '<p>Vier</p><p>Vi');
    expect(texts(frontier.advance(false))).toEqual(['Drie|Vier']);
    expect(texts(frontier.advance(true))).toEqual(['Vi']);
    expect(frontier.advance(true)).toEqual([]);
  });

  it('keeps an inline stretch together while more of it may come', () => {
    const doc = parsing('<body><p>Een</p>Bouwbedrijf <b>Jansen');
    const frontier = new ParseFrontier(doc, () => {});
    // The body ends in inline content that is still open: a name may go on in it, so only the block before goes.
    expect(texts(frontier.advance(false))).toEqual(['', 'Een']);
    doc.body.insertAdjacentHTML('beforeend', ' B.V.<p>Verder');
    const [run] = frontier.advance(false);
    expect(Array.isArray(run) && run.map((node) => node.textContent)).toEqual(['Bouwbedrijf ', 'Jansen', ' B.V.']);
  });

  it('hands out the text before a block the parser is in', () => {
    const doc = parsing('<body><div>Inleiding <i>kort</i><section><p>Open');
    const frontier = new ParseFrontier(doc, () => {});
    expect(texts(frontier.advance(false))).toEqual(['', 'Inleiding |kort']);
  });

  it('has the parts it hands out observed, for what scripts change in them, and not what the parser adds to', async () => {
    const doc = parsing('<body><div id="filled"></div><p id="named">Jansen B.V.</p><ul><li>Een</li><li>Tw');
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((found) => records.push(...found));
    const frontier = new ParseFrontier(doc, (node) =>
      observer.observe(node, { childList: true, subtree: true, characterData: true }),
    );
    frontier.advance(false);
    doc.getElementById('filled')!.textContent = 'Bouwbedrijf Jansen B.V.';
    doc.getElementById('named')!.firstChild!.textContent = 'Firma zonder belang';
    // The parser goes on: it finishes the open item and adds more.
    doc.querySelector('li:last-child')!.firstChild!.textContent = 'Twee';
    doc.querySelector('ul')!.insertAdjacentHTML('beforeend', '<li>Drie</li><li>Vi');
    // MutationObserver records arrive as a microtask.
    await Promise.resolve();
    const changed = nodeTexts(changedRoots(records).roots);
    expect(changed).toContain('Bouwbedrijf Jansen B.V.');
    expect(changed).toContain('Firma zonder belang');
    expect(changed).not.toContain('Twee');
    expect(changed).not.toContain('Drie');
    // What the parser finished comes from the frontier instead.
    const finished = nodeTexts(frontier.advance(false));
    expect(finished).toContain('Twee');
    expect(finished).toContain('Drie');
    expect(finished).not.toContain('Een');
  });

  it('hands out no blank text, the line breaks between rows, and still moves on past it', () => {
    const doc = parsing('<body><table><tbody>\n<tr><td>Een</td></tr>\n<tr><td>Twee</td></tr>\n<tr><td>Dr');
    const observed: Node[] = [];
    const frontier = new ParseFrontier(doc, (node) => observed.push(node));
    const isBlank = (node: Node) => node.nodeType === Node.TEXT_NODE && !node.textContent!.trim();
    const first = frontier.advance(false);
    expect(texts(first)).toEqual(['', 'Een|Twee']);
    doc.querySelector('tr:last-child td')!.firstChild!.textContent = 'Drie';
    const rest = frontier.advance(true);
    expect(nodeTexts(rest)).toEqual(['Drie']);
    expect([...first, ...rest].flat().filter(isBlank)).toEqual([]);
    expect(observed.filter(isBlank)).toEqual([]);
  });

  it('hands out everything left once the page is parsed, each node once, in stretches that read as before', () => {
    const doc = parsing('<body><table><tbody><tr><td>Een</td></tr><tr><td>Twee</td></tr><tr><td>Dr');
    const frontier = new ParseFrontier(doc, () => {});
    expect(texts(frontier.advance(false))).toEqual(['', 'Een|Twee']);
    doc.querySelector('tr:last-child td')!.firstChild!.textContent = 'Drie';
    // Built by hand: happy-dom parses table rows only in a table's context.
    const row = doc.createElement('tr');
    for (const text of ['Vier', 'Vijf']) row.appendChild(doc.createElement('td')).textContent = text;
    doc.querySelector('tbody')!.append(row);
    doc.body.insertAdjacentHTML('beforeend', '<p>Na de <b>tabel</b></p>Slot');
    const rest = frontier.advance(true);
    const read = [...collectText(rest, 1 << 20)].flatMap((chunk) => chunk.text.split(PARAGRAPH_SEPARATOR));
    expect(read.map((run) => run.replace(/\s+/g, ' ').trim()).filter(Boolean)).toEqual([
      'Drie',
      'Vier',
      'Vijf',
      'Na de tabel',
      'Slot',
    ]);
    expect(frontier.advance(true)).toEqual([]);
  });
});
