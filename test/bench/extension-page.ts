/**
 * What the extension bench serves: the watchlist of the 10,000 suppliers in the registry's contract, the 1 MB
 * tender page (and the same rows in a scrolling pane), and a short page with and without small frames.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Watchlist, WatchlistEntry } from '../../core/types.ts';
import type { FixtureSupplier as Supplier } from './fixture-suppliers.ts';

/** A deterministic stand-in for Math.random, so every run measures the same page. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export function watchlistOf(suppliers: Supplier[]): Watchlist {
  const kinds = ['negotiation', 'related', 'purchase'] as const;
  const entries: WatchlistEntry[] = suppliers.map((s, i) => ({
    ...s,
    name: s.names[0],
    conflicts: [{ kind: kinds[i % 3], summary: 'Bench', since: '2026-01-01', advice: 'Bench' }],
  }));
  return {
    version: 'bench-1',
    generatedAt: new Date().toISOString(),
    registryUrl: 'http://127.0.0.1/',
    counsellor: { name: 'Bench', contact: 'bench' },
    entries,
  };
}

/** A tender list: every other row names a watched supplier (a name or alias, and its KvK number). */
export function benchPage(suppliers: Supplier[]) {
  const next = random(7);
  const words = ['Onderhoud', 'Renovatie', 'Dakwerk', 'Schilderwerk', 'Installatie', 'Groen', 'Advies', 'Beheer'];
  const row = (i: number) => {
    const s = suppliers[Math.floor(next() * suppliers.length)];
    const watched = i % 2 === 1;
    const name = watched ? s.names[Math.floor(next() * s.names.length)] : `${words[i % 8]} Firma ${i} en Partners`;
    const kvk = watched ? (s.kvk[0] ?? '') : String(90_000_000 + i);
    const text = `${words[(i * 3) % 8]} van ${40 + (i % 300)} woningen in blok ${i % 97}, perceel ${i % 12}, fase ${i % 4}`;
    return `<tr><td><a href="#r${i}">${name}</a></td><td>KvK ${kvk}</td><td>${text}</td><td>EUR ${(i * 7919) % 900_000}</td><td>2026-${String((i % 12) + 1).padStart(2, '0')}-15</td></tr>`;
  };
  const rows = Array.from({ length: 5000 }, (_, i) => row(i)).join('\n');
  const later = Array.from({ length: 100 }, (_, i) => row(5000 + i)).join('\n');
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inschrijvingen</title>
<style>td{padding:2px 6px;font:13px sans-serif}</style></head><body><h1>Inschrijvingen 2026</h1>
<table><tbody id="rows">\n${rows}\n</tbody></table>
<template id="later">${later}</template></body></html>`;
  // The same rows in a pane that scrolls inside a fixed page, as a webmail's message list does.
  const pane = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Postvak</title>
<style>body{margin:0;height:100vh;display:flex;flex-direction:column;overflow:hidden}header{height:60px}
#pane{flex:1;overflow:auto}td{padding:2px 6px;font:13px sans-serif}</style></head><body><header>Postvak</header>
<div id="pane"><table><tbody>\n${rows}\n</tbody></table></div></body></html>`;
  return { html, pane, names: suppliers.flatMap((s) => s.names) };
}

/** One page with a little text and ten small srcdoc frames, and the same page without them. */
export function framePages(suppliers: Supplier[]) {
  const frame = (i: number) =>
    `<iframe srcdoc="<p>Bericht ${i} van ${suppliers[i].names[0].replace(/"/g, '&quot;')}</p>"></iframe>`;
  const page = (frames: string) =>
    `<!doctype html><html><head><meta charset="utf-8"></head><body><p>Postvak</p>${frames}</body></html>`;
  return { withFrames: page(Array.from({ length: 10 }, (_, i) => frame(i)).join('')), without: page('') };
}

/** The two routes of the registry's contract the extension uses, with the CORS it needs. */
export async function serveContract(watchlist: Watchlist): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify(watchlist);
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Accept-Language, If-None-Match');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.url === '/api/v1/me')
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: 'b', email: 'bench@example.nl', name: 'Bench', role: 'manager', managerId: null }));
    if (req.url !== '/api/v1/watchlist') return void res.writeHead(404).end();
    const etag = `"${watchlist.version}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
