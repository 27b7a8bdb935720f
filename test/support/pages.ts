/**
 * An https server for fixture pages under real host names (a self-signed certificate for those names; the
 * browsers are told to accept it), so that the extension's shipped match patterns are what gets tested. It
 * records every request it receives, for the tests that check the extension sends nothing about the page.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { TRADE_WORDS } from '../../core/matcher/compounds.ts';
import { waitFor } from './wait.ts';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);

/** The host names the fixture pages are served under: one procurement portal and one webmail of the defaults. */
export const PORTAL_HOST = 'www.tenderned.nl';
export const WEBMAIL_HOST = 'outlook.office.com';

export interface PageServer {
  port: number;
  url(host: string, path: string): string;
  /** Every request received, as `host path`. */
  requests: string[];
  close(): Promise<void>;
}

export interface PageServerOptions {
  hosts?: string[];
  /**
   * Extra pages by path (the generated bench page); everything else comes from the fixtures' pages folder. A page
   * given in parts is sent as a slow server would: part by part, with a pause in between.
   */
  routes?: Record<string, string | string[]>;
}

/** Between the parts of a page sent in parts: ample time for the extension to start while the page comes in. */
const PART_PAUSE_MS = 1500;

export async function servePages({
  hosts = [PORTAL_HOST, WEBMAIL_HOST],
  routes = {},
}: PageServerOptions = {}): Promise<PageServer> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) }],
  });
  const requests: string[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push(`${req.headers.host ?? ''} ${path}`);
    const body = routes[path] ?? (await readPage(path));
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    for (const [i, part] of (Array.isArray(body) ? body : [body]).entries()) {
      if (i) await new Promise((resolve) => setTimeout(resolve, PART_PAUSE_MS));
      res.write(part);
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path) => `https://${host}:${port}${path}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readPage(path: string): Promise<string | null> {
  const name = path.replace(/^\/+/, '');
  if (!/^[\w-]+\.html$/.test(name)) return null;
  return readFile(new URL(`pages/${name}`, FIXTURES), 'utf8').catch(() => null);
}

export interface ExpectedFlags {
  flag: Record<string, string>;
  noFlag: string[];
}

export async function expectedFlags(): Promise<Record<string, ExpectedFlags>> {
  return JSON.parse(await readFile(new URL('pages/expected.json', FIXTURES), 'utf8'));
}

export interface Coverage {
  id: string;
  /**
   * The flags drawn over this element's text (read from outside the page, see drawn-flags.ts): `zuiver-` and the
   * kind, the element's text, and the middle of the flag's box (-1 when not in view).
   */
  hits: Array<{ highlight: string; text: string; x: number; y: number }>;
}

/** On the structures page: the first rule of each sheet its scripted shadow root has adopted. */
export function scriptedHostSheets(): string[] {
  return [...document.getElementById('scripted-host')!.shadowRoot!.adoptedStyleSheets].map(
    (sheet) => sheet.cssRules[0]?.cssText ?? '',
  );
}

/** The compose field of the webmail fixture as its source has it, to compare with the page's after flagging. */
export async function composeSource(): Promise<string> {
  const source = await readFile(new URL('pages/webmail.html', FIXTURES), 'utf8');
  return source.match(/<div id="o27"[^>]*>[^<]*<\/div>/)![0];
}

/** Text as HTML, in element content and in quoted attribute values. */
/** The first compound of a name that ends in a trade word, as its first part and the trade word (`Isolatie|bedrijf`). */
const COMPOUND = new RegExp(`(\\p{L}{3,}?)(${TRADE_WORDS.join('|')})(?![\\p{L}])`, 'u');

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A generated page of the kinds the fixtures do not have: names in open shadow roots (declarative, scripted,
 * nested, slotted into one, inside a frame, and attached after load to elements already there), in frames (a
 * page of the same site, srcdoc, one inside another, an about:blank frame the page fills and one it writes, one
 * added later, with an editable field), a 3,000-row table, and one more in a shadow root; names split inside a
 * word (a highlighted search term, a `<wbr>`); and a name where no reader sees text (a field's value, a template,
 * an attribute). `frame` is the page the first frame loads, from /structures-frame.html. Element ids follow the
 * fixtures: o… must be flagged with `flag[id]`, n… must not be.
 */
export function structuresPage(suppliers: Array<{ id: string; names: string[] }>): {
  html: string;
  frame: string;
  expected: ExpectedFlags;
} {
  const flag: Record<string, string> = {};
  const noFlag: string[] = [];
  const pick = (i: number) => suppliers[(i * 37) % suppliers.length];
  const mention = (id: string, i: number, tag = 'span') => {
    flag[id] = pick(i).id;
    return `<${tag} id="${id}">${esc(pick(i).names[0])}</${tag}>`;
  };
  /** A mention split inside its first word, as a page shows one word: a highlighted search term, a `<wbr>`. */
  const splitMention = (id: string, i: number, split: (head: string, tail: string) => string) => {
    const name = pick(i).names[0];
    let at = 2;
    while (at < name.length && !(/\p{L}/u.test(name[at - 1]) && /\p{Ll}/u.test(name[at]))) at++;
    if (at === name.length) throw new Error(`no place to split ${name} inside a word`);
    flag[id] = pick(i).id;
    return `<span id="${id}">${split(esc(name.slice(0, at)), esc(name.slice(at)))}</span>`;
  };
  /** The first mention from `from` on whose name `respell` writes otherwise, written so. */
  const respelled = (id: string, from: number, respell: (name: string) => string) => {
    let i = from;
    while (respell(pick(i).names[0]) === pick(i).names[0])
      if (++i === from + suppliers.length) throw new Error(`no name to respell for ${id}`);
    flag[id] = pick(i).id;
    return `<span id="${id}">${esc(respell(pick(i).names[0]))}</span>`;
  };
  const table = (rows: number, id: (i: number) => string) =>
    Array.from({ length: rows }, (_, i) => {
      const cell = i % 2 ? mention(`o${id(i)}`, i) : `<span id="n${id(i)}">Firma ${i} zonder belang</span>`;
      if (!(i % 2)) noFlag.push(`n${id(i)}`);
      return `<tr><td>${cell}</td><td>perceel ${i % 12}</td><td>EUR ${(i * 7919) % 100000}</td></tr>`;
    }).join('');
  const rows = table(3000, (i) => `row${i}`);
  const shadowRows = table(600, (i) => `shadowrow${i}`);
  const scripted = `<p>In de schaduw: ${mention('oshadow1', 1)}</p><inner-card></inner-card>`;
  const nested = `<p>Dieper: ${mention('oshadow2', 2)}</p>`;
  const declarative = `<p>Declaratief: ${mention('oshadow3', 3)} en <span id="nshadow4">De Vries</span></p>`;
  const srcdoc = `<p>In een frame: ${mention('oframe1', 4)}</p>`;
  const blank = `<p>Later in een leeg frame: ${mention('oframe2', 5)}</p>`;
  const written = `<p>Geschreven: ${mention('oframe3', 8)}</p>`;
  const innermost = `<p>Nog dieper: ${mention('oframe5', 10)}</p>`;
  const outer = `<p>Een frame in een frame: ${mention('oframe4', 9)}</p><iframe srcdoc="${esc(innermost)}"></iframe>`;
  const shadowInFrame = `<p>Schaduw in een frame: ${mention('oframe6', 11)}</p>`;
  const framedShadow = `<div id="h"></div><script>document.getElementById('h').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(shadowInFrame)};</script>`;
  const added = `<p>Een frame dat later komt: ${mention('oframe7', 12)}</p>`;
  // Attached after the page was scanned, to elements already there: no mutation record tells of either.
  const defined = `<p>Een component die later laadt: ${mention('olate1', 6)}</p>`;
  const attached = `<p>Na het laden: ${mention('olate2', 7)}</p>`;
  const frame = `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body><p>Zelfde site: ${mention('oframe8', 13)}</p>
