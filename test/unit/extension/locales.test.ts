// @vitest-environment node
import { describe, expect, it } from 'vitest';
import en from '../../../extension/public/_locales/en/messages.json';
import nl from '../../../extension/public/_locales/nl/messages.json';

const placeholders = (message: string) =>
  [...message.matchAll(/\$(\d)/g)]
    .map((m) => m[1])
    .sort()
    .join();

describe('messages', () => {
  it('exist in Dutch (the default) and English with the same names', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('take the same substitutions in both languages', () => {
    for (const [key, { message }] of Object.entries(nl)) {
      expect(placeholders(en[key as keyof typeof en].message), key).toBe(placeholders(message));
    }
  });
});
