/**
 * The columns of a UTXO chain's tables (Bitcoin). One transfer row per input and per output of
 * every transaction, a transaction's rows contiguous (inputs, then outputs): the transaction is the
 * node between its input and output addresses, so haircut and FIFO tracing read it directly.
 */
import { join } from 'node:path';
import { BytesColumn, F64Column, U32Column } from './column.ts';
import type { UtxoManifest } from './format.ts';

export class UtxoColumns {
  /** Rows: the address paying (input) or paid (output), the value in satoshi, the transaction. */
  readonly rowAddr: U32Column;
  readonly rowValue: F64Column;
  readonly rowTx: U32Column;
  /** Transactions: txid (internal order), first row, first output row. */
  readonly txHash: BytesColumn;
  readonly txRow: U32Column;
  readonly txOut: U32Column;
  /** Blocks, in append order. */
  readonly blockHash: BytesColumn;
  readonly blockPrev: BytesColumn;
  readonly blockHeight: U32Column;
  readonly blockTime: U32Column;
  /** Compact difficulty target, for the chain's cumulative work. */
  readonly blockBits: U32Column;
  readonly blockTx: U32Column;
  /** Pending and patch counts when the block began: what a rollback to it truncates. */
  readonly blockPending: U32Column;
  readonly blockPatch: U32Column;
  /** Inputs appended before the output they spend: outpoint (txid + vout) and row. */
  readonly pendOutpoint: BytesColumn;
  readonly pendRow: U32Column;
  /** Resolutions of pending inputs, replayed over the rows on open (the row files stay append-only). */
  readonly patchRow: U32Column;
  readonly patchAddr: U32Column;
  readonly patchValue: F64Column;

  constructor(dir: string, chain: string) {
    const f = (name: string) => join(dir, `${chain}.${name}`);
    this.rowAddr = new U32Column(f('row.addr'));
    this.rowValue = new F64Column(f('row.value'));
    this.rowTx = new U32Column(f('row.tx'));
    this.txHash = new BytesColumn(f('tx.hash'), 32);
    this.txRow = new U32Column(f('tx.row'));
    this.txOut = new U32Column(f('tx.out'));
    this.blockHash = new BytesColumn(f('block.hash'), 32);
    this.blockPrev = new BytesColumn(f('block.prev'), 32);
    this.blockHeight = new U32Column(f('block.height'));
    this.blockTime = new U32Column(f('block.time'));
    this.blockBits = new U32Column(f('block.bits'));
    this.blockTx = new U32Column(f('block.tx'));
    this.blockPending = new U32Column(f('block.pending'));
    this.blockPatch = new U32Column(f('block.patch'));
    this.pendOutpoint = new BytesColumn(f('pending.outpoint'), 36);
    this.pendRow = new U32Column(f('pending.row'));
    this.patchRow = new U32Column(f('patch.row'));
    this.patchAddr = new U32Column(f('patch.addr'));
    this.patchValue = new F64Column(f('patch.value'));
  }

  private groups() {
    return {
      rows: [this.rowAddr, this.rowValue, this.rowTx],
      txs: [this.txHash, this.txRow, this.txOut],
      blocks: [
        this.blockHash,
        this.blockPrev,
        this.blockHeight,
        this.blockTime,
        this.blockBits,
        this.blockTx,
        this.blockPending,
        this.blockPatch,
      ],
      pending: [this.pendOutpoint, this.pendRow],
      patches: [this.patchRow, this.patchAddr, this.patchValue],
    } as const;
  }

  load(m: UtxoManifest, truncate: boolean): void {
    const g = this.groups();
    for (const c of g.rows) c.load(m.rows, truncate);
    for (const c of g.txs) c.load(m.txs, truncate);
    for (const c of g.blocks) c.load(m.blocks, truncate);
    for (const c of g.pending) c.load(m.pending, truncate);
    for (const c of g.patches) c.load(m.patches, truncate);
  }

  flush(): void {
    const g = this.groups();
    for (const group of Object.values(g)) for (const c of group) c.flush();
  }

  truncate(blocks: number, txs: number, rows: number, pending: number, patches: number): void {
    const g = this.groups();
    for (const c of g.rows) c.truncate(rows);
    for (const c of g.txs) c.truncate(txs);
    for (const c of g.blocks) c.truncate(blocks);
    for (const c of g.pending) c.truncate(pending);
    for (const c of g.patches) c.truncate(patches);
  }

  /** Bytes per group as stored, for stats(). */
  bytes(): { rows: number; txs: number; blocks: number; pending: number; patches: number } {
    const g = this.groups();
    const sum = (cs: readonly { length: number; width: number }[]) =>
      cs.reduce((s, c) => s + c.length * c.width, 0);
    return {
      rows: sum(g.rows),
      txs: sum(g.txs),
      blocks: sum(g.blocks),
      pending: sum(g.pending),
      patches: sum(g.patches),
    };
  }

  get rows(): number {
    return this.rowAddr.length;
  }
  get txs(): number {
    return this.txRow.length;
  }
  get blocks(): number {
    return this.blockTx.length;
  }
}
