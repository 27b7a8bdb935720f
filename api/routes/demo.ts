/** Two pages that name the demo suppliers, so a newcomer sees flags without a real portal or mailbox. */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http.ts';

const PAGES = ['tender-portal.html', 'webmail.html'];
const read = (name: string) => readFileSync(new URL(`../demo/${name}`, import.meta.url), 'utf8');

export function demoRoute() {
  const pages = new Map(PAGES.map((p) => [p, read(p)]));
  return new Hono<AppEnv>()
    .get('/', (c) =>
      c.html(
        html`<!doctype html>
          <html lang="nl">
            <head>
              <meta charset="utf-8" />
              <title>Zuiver demo</title>
            </head>
            <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto">
              <h1>Zuiver demopagina's</h1>
              <ul>
                <li><a href="tender-portal.html">Aanbestedingsportaal</a></li>
                <li><a href="webmail.html">Webmail</a></li>
              </ul>
            </body>
          </html>`,
      ),
    )
    .get('/:page', (c) => {
      const page = pages.get(c.req.param('page'));
      return page ? c.html(page) : c.notFound();
    });
}
