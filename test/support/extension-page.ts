/**
 * An extension page (popup, options) in happy-dom with WXT's fake browser: its HTML, messages shown by their
 * keys (with any substitutions after them), and a background that answers with the handlers a test gives.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessages, type BackgroundProtocol, type Handlers } from '../../extension/shared/messaging.ts';

export function loadPage(entrypoint: 'popup' | 'options', background: Partial<Handlers<BackgroundProtocol>>): void {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  // Each test runs the page's script anew.
  vi.resetModules();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) =>
    [key, substitutions ?? []].flat().join(' '),
  );
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('nl');
  // A path, not a URL: happy-dom puts its own URL class in place of Node's.
  const html = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), `../../extension/entrypoints/${entrypoint}/index.html`),
    'utf8',
  );
  document.body.innerHTML = html.slice(html.indexOf('<body'), html.indexOf('<script')).replace(/^<body[^>]*>/, '');
  handleMessages<BackgroundProtocol>(background);
}
