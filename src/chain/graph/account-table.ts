/**
 * The Ethereum (account-model) table of the graph store: one row per value movement (call value,
 * contract creation, internal transfer, ERC-20 `Transfer`, fee), appended block by block, with
 * adjacency segments, rollback for reorganisations and token metadata. It is the `EthereumSink`
 * ingestion writes to: `commit` and `rollback` go through the Graph, which owns the manifest.
 */
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import type { EthereumSink, SinkHead } from '../ethereum/sink.ts';
import type { ChainBlock, ChainTransfer, TokenInfo, TransferKind } from '../ethereum/types.ts';
import { AccountColumns } from './account-columns.ts';
import { hexInto, hexOf } from './account-hex.ts';
import { buildAccountSegment, rowOfBlock } from './account-segments.ts';
import { approxValue, pushValue, readValue } from './account-values.ts';
import { KEY_ACCOUNT } from './address-codec.ts';
import type { AddressDict } from './address-dict.ts';
import { EMPTY_ROWS, rowsOf } from './adjacency.ts';
import { type AccountManifest, NO_ADDRESS } from './format.ts';
import { readSegment, removeUnlistedSegments, type Segment, writeSegment } from './segment.ts';
import { mergePlan } from './segment-builder.ts';
import { countBelow, lastAtOrBefore } from './sorted-search.ts';

/** Kind codes in the top three bits of `row.asset`; the low 13 bits are the asset or FAR. */
export const KINDS: readonly TransferKind[] = ['call', 'internal', 'erc20', 'create', 'fee'];
const KIND_CODE: Record<TransferKind, number> = { call: 0, internal: 1, erc20: 2, create: 3, fee: 4 };
const ASSET_MASK = 0x1fff;
const FAR = 0x1fff;
const MAX_ASSETS = 0x1fffffff;
const UNKNOWN_DECIMALS = 0xffffffff;

export interface EthereumTransfer {
  row: number;
  from: number;
  to: number;
  /** Wei, or the token's smallest unit: exact. */
  value: bigint;
  /** Address id of the token contract; NO_ADDRESS for ether. */
  asset: number;
  tx: number;
  /** Append index of the block; `height` its height. */
  block: number;
  height: number;
  time: number;
  kind: TransferKind;
}

/** How the table reaches the Graph's manifest. */
export interface CommitHooks {
  commit(): void;
  /** Keeps blocks [0, keep) durably. */
  rollback(keep: number): void;
}

