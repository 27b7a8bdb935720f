/** The one stylesheet (Pico.css, read once when the app is built, and the few lines of our own it needs) and the one script. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { page, type WebEnv } from '../env.ts';
import { NAME_RULES_SCRIPT } from '../ui/name-rules-script.ts';

/** A manager's menu is long: it wraps instead of widening the page. */
const OWN_CSS = `
header nav ul { flex-wrap: wrap; }
`;

export function assetPages() {
  const css = readFileSync(createRequire(import.meta.url).resolve('@picocss/pico/css/pico.min.css'), 'utf8') + OWN_CSS;
  return new Hono<WebEnv>()
    .get('/assets/style.css', page('The stylesheet (Pico.css)', 'public'), (c) =>
      c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
    )
    .get(
      '/assets/name-rules.js',
      page('The supplier form’s script that shows how each typed name will match', 'public'),
      (c) =>
        c.body(NAME_RULES_SCRIPT, 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'public, max-age=3600',
        }),
    );
}
