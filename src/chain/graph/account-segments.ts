/** Adjacency segments of an account chain: ranges of blocks, out by paying and in by paid address. */

import type { AccountColumns } from './account-columns.ts';
import { buildAdjacency } from './adjacency.ts';
import type { Segment } from './segment.ts';

/** First row of block `b` (the row count for b = blocks); blocks without transfers own no rows. */
export function rowOfBlock(c: AccountColumns, b: number): number {
  if (b >= c.blocks) return c.rows;
  const tx = c.blockTx.data[b]!;
  return tx < c.txs ? c.txRow.data[tx]! : c.rows;
}

/** Both directions for blocks [blockStart, blockEnd); the segment's tx range words hold the block range. */
export function buildAccountSegment(
  c: AccountColumns,
  blockStart: number,
  blockEnd: number,
): Omit<Segment, 'file'> {
  const rowStart = rowOfBlock(c, blockStart);
  const rowEnd = rowOfBlock(c, blockEnd);
  const n = rowEnd - rowStart;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = rowStart + i;
  return {
    txStart: blockStart,
    txEnd: blockEnd,
    rowStart,
    rowEnd,
    out: buildAdjacency(c.rowFrom.data.subarray(rowStart, rowEnd), rows, n),
    in: buildAdjacency(c.rowTo.data.subarray(rowStart, rowEnd), rows, n),
  };
}