const key = new Uint8Array(21);
const hash = new Uint8Array(32);
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class EthereumTable implements EthereumSink {
  readonly chain = 'ethereum';
  readonly c: AccountColumns;
  segments: Segment[] = [];
  private readonly dir: string;
  private readonly dict: AddressDict;
  private readonly hooks: CommitHooks;
  /** Token address id → asset index. */
  private assets = new Map<number, number>();

  constructor(dir: string, dict: AddressDict, hooks: CommitHooks) {
    this.dir = dir;
    this.dict = dict;
    this.hooks = hooks;
    this.c = new AccountColumns(dir, this.chain);
  }

  load(m: AccountManifest, writable: boolean): void {
    this.c.load(m, writable);
    this.segments = m.segments.map((s) => readSegment(join(this.dir, s.file), s));
    this.assets = new Map();
    for (let i = 0; i < this.c.assetAddr.length; i++) this.assets.set(this.c.assetAddr.data[i]!, i + 1);
  }

  // ---- EthereumSink ----

  head(): SinkHead | undefined {
    const b = this.c.blocks - 1;
    return b < 0
      ? undefined
      : { height: this.c.blockHeight.data[b]!, hash: hexOf(this.c.blockHash.data, b * 32, 32) };
  }

  hashAt(height: number): string | undefined {
    const b = this.blockAt(height);
    return b < 0 ? undefined : hexOf(this.c.blockHash.data, b * 32, 32);
  }

  /** Append index of the block at `height`, or -1: heights are contiguous from the first block. */
  blockAt(height: number): number {
    if (this.c.blocks === 0) return -1;
    const b = height - this.c.blockHeight.data[0]!;
    return b >= 0 && b < this.c.blocks ? b : -1;
  }

  append(block: ChainBlock): void {
    const c = this.c;
    const head = this.head();
    if (head && block.height !== head.height + 1) {
      throw new BulwarkError(
        'ETH_CHAIN_MISMATCH',
        `block ${block.height} does not follow the stored head ${head.height}`,
        {
          source: this.dir,
          hint: 'Blocks are appended in height order; roll back before appending a branch',
        },
      );
    }
    const mark = [c.blocks, c.txs, c.rows, c.valuePool.length, c.farRow.length] as const;
    try {
      this.appendBlock(block);
    } catch (error) {
      // a block is staged whole or not at all (addresses and assets it interned stay, unused)
      c.truncate(...mark);
      throw error;
    }
  }

  private appendBlock(block: ChainBlock): void {
    const c = this.c;
    hexInto(block.hash, 32, hash, 0, 'block hash');
    c.blockHash.push(hash, 0);
    c.blockHeight.push(block.height);
    c.blockTime.push(block.time);
    c.blockTx.push(c.txs);
    c.blockPool.push(c.valuePool.length);
    const n = c.rows + block.transfers.length;
    for (const col of [c.rowFrom, c.rowTo, c.rowValueLo, c.rowValueHi, c.rowAsset]) col.reserve(n);
    let k = 0;
    for (const tx of block.txs) {
      hexInto(tx.hash, 32, hash, 0, 'transaction hash');
      c.txHash.push(hash, 0);
      c.txRow.push(c.rows);
      for (; k < block.transfers.length && block.transfers[k]!.txHash === tx.hash; k++)
        this.appendRow(block.transfers[k]!);
    }
    if (k < block.transfers.length) {
      throw new BulwarkError(
        'ETH_RPC_MALFORMED',
        `block ${block.height}: transfer ${k} (tx ${block.transfers[k]!.txHash}) is not grouped under its transaction in block order`,
        {
          source: this.dir,
          hint: 'Transfers must follow their transactions in block order; this is a bug in extraction',
        },
      );
    }
  }

  private appendRow(t: ChainTransfer): void {
    const c = this.c;
    c.rowFrom.push(this.accountId(t.from));
    c.rowTo.push(this.accountId(t.to));
    pushValue(t.value, c.rowValueLo, c.rowValueHi, c.valuePool);
    const asset = t.asset === 'ETH' ? 0 : this.assetIndex(this.accountId(t.asset));
    if (asset >= FAR) {
      c.farRow.push(c.rowAsset.length);
      c.farAsset.push(asset);
    }
    c.rowAsset.push((KIND_CODE[t.kind] << 13) | Math.min(asset, FAR));
  }

  private accountId(text: string): number {
    key[0] = KEY_ACCOUNT;
    hexInto(text, 20, key, 1, 'address');
    return this.dict.intern(key, 0, 21);
  }

  /** Asset index of a token address id, registering it if new (also used by account-bulk.ts). */
  assetIndex(token: number): number {
    const known = this.assets.get(token);
    if (known !== undefined) return known;
    this.c.assetAddr.push(token);
    const index = this.c.assetAddr.length;
    if (index > MAX_ASSETS) {
      throw new BulwarkError('GRAPH_CORRUPT', `more than ${MAX_ASSETS} token assets`, {
        source: this.dir,
        hint: 'Format version 1 holds 2^29 − 1 tokens per chain',
      });
    }
    this.assets.set(token, index);
    return index;
  }

  putTokens(tokens: readonly TokenInfo[]): void {
    const c = this.c;
    for (const t of tokens) {
      c.tokenAddr.push(this.accountId(t.address));
      c.tokenDecimals.push(t.decimals ?? UNKNOWN_DECIMALS);
      const bytes = utf8.encode(t.symbol ?? '');
      c.tokenSymbol.appendBytes(bytes, 0, bytes.length);
      c.tokenSymbolEnd.push(c.tokenSymbol.length);
    }
  }

  tokens(): TokenInfo[] {
    const c = this.c;
    const out: TokenInfo[] = [];
    for (let i = 0; i < c.tokenAddr.length; i++) {
      const start = i === 0 ? 0 : c.tokenSymbolEnd.data[i - 1]!;
      const symbol = fromUtf8.decode(c.tokenSymbol.data.subarray(start, c.tokenSymbolEnd.data[i]!));
      const decimals = c.tokenDecimals.data[i]!;
      out.push({
        address: hexOf(this.dict.key(c.tokenAddr.data[i]!), 1, 20),
        symbol: symbol === '' ? undefined : symbol,
        decimals: decimals === UNKNOWN_DECIMALS ? undefined : decimals,
      });
    }
    return out;
  }

  commit(): void {
    this.hooks.commit();
  }

  /** Drops every block above `height`, durably; below the first stored block empties the chain. */
  rollback(height: number): void {
    const first = this.c.blocks > 0 ? this.c.blockHeight.data[0]! : 0;
    const keep = Math.max(0, height - first + 1);
    if (keep < this.c.blocks) this.hooks.rollback(keep);
  }

  // ---- writing (through Graph) ----

  /** Writes the uncommitted tails and a segment for the new blocks, merging to keep sizes geometric. */
  flush(): AccountManifest {
    this.c.flush();
    const last = this.segments.at(-1);
    const from = last ? last.txEnd : 0;
    if (from < this.c.blocks) this.segments.push(this.build(from, this.c.blocks));
    for (let plan = mergePlan(this.segments); plan; plan = mergePlan(this.segments)) {
      const [a, b] = [this.segments[plan - 1]!, this.segments[plan]!];
      this.segments.splice(plan - 1, 2, this.build(a.txStart, b.txEnd));
    }
    return this.manifest();
  }

  manifest(): AccountManifest {
    const c = this.c;
    return {
      blocks: c.blocks,
      txs: c.txs,
      rows: c.rows,
      poolBytes: c.valuePool.length,
      farAssets: c.farRow.length,
      assets: c.assetAddr.length,
      tokens: c.tokenAddr.length,
      symbolBytes: c.tokenSymbol.length,
      segments: this.segments.map(({ file, txStart, txEnd, rowStart, rowEnd }) => ({
        file,
        txStart,
        txEnd,
        rowStart,
        rowEnd,
      })),
    };
  }

  private build(blockStart: number, blockEnd: number): Segment {
    const file = `${this.chain}.seg.${blockStart}-${blockEnd}`;
    const seg = { ...buildAccountSegment(this.c, blockStart, blockEnd), file };
    writeSegment(join(this.dir, file), seg);
    return seg;
  }

  /** Keeps blocks [0, keep). Call through Graph.rollbackEthereum, which orders it with the manifest. */
  truncateBlocks(keep: number): void {
    const c = this.c;
    if (keep >= c.blocks) return;
    const txs = c.blockTx.data[keep]!;
    const rows = rowOfBlock(c, keep);
    c.truncate(keep, txs, rows, c.blockPool.data[keep]!, countBelow(c.farRow.data, c.farRow.length, rows));
    const kept: Segment[] = [];
    for (const s of this.segments) {
      if (s.txEnd <= keep) kept.push(s);
      else if (s.txStart < keep) kept.push(this.build(s.txStart, keep));
    }
    this.segments = kept;
  }

  /** Deletes segment files of this chain the manifest no longer lists. */
  removeSegmentFiles(files: readonly string[]): void {
    removeUnlistedSegments(this.dir, this.chain, files, new Set(this.segments.map((s) => s.file)));
  }

  // ---- reading ----

  /** Rows where `addr` pays (sorted by row). */
  outEdges(addr: number): Uint32Array {
    return this.gather(addr, true);
  }

  /** Rows paying `addr` (sorted by row). */
  inEdges(addr: number): Uint32Array {
    return this.gather(addr, false);
  }

  private gather(addr: number, out: boolean): Uint32Array {
    const parts: Uint32Array[] = [];
    let total = 0;
    for (const s of this.segments) {
      const r = rowsOf(out ? s.out : s.in, addr);
      if (r.length === 0) continue;
      total += r.length;
      parts.push(r);
    }
    if (parts.length <= 1) return parts[0] ?? EMPTY_ROWS;
    const all = new Uint32Array(total);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all; // segments cover ascending row ranges: already sorted
  }

  transfer(row: number): EthereumTransfer {
    const c = this.c;
    const tx = this.txOfRow(row);
    const block = this.blockOfTx(tx);
    const packed = c.rowAsset.data[row]!;
    return {
      row,
      from: c.rowFrom.data[row]!,
      to: c.rowTo.data[row]!,
      value: this.value(row),
      asset: this.assetAddress(this.assetOf(row)),
      tx,
      block,
      height: c.blockHeight.data[block]!,
      time: c.blockTime.data[block]!,
      kind: KINDS[packed >>> 13]!,
    };
  }

  value(row: number): bigint {
    return readValue(row, this.c.rowValueLo, this.c.rowValueHi, this.c.valuePool);
  }

  /** The value as a double: exact below 2^53, for thresholds and ranking in hot loops. */
  approxValue(row: number): number {
    return approxValue(row, this.c.rowValueLo, this.c.rowValueHi, this.c.valuePool);
  }

  /** Dense asset index of a row: 0 ether, k ≥ 1 a token (see assetAddress). */
  assetOf(row: number): number {
    const a = this.c.rowAsset.data[row]! & ASSET_MASK;
    if (a !== FAR) return a;
    const c = this.c;
    return c.farAsset.data[lastAtOrBefore(c.farRow.data, c.farRow.length, row)]!;
  }

  kindOf(row: number): TransferKind {
    return KINDS[this.c.rowAsset.data[row]! >>> 13]!;
  }

  /** Token contract address id of an asset index; NO_ADDRESS for ether. */
  assetAddress(asset: number): number {
    return asset === 0 ? NO_ADDRESS : this.c.assetAddr.data[asset - 1]!;
  }

  txHash(tx: number): string {
    return hexOf(this.c.txHash.data, tx * 32, 32);
  }

  /** The transaction of a row: the last one whose first row is at or before it. */
  txOfRow(row: number): number {
    return lastAtOrBefore(this.c.txRow.data, this.c.txs, row);
  }

  blockOfTx(tx: number): number {
    return lastAtOrBefore(this.c.blockTx.data, this.c.blocks, tx);
  }
}
