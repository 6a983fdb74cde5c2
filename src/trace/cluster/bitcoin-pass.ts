/**
 * The Bitcoin heuristics over a range of transactions, in append order: the multi-input heuristic
 * (every resolved input address of a transaction is one spender) unless the transaction is a
 * CoinJoin, then change detection. One pass over the row columns, no allocation per transaction.
 */
import { UNKNOWN_HEIGHT, UNRESOLVED, type UtxoTable } from '../../chain/index.ts';
import { type ChangeFound, type ChangeOptions, findChange, type TxRows } from './change.ts';
import type { Clusters } from './clusters.ts';
import { coinJoinKind } from './coinjoin.ts';
import { CHANGE, MULTI_INPUT } from './kinds.ts';
import { NO_HEIGHT } from './merge-log.ts';

export interface BitcoinPassOptions {
  change: ChangeOptions;
}

export interface BitcoinCounts {
  transactions: number;
  /** CoinJoins seen, by COINJOINS index (0 unused). */
  coinjoins: number[];
  multiInputMerges: number;
  changeMerges: number;
}

/** What the pass reads of a UTXO table (the graph's `UtxoTable`, or columns a benchmark generates). */
export interface UtxoRows {
  readonly c: {
    readonly rowAddr: { readonly data: Uint32Array };
    readonly rowValue: { readonly data: Float64Array };
    readonly txRow: { readonly data: Uint32Array };
    readonly txOut: { readonly data: Uint32Array };
    readonly blockTx: { readonly data: Uint32Array };
    readonly blockHeight: { readonly data: Uint32Array };
    readonly txs: number;
    readonly rows: number;
    readonly blocks: number;
  };
  blockOf(tx: number): number;
}

export function emptyBitcoinCounts(): BitcoinCounts {
  return { transactions: 0, coinjoins: [0, 0, 0, 0], multiInputMerges: 0, changeMerges: 0 };
}

/** Where the pass resumes: the next transaction, and the highest output address id so far. */
export interface BitcoinCursor {
  txs: number;
  fresh: number;
}

const found: ChangeFound = { row: -1, mask: 0 };

/** Clusters transactions [cursor.txs, to) of `table`, advancing the cursor. */
export function clusterBitcoinTxs(
  table: UtxoRows,
  types: Uint8Array,
  clusters: Clusters,
  cursor: BitcoinCursor,
  to: number,
  options: BitcoinPassOptions,
  counts: BitcoinCounts,
): void {
  const c = table.c;
  const t: TxRows = { rowAddr: c.rowAddr.data, rowValue: c.rowValue.data, types };
  const { rowAddr, rowValue } = t;
  const txRow = c.txRow.data;
  const txOut = c.txOut.data;
  const blockTx = c.blockTx.data;
  const changeOn = options.change.oneTime || options.change.nonRound || options.change.optimal;
  let block = cursor.txs < c.txs ? table.blockOf(cursor.txs) : 0;
  let height = heightOf(table, block);
  let fresh = cursor.fresh;
  for (let tx = cursor.txs; tx < to; tx++) {
    while (block + 1 < c.blocks && blockTx[block + 1]! <= tx) height = heightOf(table, ++block);
    const inStart = txRow[tx]!;
    const outStart = txOut[tx]!;
    const outEnd = tx + 1 < c.txs ? txRow[tx + 1]! : c.rows;
    const cj = outStart - inStart >= 2 ? coinJoinKind(rowAddr, rowValue, inStart, outStart, outEnd) : 0;
    if (cj !== 0) counts.coinjoins[cj]!++;
    else if (outStart > inStart) {
      const first = mergeInputs(clusters, rowAddr, inStart, outStart, tx, height, counts);
      if (changeOn && first >= 0) {
        findChange(t, inStart, outStart, outEnd, fresh, options.change, found);
        if (found.row >= 0 && clusters.merge(first, rowAddr[found.row]!, tx, height, CHANGE | found.mask))
          counts.changeMerges++;
      }
    }
    for (let o = outStart; o < outEnd; o++) {
      const a = rowAddr[o]!;
      if (a < UNRESOLVED && a > fresh) fresh = a;
    }
  }
  counts.transactions += Math.max(0, to - cursor.txs);
  cursor.txs = Math.max(cursor.txs, to);
  cursor.fresh = fresh;
}

/** Merges the resolved input addresses of tx; the first of them, or -1 when none is resolved. */
export function mergeInputs(
  clusters: Clusters,
  rowAddr: Uint32Array,
  inStart: number,
  outStart: number,
  tx: number,
  height: number,
  counts: BitcoinCounts,
): number {
  let first = -1;
  for (let r = inStart; r < outStart; r++) {
    const a = rowAddr[r]!;
    if (a >= UNRESOLVED) continue;
    if (first < 0) first = a;
    else if (clusters.merge(first, a, tx, height, MULTI_INPUT)) counts.multiInputMerges++;
  }
  return first;
}

/**
 * Inputs resolved after their transaction was clustered (the spent transaction arrived later): the
 * multi-input heuristic is applied again to those transactions (merging is idempotent). Change is
 * not revisited: freshness was judged when the transaction was clustered.
 */
export function clusterPatches(
  table: UtxoTable,
  clusters: Clusters,
  from: number,
  clusteredTxs: number,
  counts: BitcoinCounts,
): void {
  const c = table.c;
  const rowAddr = c.rowAddr.data;
  let lastTx = -1;
  for (let p = from; p < c.patchRow.length; p++) {
    const tx = c.rowTx.data[c.patchRow.data[p]!]!;
    if (tx >= clusteredTxs || tx === lastTx) continue;
    lastTx = tx;
    const inStart = c.txRow.data[tx]!;
    const outStart = c.txOut.data[tx]!;
    const outEnd = tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
    if (coinJoinKind(rowAddr, c.rowValue.data, inStart, outStart, outEnd) !== 0) continue;
    const height = heightOf(table, table.blockOf(tx));
    mergeInputs(clusters, rowAddr, inStart, outStart, tx, height, counts);
  }
}

function heightOf(table: UtxoRows, block: number): number {
  if (block >= table.c.blocks) return NO_HEIGHT;
  const h = table.c.blockHeight.data[block]!;
  return h === UNKNOWN_HEIGHT ? NO_HEIGHT : h;
}
