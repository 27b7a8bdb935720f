// @vitest-environment node
/** What both builds declare about where their scripts run, as the browsers read it from the manifest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITES } from '../../extension/shared/default-sites.ts';
import { extensionDir } from '../support/browser.ts';

interface ContentScript {
  matches: string[];
  js: string[];
  all_frames?: boolean;
  run_at?: string;
}

describe.each(['chrome-mv3', 'firefox-mv3'] as const)('the %s manifest', (target) => {
  const manifest = JSON.parse(readFileSync(join(extensionDir(target), 'manifest.json'), 'utf8')) as {
    content_scripts: ContentScript[];
    permissions: string[];
    storage?: { managed_schema?: string };
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const running = (file: string) => manifest.content_scripts.filter((script) => script.js.includes(file));

  it('runs the content script in every frame of the built-in sites, from document_start', () => {
    const [content, ...more] = running('content-scripts/content.js');
    expect(more).toEqual([]);
    expect(content).toMatchObject({ all_frames: true, run_at: 'document_start' });
    expect([...content.matches].sort()).toEqual([...DEFAULT_SITES].sort());
  });

  it("puts the matcher's code beside it in top frames only: child frames have the background scan for them", () => {
    const [matcher, ...more] = running('content-scripts/matcher.js');
    expect(more).toEqual([]);
    expect(matcher.all_frames ?? false).toBe(false);
    expect(matcher.run_at).toBe('document_start');
    expect([...matcher.matches].sort()).toEqual([...DEFAULT_SITES].sort());
  });

  it('may open the browser’s sign-in window for the work account (identity)', () => {
    expect(manifest.permissions).toContain('identity');
  });

  it('can be configured by IT (managed storage): server, extra sites, whether people may add sites', () => {
    if (target === 'firefox-mv3') {
      // Firefox takes managed storage from its enterprise policies ("3rdparty" in policies.json), keyed by the
      // add-on's fixed id, and has no schema in the manifest: test/e2e/managed-policy-firefox.test.ts uses it.
      expect(manifest.browser_specific_settings?.gecko?.id).toBe('extension@zuiver.nl');
      return;
    }
    const schema = JSON.parse(readFileSync(join(extensionDir(target), manifest.storage!.managed_schema!), 'utf8'));
    expect(schema.properties.server.type).toBe('string');
    expect(schema.properties.sites).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(schema.properties.allowUserSites.type).toBe('boolean');
  });
});
