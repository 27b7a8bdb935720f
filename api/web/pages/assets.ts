/** The one stylesheet: Pico.css, read once when the app is built, and the few lines of our own it needs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { page, type WebEnv } from '../env.ts';

/** A manager's menu is long: it wraps instead of widening the page. */
const OWN_CSS = `
header nav ul { flex-wrap: wrap; }
`;

export function assetPages() {
  const css = readFileSync(createRequire(import.meta.url).resolve('@picocss/pico/css/pico.min.css'), 'utf8') + OWN_CSS;
  return new Hono<WebEnv>().get('/assets/style.css', page('The stylesheet (Pico.css)', 'public'), (c) =>
    c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
  );
}