<div contenteditable="true">Concept aan ${mention('oframe9', 14)}</div></body></html>`;
  const unseen = esc(pick(15).names[0]);
  noFlag.push('nshadow4', 'nvalue', 'ntemplate', 'nattribute');
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Structuren</title></head><body>
<h1>Inschrijvingen</h1>
<div id="scripted-host"></div>
<div id="declarative-host"><template shadowrootmode="open">${declarative}</template></div>
<late-card></late-card><div id="late-host"></div>
<slot-card>${mention('oslotted', 16)}</slot-card>
<iframe id="site-frame" src="/structures-frame.html"></iframe>
<iframe id="srcdoc-frame" srcdoc="${esc(srcdoc)}"></iframe>
<iframe id="nested-frame" srcdoc="${esc(outer)}"></iframe>
<iframe id="shadow-frame" srcdoc="${esc(framedShadow)}"></iframe>
<iframe id="blank-frame"></iframe><iframe id="written-frame"></iframe><div id="added-frame"></div>
<p><input id="nvalue" value="${unseen}"></p><template id="ntemplate"><p>${unseen}</p></template>
<p id="nattribute" title="${unseen}">Zonder naam</p>
<p>Gezocht: ${splitMention('osplit1', 17, (head, tail) => `<mark>${head}</mark>${tail}`)}; afgebroken: ${splitMention('osplit2', 18, (head, tail) => `${head}<wbr>${tail}`)}; oud gespeld: ${respelled('ospelled', 19, (name) => name.replace('ij', 'y'))}; los geschreven: ${respelled('oapart', 20, (name) => name.replace(COMPOUND, '$1 $2'))}</p>
<div id="rows-host"></div>
<table><tbody>${rows}</tbody></table>
<script>
const host = document.getElementById('scripted-host').attachShadow({ mode: 'open' });
host.innerHTML = ${JSON.stringify(scripted)};
// The page's own sheet there, which must stay when the extension adds its own.
const own = new CSSStyleSheet();
own.replaceSync('p { margin: 0 }');
host.adoptedStyleSheets = [own];
host.querySelector('inner-card').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(nested)};
customElements.define('slot-card', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<div><b>Kaart:</b> <slot></slot></div>'; }
});
document.getElementById('rows-host').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(`<table><tbody>${shadowRows}</tbody></table>`)};
setTimeout(() => { document.getElementById('blank-frame').contentDocument.body.innerHTML = ${JSON.stringify(blank)}; }, 200);
setTimeout(() => {
  const doc = document.getElementById('written-frame').contentDocument;
  doc.open();
  doc.write(${JSON.stringify(written)});
  doc.close();
}, 400);
setTimeout(() => {
  const frame = document.createElement('iframe');
  frame.srcdoc = ${JSON.stringify(added)};
  document.getElementById('added-frame').append(frame);
}, 1000);
addEventListener('load', () => setTimeout(() => {
  customElements.define('late-card', class extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(defined)}; }
  });
  document.getElementById('late-host').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(attached)};
}, 300));
</script></body></html>`;
  return { html, frame, expected: { flag, noFlag } };
}

