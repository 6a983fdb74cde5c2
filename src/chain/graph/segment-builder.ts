/** Builds adjacency segments from a UTXO table's rows and decides when segments merge. */
import { buildAdjacency } from './adjacency.ts';
import { UNRESOLVED } from './format.ts';
import type { Segment } from './segment.ts';
import type { UtxoColumns } from './utxo-columns.ts';

/**
 * Both directions for transactions [txStart, txEnd). Rows appended unresolved are left out even if
 * resolved since: their resolution lives in the patch log and the in-memory late index.
 */
export function buildSegment(
  c: UtxoColumns,
  wasPending: Uint8Array,
  txStart: number,
  txEnd: number,
): Omit<Segment, 'file'> {
  const rowStart = txStart < c.txs ? c.txRow.data[txStart]! : c.rows;
  const rowEnd = txEnd < c.txs ? c.txRow.data[txEnd]! : c.rows;
  const n = rowEnd - rowStart;
  const outA = new Uint32Array(n);
  const outR = new Uint32Array(n);
  const inA = new Uint32Array(n);
  const inR = new Uint32Array(n);
  let no = 0;
  let ni = 0;
  const addr = c.rowAddr.data;
  for (let tx = txStart; tx < txEnd; tx++) {
    const first = c.txRow.data[tx]!;
    const outs = c.txOut.data[tx]!;
    const end = tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
    for (let r = first; r < outs; r++) {
      const a = addr[r]!;
      if (a >= UNRESOLVED || wasPending[r] === 1) continue;
      outA[no] = a;
      outR[no++] = r;
    }
    for (let r = outs; r < end; r++) {
      const a = addr[r]!;
      if (a >= UNRESOLVED) continue;
      inA[ni] = a;
      inR[ni++] = r;
    }
  }
  return {
    txStart,
    txEnd,
    rowStart,
    rowEnd,
    out: buildAdjacency(outA, outR, no),
    in: buildAdjacency(inA, inR, ni),
  };
}

/**
 * The index i of a segment to merge with segment i-1, or 0 for none: an older segment fewer than
 * four times the rows of its successor absorbs it, so sizes grow geometrically, a store has
 * O(log n) segments and each row is rewritten O(log n) times over the store's life.
 */
export function mergePlan(segments: readonly Segment[]): number {
  for (let i = segments.length - 1; i >= 1; i--) {
    const older = segments[i - 1]!;
    const newer = segments[i]!;
    if (older.rowEnd - older.rowStart < 4 * (newer.rowEnd - newer.rowStart)) return i;
  }
  return 0;
}
