import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../core/csv.ts';
import { windows1252 } from '../support/windows-1252.ts';

describe('decodeCsv', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    const utf8 = new TextEncoder().encode('naam\nBögemann €\n');
    expect(decodeCsv(utf8)).toBe('naam\nBögemann €\n');
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('naam\nBögemann €\n');
  });

  it('reads a file that is not UTF-8 as Windows-1252, the euro sign included', () => {
    expect(decodeCsv(new Uint8Array([...windows1252('Bögemann '), 0x80]))).toBe('Bögemann €');
  });
});
