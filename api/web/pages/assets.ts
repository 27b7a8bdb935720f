/** Pico.css, read once when the app is built and served with a day's cache: the only stylesheet. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { page, type WebEnv } from '../env.ts';

export function assetPages() {
  const pico = readFileSync(createRequire(import.meta.url).resolve('@picocss/pico/css/pico.min.css'), 'utf8');
  return new Hono<WebEnv>().get('/assets/pico.css', page('The stylesheet (Pico.css)', 'public'), (c) =>
    c.body(pico, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
  );
}