/**
 * On the structures page: removes a frame, then a frame holding another, and waits for the tab's count of
 * frames reporting flags (`framesReported`) to follow. `remove` takes a frame element's id off the page.
 */
export async function removeFramesOfStructures(
  framesReported: () => Promise<number>,
  remove: (id: string) => Promise<unknown>,
): Promise<void> {
  // The page and the eight frames that name a supplier (one of them inside another).
  await waitFor('every frame to report its flags', framesReported, (n) => n === 9);
  await remove('srcdoc-frame');
  await waitFor('the removed frame to be forgotten', framesReported, (n) => n === 8);
  await remove('nested-frame');
  await waitFor('a removed frame and the frame in it to be forgotten', framesReported, (n) => n === 6);
}

/**
 * A page that comes in three parts, as from a slow server: rows in every part, a name whose element spans two
 * parts, and a script in the second part that changes what came before it (fills an element, renames a flagged
 * supplier, attaches a shadow root).
 */
export function streamedPage(suppliers: Array<{ id: string; names: string[] }>): {
  parts: string[];
  expected: ExpectedFlags;
} {
  const flag: Record<string, string> = {};
  const noFlag: string[] = ['nchanged'];
  const pick = (i: number) => suppliers[(i * 11) % suppliers.length];
  const mention = (id: string, i: number) => {
    flag[id] = pick(i).id;
    return `<span id="${id}">${esc(pick(i).names[0])}</span>`;
  };
  const rows = (from: number) =>
    Array.from({ length: 200 }, (_, k) => {
      const i = from + k;
      if (i % 2) return `<tr><td>${mention(`orow${i}`, i)}</td><td>perceel ${i % 12}</td></tr>`;
      noFlag.push(`nrow${i}`);
      return `<tr><td><span id="nrow${i}">Firma ${i} zonder belang</span></td><td>perceel ${i % 12}</td></tr>`;
    }).join('');
  const split = esc(pick(1000).names[0]).split(' ');
  if (split.length < 2) throw new Error('the name that spans two parts needs two words or more');
  flag.osplit = pick(1000).id;
  const filled = mention('ofilled', 1001);
  const shadowed = mention('oshadowed', 1002);
  const changed = esc(pick(1003).names[0]);
  const parts = [
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inschrijvingen</title></head><body>
<div id="filled"></div><div id="host"></div><p><span id="nchanged">${changed}</span></p>
<table><tbody>${rows(0)}</tbody></table><p>Ook: <span id="osplit">${split[0]}`,
    ` ${split.slice(1).join(' ')}</span> schreef in.</p><table><tbody>${rows(200)}</tbody></table>
<script>
document.getElementById('filled').innerHTML = ${JSON.stringify(filled)};
document.getElementById('nchanged').textContent = 'Firma zonder belang';
document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(shadowed)};
</script>`,
    `<table><tbody>${rows(400)}</tbody></table></body></html>`,
  ];
  return { parts, expected: { flag, noFlag } };
}
