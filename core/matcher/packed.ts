/**
 * Arrays of numbers as one base64 string, each stored as the narrowest typed array its values fit. A browser tab
 * loads them without a loop over their values: one native call (`Uint8Array.fromBase64`) decodes the bytes and
 * each array is a view on them. Code that runs cold, once per page, is slow in proportion to the values it
 * touches, so this is what makes a tab's matcher ready in a millisecond or two.
 *
 * Bytes are in the platform's order: the background that packs and the tabs that unpack run on one machine.
 */

export type NumberArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export interface PackedArrays {
  /** Per array, its type: `b` Uint8, `h` Uint16, `i` Uint32, `d` Float64. */
  types: string;
  lengths: number[];
  base64: string;
}

const TYPES = { b: Uint8Array, h: Uint16Array, i: Uint32Array, d: Float64Array } as const;
type TypeCode = keyof typeof TYPES;
/** Every array starts at a multiple of the largest element size, as a typed array view requires. */
const ALIGN = 8;

function typeFor(values: ArrayLike<number>): TypeCode {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isInteger(value) || value < 0) return 'd';
    if (value > max) max = value;
  }
  return max <= 0xff ? 'b' : max <= 0xffff ? 'h' : max <= 0xffffffff ? 'i' : 'd';
}

const aligned = (offset: number) => Math.ceil(offset / ALIGN) * ALIGN;

export function packArrays(arrays: ArrayLike<number>[]): PackedArrays {
  const types = arrays.map(typeFor);
  let size = 0;
  const offsets = arrays.map((values, i) => {
    const offset = aligned(size);
    size = offset + values.length * TYPES[types[i]].BYTES_PER_ELEMENT;
    return offset;
  });
  const buffer = new ArrayBuffer(aligned(size));
  arrays.forEach((values, i) => new TYPES[types[i]](buffer, offsets[i], values.length).set(values));
  return {
    types: types.join(''),
    lengths: arrays.map((values) => values.length),
    base64: toBase64(new Uint8Array(buffer)),
  };
}

export function unpackArrays({ types, lengths, base64 }: PackedArrays): NumberArray[] {
  // A new array of its own, so its bytes start at offset 0: aligned.
  const bytes = fromBase64(base64);
  let offset = 0;
  return lengths.map((length, i) => {
    const Type = TYPES[types[i] as TypeCode];
    if (!Type) throw new Error(`packed arrays: unknown type "${types[i]}"`);
    offset = aligned(offset);
    const array = new Type(bytes.buffer, offset, length);
    offset += length * Type.BYTES_PER_ELEMENT;
    return array;
  });
}

// The native codecs where the runtime has them (every supported browser); Node's Buffer on the server, whose Node
// 20 has no native codec; btoa and atob elsewhere. On Node, btoa over a string of the bytes took some 45 ms of the
// server's build of a 10,000-supplier matcher (profiled), Buffer a millisecond or two.
interface Base64Codecs {
  fromBase64?(text: string): Uint8Array<ArrayBuffer>;
  prototype: { toBase64?(this: Uint8Array): string };
}
const native = Uint8Array as unknown as Base64Codecs;
interface NodeBuffer {
  from(bytes: ArrayBuffer, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
}
/** Looked up on each call, so that a test can take it away. */
const nodeBuffer = () => (globalThis as { Buffer?: NodeBuffer }).Buffer;
/** Bytes per String.fromCharCode call: well under the engines' limit on arguments. */
const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array<ArrayBuffer>): string {
  if (native.prototype.toBase64) return native.prototype.toBase64.call(bytes);
  const buffer = nodeBuffer();
  if (buffer) return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) chunks.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(chunks.join(''));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (native.fromBase64) return native.fromBase64(text);
  const buffer = nodeBuffer();
  // A copy: a Buffer may be a slice of a shared pool, at an offset no typed array view could start at.
  if (buffer) return new Uint8Array(buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
