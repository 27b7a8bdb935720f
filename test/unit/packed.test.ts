import { afterEach, describe, expect, it, vi } from 'vitest';
import { packArrays, unpackArrays } from '../../core/matcher/packed.ts';

afterEach(() => vi.unstubAllGlobals());

describe('packed arrays', () => {
  it('come back with the same values, each in the narrowest type they fit', () => {
    const arrays = [[0, 255], [256, 65535], [65536, 2 ** 32 - 1], [2 ** 32, 2 ** 53 - 1], [-1, 0.5], [], [7]];
    const packed = packArrays(arrays);
    expect(packed.types).toBe('bhiddbb');
    const unpacked = unpackArrays(JSON.parse(JSON.stringify(packed)));
    expect(unpacked.map((array) => [...array])).toEqual(arrays);
    expect(unpacked.map((array) => array.constructor.name)).toEqual([
      'Uint8Array',
      'Uint16Array',
      'Uint32Array',
      'Float64Array',
      'Float64Array',
      'Uint8Array',
      'Uint8Array',
    ]);
  });

  it('are standard base64, which the browsers decode natively', () => {
    for (const length of [1, 2, 3, 4, 5, 100]) {
      const { base64 } = packArrays([Array.from({ length }, (_, i) => (i * 37) % 256)]);
      expect(Buffer.from(base64, 'base64').toString('base64')).toBe(base64);
      expect([...Buffer.from(base64, 'base64')].slice(0, length)).toEqual(
        Array.from({ length }, (_, i) => (i * 37) % 256),
      );
    }
  });

  it("are the same without Node's Buffer, as in a browser without native codecs", () => {
    const arrays = [Array.from({ length: 70_000 }, (_, i) => (i * 37) % 256), [65536, 7]];
    const withBuffer = packArrays(arrays);
    vi.stubGlobal('Buffer', undefined);
    expect(packArrays(arrays)).toEqual(withBuffer);
    expect(unpackArrays(withBuffer).map((array) => [...array])).toEqual(arrays);
  });

  it('refuse a type they do not know', () => {
    expect(() => unpackArrays({ types: 'x', lengths: [1], base64: 'AAAAAAAAAAA=' })).toThrow(/type/);
  });
});
