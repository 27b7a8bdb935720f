// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatDate, formatDateTime, formatEuro } from '../../../extension/shared/dom.ts';

/** The browser picks the extension's messages: Dutch, or English when the browser is English. */
function messagesIn(locale: string) {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string) =>
    key === 'locale' ? locale : key) as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dates and amounts on cards and in the popup', () => {
  // 22:30 UTC on 1 July is past midnight in Amsterdam (summer time).
  const lateEvening = Date.parse('2026-07-01T22:30:00Z');

  it('follow the language of the messages, in Dutch time', () => {
    messagesIn('nl-NL');
    expect(formatDateTime(lateEvening)).toBe('2 jul 2026, 00:30');
    expect(formatDate('2026-03-05')).toBe('5 mrt 2026');
    expect(formatEuro(1250)).toBe('€\u00a01.250,00');
  });

  it('read as English where the messages are English', () => {
    messagesIn('en-GB');
    expect(formatDateTime(lateEvening)).toBe('2 Jul 2026, 00:30');
    expect(formatDate('2026-03-05')).toBe('5 Mar 2026');
    expect(formatEuro(1250)).toBe('€1,250.00');
  });

  it('keep a date they cannot read as it came', () => {
    messagesIn('nl-NL');
    expect(formatDate('binnenkort')).toBe('binnenkort');
  });
});
