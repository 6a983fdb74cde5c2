/**
 * Bulk appends to a UTXO table for generated chains (src/chain/synthetic/): blocks, transactions,
 * input rows (the spending address and the value of the output spent, already resolved) and output
 * rows, by address id, without parsing raw blocks. The rows are the ones `appendBlock` writes for
 * the same transactions; the txid and block-hash indexes of the per-block path learn them when the
 * store is next opened, so ingest real blocks only after reopening.
 */
import type { AddressDict } from './address-dict.ts';
import type { Graph } from './graph.ts';
import type { UtxoColumns } from './utxo-columns.ts';

export class UtxoBulkWriter {
  private readonly c: UtxoColumns;
  private readonly dict: AddressDict;

  constructor(graph: Graph) {
    graph.assertWritable();
    this.c = graph.bitcoin.c;
    this.dict = graph.dict;
  }

  /** The id of the address key src[off, off + len) (type byte and body, docs/graph-store.md). */
  address(src: Uint8Array, off: number, len: number): number {
    return this.dict.intern(src, off, len);
  }

  /** Starts a block: 32-byte hash and parent hash at src offsets, height, time, compact target. */
  block(
    hash: Uint8Array,
    hashOff: number,
    prevOff: number,
    height: number,
    time: number,
    bits: number,
  ): void {
    const c = this.c;
    c.blockHash.push(hash, hashOff);
    c.blockPrev.push(hash, prevOff);
    c.blockHeight.push(height);
    c.blockTime.push(time);
    c.blockBits.push(bits);
    c.blockTx.push(c.txs);
    c.blockPending.push(c.pendRow.length);
    c.blockPatch.push(c.patchRow.length);
  }

  /** Starts a transaction (its inputs follow, then `outputs()`, then its outputs). */
  tx(hash: Uint8Array, off: number): void {
    this.c.txHash.push(hash, off);
    this.c.txRow.push(this.c.rows);
  }

  /** An input spending an output of `value` satoshi paid to `addr`. */
  input(addr: number, value: number): void {
    const c = this.c;
    c.rowAddr.push(addr);
    c.rowValue.push(value);
    c.rowTx.push(c.txs - 1);
  }

  /** Ends the inputs of the current transaction. */
  outputs(): void {
    this.c.txOut.push(this.c.rows);
  }

  /** An output paying `value` satoshi to `addr`; returns its row (what a later input spends). */
  output(addr: number, value: number): number {
    const c = this.c;
    const row = c.rows;
    c.rowAddr.push(addr);
    c.rowValue.push(value);
    c.rowTx.push(c.txs - 1);
    return row;
  }

  get rows(): number {
    return this.c.rows;
  }
}
