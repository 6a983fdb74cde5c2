/**
 * Compressed sparse rows: for each address, the transfer rows that touch it, sorted by row. Built by
 * a stable two-pass radix sort on the address (no comparator calls), stored dense (an offset per
 * address, for big segments) or sparse (sorted keys and offsets, for small ones), whichever is smaller.
 */

export interface Adjacency {
  /** Dense: off has an entry per address id + 1 and keys is empty. Sparse: keys[i] owns off[i]..off[i+1]. */
  dense: boolean;
  keys: Uint32Array;
  off: Uint32Array;
  rows: Uint32Array;
}

export const EMPTY_ROWS = new Uint32Array(0);

/** The rows of `addr` in this adjacency: a subarray, never a copy. */
export function rowsOf(adj: Adjacency, addr: number): Uint32Array {
  if (adj.dense) {
    if (addr + 1 >= adj.off.length) return EMPTY_ROWS;
    return adj.rows.subarray(adj.off[addr]!, adj.off[addr + 1]!);
  }
  const keys = adj.keys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === addr) return adj.rows.subarray(adj.off[mid]!, adj.off[mid + 1]!);
    if (k < addr) lo = mid + 1;
    else hi = mid - 1;
  }
  return EMPTY_ROWS;
}

const countLo = new Uint32Array(65537);
const countHi = new Uint32Array(65537);

/** Builds the adjacency of n (addr, row) pairs given in row order. */
export function buildAdjacency(addrs: Uint32Array, rows: Uint32Array, n: number): Adjacency {
  const tmpA = new Uint32Array(n);
  const tmpR = new Uint32Array(n);
  const outA = new Uint32Array(n);
  const outR = new Uint32Array(n);
  radixPass(addrs, rows, tmpA, tmpR, n, 0, countLo);
  radixPass(tmpA, tmpR, outA, outR, n, 16, countHi);
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || outA[i] !== outA[i - 1]) distinct++;
  const span = n === 0 ? 0 : outA[n - 1]! + 1;
  if (span + 1 <= 2 * distinct + 1) {
    const off = new Uint32Array(span + 1);
    for (let i = 0; i < n; i++) off[outA[i]! + 1]!++;
    for (let a = 0; a < span; a++) off[a + 1]! += off[a]!;
    return { dense: true, keys: EMPTY_ROWS, off, rows: outR };
  }
  const keys = new Uint32Array(distinct);
  const off = new Uint32Array(distinct + 1);
  let k = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || outA[i] !== outA[i - 1]) {
      keys[++k] = outA[i]!;
      off[k] = i;
    }
  }
  off[distinct] = n;
  return { dense: false, keys, off, rows: outR };
}

function radixPass(
  srcA: Uint32Array,
  srcR: Uint32Array,
  dstA: Uint32Array,
  dstR: Uint32Array,
  n: number,
  shift: number,
  count: Uint32Array,
): void {
  count.fill(0);
  for (let i = 0; i < n; i++) count[((srcA[i]! >>> shift) & 0xffff) + 1]!++;
  for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
  for (let i = 0; i < n; i++) {
    const a = srcA[i]!;
    const at = count[(a >>> shift) & 0xffff]!++;
    dstA[at] = a;
    dstR[at] = srcR[i]!;
  }
}

/** Bytes an adjacency takes on disk. */
export function adjacencyBytes(adj: Adjacency): number {
  return 4 * (adj.keys.length + adj.off.length + adj.rows.length);
}
