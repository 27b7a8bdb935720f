/**
 * The name paths a scan has open (scan.ts): for each, the trie node it reached, where the match starts, where its
 * first word starts (after any legal form), and the legal forms seen before it (or JOINED).
 */
export interface Paths {
  count: number;
  node: Int32Array;
  start: Int32Array;
  coreStart: Int32Array;
  forms: Int32Array;
}

/** Room for `size` paths, none open. */
export const paths = (size: number): Paths => ({
  count: 0,
  node: new Int32Array(size),
  start: new Int32Array(size),
  coreStart: new Int32Array(size),
  forms: new Int32Array(size),
});

/** Makes `into` hold the open paths of `from`. */
export function copyPaths(from: Paths, into: Paths): void {
  into.count = from.count;
  for (let k = 0; k < from.count; k++) {
    into.node[k] = from.node[k];
    into.start[k] = from.start[k];
    into.coreStart[k] = from.coreStart[k];
    into.forms[k] = from.forms[k];
  }
}
