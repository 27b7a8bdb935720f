// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { registryLink } from '../../../extension/content/card/card-view.ts';
import { normalizeServer } from '../../../extension/background/api.ts';
import { isBuiltIn, patternForUrl, sitePattern } from '../../../extension/background/sites.ts';

describe('the server address', () => {
  it.each([
    ['https://zuiver.example.nl', 'https://zuiver.example.nl'],
    ['  https://zuiver.example.nl/  ', 'https://zuiver.example.nl'],
    ['https://example.nl/zuiver/', 'https://example.nl/zuiver'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
  ])('takes %j as %j', (input, server) => expect(normalizeServer(input)).toBe(server));

  it.each([
    'http://zuiver.example.nl',
    'http://192.168.1.10:8787',
    'zuiver.example.nl',
    'ftp://zuiver.example.nl',
    'https://user:secret@zuiver.example.nl',
    'https://zuiver.example.nl/?token=x',
    'javascript:alert(1)',
    '',
  ])('refuses %j: https only, except on this computer', (input) => expect(normalizeServer(input)).toBeNull());
});

describe('sites', () => {
  it.each([
    ['portal.example.nl', 'https://portal.example.nl/*'],
    ['https://Portal.Example.nl/tenders?id=3', 'https://portal.example.nl/*'],
    ['http://intranet.example.nl', 'http://intranet.example.nl/*'],
    ['*.example.nl', 'https://*.example.nl/*'],
  ])('turns %j into the match pattern %j', (input, pattern) => expect(sitePattern(input)).toBe(pattern));

  it.each(['', 'localhost-not', 'file:///etc/passwd', 'chrome://settings'])('refuses %j', (input) =>
    expect(sitePattern(input)).toBeNull(),
  );

  it('knows the built-in procurement portals and webmail, and offers to enable other web pages only', () => {
    expect(isBuiltIn('https://www.tenderned.nl/aankondigingen')).toBe(true);
    expect(isBuiltIn('https://outlook.office.com/mail/')).toBe(true);
    expect(isBuiltIn('https://mail.google.com/mail/u/0/')).toBe(true);
    expect(isBuiltIn('https://portal.example.nl/')).toBe(false);
    expect(patternForUrl('https://portal.example.nl/a/b?c')).toBe('https://portal.example.nl/*');
    expect(patternForUrl('chrome://extensions/')).toBeNull();
    expect(patternForUrl(undefined)).toBeNull();
  });
});

describe('links into the registry', () => {
  it('fill in the supplier and the kind of declaration', () => {
    expect(registryLink('https://zuiver.example.nl', 'declare', { kind: 'gift', supplier: 'a b' })).toBe(
      'https://zuiver.example.nl/declare?kind=gift&supplier=a+b',
    );
    expect(registryLink('https://example.nl/zuiver/', 'declare', { kind: 'relationship', supplier: 's1' })).toBe(
      'https://example.nl/zuiver/declare?kind=relationship&supplier=s1',
    );
  });

  it('are left out when the registry address is no web address', () => {
    expect(registryLink('javascript:alert(1)//', 'declare', {})).toBeNull();
    expect(registryLink('data:text/html,x', 'declare', {})).toBeNull();
    expect(registryLink(null, 'declare', {})).toBeNull();
  });
});
