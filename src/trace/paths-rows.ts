/**
 * An address's rows in a row window, copied into one reusable buffer: the graph's `outEdges` /
 * `inEdges` gather a fresh array per call when an address has rows in several adjacency segments
 * (nearly every address of a store with more than one), which made allocation a third of a path
 * search. Here each segment's range is found in place and only the rows inside [from, until) are
 * copied. Bitcoin keeps the table's own gather: its late-resolved inputs live outside the segments.
 */
import type { Graph } from '../chain/index.ts';

type Adjacency = Graph['ethereum']['segments'][number]['out'];

export class RowBuffer {
  rows = new Uint32Array(1024);
  n = 0;

  push(r: number): void {
    if (this.n === this.rows.length) {
      const bigger = new Uint32Array(this.n * 2);
      bigger.set(this.rows);
      this.rows = bigger;
    }
    this.rows[this.n++] = r;
  }
}

let spanLo = 0;
let spanHi = 0;

/** The range of `adj.rows` holding `addr`'s rows, into spanLo/spanHi (no allocation). */
function span(adj: Adjacency, addr: number): void {
  spanLo = 0;
  spanHi = 0;
  if (adj.dense) {
    if (addr + 1 >= adj.off.length) return;
    spanLo = adj.off[addr]!;
    spanHi = adj.off[addr + 1]!;
    return;
  }
  const keys = adj.keys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === addr) {
      spanLo = adj.off[mid]!;
      spanHi = adj.off[mid + 1]!;
      return;
    }
    if (k < addr) lo = mid + 1;
    else hi = mid - 1;
  }
}

function lowerBound(rows: Uint32Array, lo: number, hi: number, at: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Fills `b` with the rows of `addr` (out: where it pays; in: paying it) in [from, until), ascending. */
export function loadRows(
  g: Graph,
  chain: 'bitcoin' | 'ethereum',
  addr: number,
  out: boolean,
  from: number,
  until: number,
  b: RowBuffer,
): void {
  b.n = 0;
  if (chain === 'bitcoin') {
    const rows = out ? g.outEdges(addr, chain) : g.inEdges(addr, chain);
    const end = lowerBound(rows, 0, rows.length, until);
    for (let k = lowerBound(rows, 0, end, from); k < end; k++) b.push(rows[k]!);
    return;
  }
  for (const seg of g.ethereum.segments) {
    if (seg.rowEnd <= from) continue;
    if (seg.rowStart >= until) break; // segments cover ascending row ranges
    const adj = out ? seg.out : seg.in;
    span(adj, addr);
    if (spanLo === spanHi) continue;
    const rows = adj.rows;
    const end = lowerBound(rows, spanLo, spanHi, until);
    for (let k = lowerBound(rows, spanLo, end, from); k < end; k++) b.push(rows[k]!);
  }
}
