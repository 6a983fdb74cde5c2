/**
 * The columns of an account chain's tables (Ethereum). One row per value movement, a transaction's
 * rows contiguous and in execution order, so row → transaction is a binary search over `tx.row` and
 * the rows need no transaction column.
 */
import { join } from 'node:path';
import { BytesColumn, F64Column, U16Column, U32Column } from './column.ts';
import type { AccountManifest } from './format.ts';

export class AccountColumns {
  /**
   * Rows: paying and paid address ids, value (see account-values.ts), kind << 13 | asset, where
   * asset 8191 means "in the far-asset list": a token first seen after 8,190 others.
   */
  readonly rowFrom: U32Column;
  readonly rowTo: U32Column;
  readonly rowValueLo: U32Column;
  readonly rowValueHi: U32Column;
  readonly rowAsset: U16Column;
  /** Rows of far assets (ascending) and their asset index. */
  readonly farRow: U32Column;
  readonly farAsset: U32Column;
  /** Amounts neither inline nor round (see account-values.ts): a length byte and the little-endian bytes. */
  readonly valuePool: BytesColumn;
  /** Transactions: hash, first row. */
  readonly txHash: BytesColumn;
  readonly txRow: U32Column;
  /** Blocks, contiguous heights in append order; first transaction and pool length before it (rollback marks). */
  readonly blockHash: BytesColumn;
  readonly blockHeight: U32Column;
  readonly blockTime: U32Column;
  readonly blockTx: U32Column;
  /** A byte offset: a double, exact to 2^53, since the pool outgrows 4 GB on mainnet. */
  readonly blockPool: F64Column;
  /** Assets: index k ≥ 1 is the token whose address id is assetAddr[k - 1]; 0 is ether. */
  readonly assetAddr: U32Column;
  /** Token metadata as learnt: token address id, decimals (0xffffffff unknown), symbol bytes. */
  readonly tokenAddr: U32Column;
  readonly tokenDecimals: U32Column;
  readonly tokenSymbol: BytesColumn;
  readonly tokenSymbolEnd: U32Column;

  constructor(dir: string, chain: string) {
    const f = (name: string) => join(dir, `${chain}.${name}`);
    this.rowFrom = new U32Column(f('row.from'));
    this.rowTo = new U32Column(f('row.to'));
    this.rowValueLo = new U32Column(f('row.value.lo'));
    this.rowValueHi = new U32Column(f('row.value.hi'));
    this.rowAsset = new U16Column(f('row.asset'));
    this.farRow = new U32Column(f('far.row'));
    this.farAsset = new U32Column(f('far.asset'));
    this.valuePool = new BytesColumn(f('value.pool'), 1);
    this.txHash = new BytesColumn(f('tx.hash'), 32);
    this.txRow = new U32Column(f('tx.row'));
    this.blockHash = new BytesColumn(f('block.hash'), 32);
    this.blockHeight = new U32Column(f('block.height'));
    this.blockTime = new U32Column(f('block.time'));
    this.blockTx = new U32Column(f('block.tx'));
    this.blockPool = new F64Column(f('block.pool'));
    this.assetAddr = new U32Column(f('asset.addr'));
    this.tokenAddr = new U32Column(f('token.addr'));
    this.tokenDecimals = new U32Column(f('token.decimals'));
    this.tokenSymbol = new BytesColumn(f('token.symbol'), 1);
    this.tokenSymbolEnd = new U32Column(f('token.symbol.end'));
  }

  private groups() {
    return {
      rows: [this.rowFrom, this.rowTo, this.rowValueLo, this.rowValueHi, this.rowAsset],
      big: [this.valuePool],
      far: [this.farRow, this.farAsset],
      txs: [this.txHash, this.txRow],
      blocks: [this.blockHash, this.blockHeight, this.blockTime, this.blockTx, this.blockPool],
      assets: [this.assetAddr],
      tokens: [this.tokenAddr, this.tokenDecimals, this.tokenSymbolEnd],
      symbols: [this.tokenSymbol],
    } as const;
  }

  load(m: AccountManifest, truncate: boolean): void {
    const g = this.groups();
    for (const c of g.rows) c.load(m.rows, truncate);
    for (const c of g.big) c.load(m.poolBytes, truncate);
    for (const c of g.far) c.load(m.farAssets, truncate);
    for (const c of g.txs) c.load(m.txs, truncate);
    for (const c of g.blocks) c.load(m.blocks, truncate);
    for (const c of g.assets) c.load(m.assets, truncate);
    for (const c of g.tokens) c.load(m.tokens, truncate);
    for (const c of g.symbols) c.load(m.symbolBytes, truncate);
  }

  flush(): void {
    for (const group of Object.values(this.groups())) for (const c of group) c.flush();
  }

  /** Assets and token metadata are kept: like addresses, they describe contracts, not the chain. */
  truncate(blocks: number, txs: number, rows: number, big: number, far: number): void {
    const g = this.groups();
    for (const c of g.rows) c.truncate(rows);
    for (const c of g.far) c.truncate(far);
    for (const c of g.big) c.truncate(big);
    for (const c of g.txs) c.truncate(txs);
    for (const c of g.blocks) c.truncate(blocks);
  }

  /** Bytes per group as stored, for stats(). */
  bytes(): { rows: number; poolBytes: number; txs: number; blocks: number; tokens: number } {
    const g = this.groups();
    const sum = (cs: readonly { length: number; width: number }[]) =>
      cs.reduce((s, c) => s + c.length * c.width, 0);
    return {
      rows: sum(g.rows) + sum(g.far),
      poolBytes: sum(g.big),
      txs: sum(g.txs),
      blocks: sum(g.blocks),
      tokens: sum(g.assets) + sum(g.tokens) + sum(g.symbols),
    };
  }

  get rows(): number {
    return this.rowFrom.length;
  }
  get txs(): number {
    return this.txRow.length;
  }
  get blocks(): number {
    return this.blockTx.length;
  }
}
