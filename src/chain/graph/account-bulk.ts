/**
 * Bulk appends to the Ethereum table for generated chains (src/chain/synthetic/): blocks,
 * transactions and rows given as address ids and already-encoded amounts, so a row costs a few
 * typed-array stores instead of hex parsing, a hash lookup and a bigint. The result is the same
 * store the per-block `append` writes (same columns, same commit through `graph.commit()`).
 *
 * Rows must follow their transaction, transactions their block, as in `append`. Nothing is staged:
 * a caller that throws half-way leaves uncommitted rows that the next commit would write, so
 * generators either finish a block or drop the Graph without committing.
 */
import { BulwarkError } from '../../errors/index.ts';
import type { EthereumTable } from './account-table.ts';
import { KEY_ACCOUNT } from './address-codec.ts';
import type { AddressDict } from './address-dict.ts';
import type { Graph } from './graph.ts';

/** Kind codes of `row.asset` bits 15–13 (docs/graph-store.md). */
export const KIND = { call: 0, internal: 1, erc20: 2, create: 3, fee: 4 } as const;
const FAR = 0x1fff;
const POOL = 0xc0000000;
const TWO32 = 4294967296;
const key = new Uint8Array(21);
const lengthByte = new Uint8Array(1);

export class AccountBulkWriter {
  private readonly table: EthereumTable;
  private readonly dict: AddressDict;

  constructor(graph: Graph) {
    graph.assertWritable();
    this.table = graph.ethereum;
    this.dict = graph.dict;
  }

  /** The id of the account whose 20 address bytes are src[off, off + 20), adding it if new. */
  account(src: Uint8Array, off: number): number {
    key[0] = KEY_ACCOUNT;
    for (let i = 0; i < 20; i++) key[i + 1] = src[off + i]!;
    return this.dict.intern(key, 0, 21);
  }

  /** The asset index (≥ 1) of a token contract's address id. */
  asset(token: number): number {
    return this.table.assetIndex(token);
  }

  /** Starts a block; its height must follow the stored head. `hash` is 32 bytes at src[off]. */
  block(height: number, hash: Uint8Array, off: number, time: number): void {
    const c = this.table.c;
    const b = c.blocks;
    if (b > 0 && height !== c.blockHeight.data[b - 1]! + 1) {
      throw new BulwarkError('ETH_CHAIN_MISMATCH', `block ${height} does not follow the stored head`, {
        hint: 'Generated blocks are appended in height order after the stored head',
      });
    }
    c.blockHash.push(hash, off);
    c.blockHeight.push(height);
    c.blockTime.push(time);
    c.blockTx.push(c.txs);
    c.blockPool.push(c.valuePool.length);
  }

  /** Starts a transaction of the current block; `hash` is 32 bytes at src[off]. */
  tx(hash: Uint8Array, off: number): void {
    const c = this.table.c;
    c.txHash.push(hash, off);
    c.txRow.push(c.rows);
  }

  /**
   * A row of the current transaction with an amount already encoded as (hi, lo) — inline or
   * decimal form (account-values.ts); `kind` a KIND code, `asset` 0 for ether or an asset index.
   */
  row(from: number, to: number, hi: number, lo: number, kind: number, asset: number): void {
    const c = this.table.c;
    if (asset >= FAR) {
      c.farRow.push(c.rows);
      c.farAsset.push(asset);
    }
    c.rowFrom.push(from);
    c.rowTo.push(to);
    c.rowValueHi.push(hi);
    c.rowValueLo.push(lo);
    c.rowAsset.push((kind << 13) | Math.min(asset, FAR));
  }

  /**
   * A row whose amount goes to the byte pool: `len` little-endian bytes at bytes[0, len). The
   * caller keeps the amount canonical (at least 2^63 and not m·10^e with m < 2^56).
   */
  pooledRow(from: number, to: number, bytes: Uint8Array, len: number, kind: number, asset: number): void {
    const pool = this.table.c.valuePool;
    const offset = pool.length;
    lengthByte[0] = len;
    pool.appendBytes(lengthByte, 0, 1);
    pool.appendBytes(bytes, 0, len);
    this.row(from, to, (POOL | Math.floor(offset / TWO32)) >>> 0, offset % TWO32, kind, asset);
  }

  get rows(): number {
    return this.table.c.rows;
  }
}
