import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from '../../core/csv.ts';
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

  it("reads UTF-16 after its byte order mark, as Excel's Unicode Text saves", () => {
    const little = Buffer.from('\ufeffnaam\tkvk\r\nBögemann\t12345678\r\n', 'utf16le');
    expect(decodeCsv(little)).toBe('naam\tkvk\r\nBögemann\t12345678\r\n');
    const big = Buffer.from(little).swap16();
    expect(decodeCsv(big.buffer.slice(big.byteOffset, big.byteOffset + big.length))).toBe(decodeCsv(little));
  });
});

describe('parseCsv', () => {
  it('takes the separator the header line uses most: semicolon, comma or tab', () => {
    expect(parseCsv('naam;kvk\n"Jansen, Bouw";12345678\n')).toEqual([
      ['naam', 'kvk'],
      ['Jansen, Bouw', '12345678'],
    ]);
    expect(parseCsv('naam,kvk\r\nJansen;Bouw,12345678')).toEqual([
      ['naam', 'kvk'],
      ['Jansen;Bouw', '12345678'],
    ]);
    expect(parseCsv('naam\tkvk\nJansen Bouw\t12345678\n')).toEqual([
      ['naam', 'kvk'],
      ['Jansen Bouw', '12345678'],
    ]);
  });

  it('follows a first line sep=…, which exports for Excel write, and drops it', () => {
    expect(parseCsv('\ufeffsep=,\r\nnaam;omschrijving,kvk\r\nJansen;Bouw,12345678\r\n')).toEqual([
      ['naam;omschrijving', 'kvk'],
      ['Jansen;Bouw', '12345678'],
    ]);
  });
});
