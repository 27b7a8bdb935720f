/**
 * How a watchlist's version is made, so that a client that applied a delta to its copy can check that it now
 * holds exactly the list the server has. Every entry's digest (SHA-256 of its JSON text, as hex) is added up
 * modulo 2^256: the sum does not depend on the order of the entries, and the server updates it per changed entry
 * instead of hashing a whole list per person. The version is the SHA-256 of the list's header (registry URL and
 * counsellor) and that sum, in base64url, cut to 27 characters. Hashing is left to the caller (node:crypto on the
 * server, crypto.subtle in the extension): core does no I/O.
 */
import type { Counsellor, WatchlistEntry } from './types.ts';

const MODULUS = BigInt(2) ** BigInt(256);

/** The text an entry's digest is taken of: its JSON exactly as the server sends it (and JSON.parse keeps it). */
export const entryText = (entry: WatchlistEntry): string => JSON.stringify(entry);

export const addDigest = (sum: bigint, hex: string): bigint => (sum + BigInt(`0x${hex}`)) % MODULUS;

export const subtractDigest = (sum: bigint, hex: string): bigint => (sum - BigInt(`0x${hex}`) + MODULUS) % MODULUS;

export interface WatchlistHeader {
  registryUrl: string;
  counsellor: Counsellor;
}

/** The text whose SHA-256 makes the version. */
export const versionText = (header: WatchlistHeader, sum: bigint): string =>
  `${JSON.stringify([header.registryUrl, header.counsellor])}\n${sum.toString(16)}`;

/** The version from the SHA-256 of versionText, in base64url. */
export const versionOfDigest = (base64url: string): string => base64url.slice(0, 27);
