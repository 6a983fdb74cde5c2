/**
 * The transaction-graph store: an address dictionary shared by the chains and a table per chain,
 * in append-only column files under one directory, committed by an atomically replaced manifest.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import { reversedHex } from '../bitcoin/parsed-block.ts';
import { EthereumTable } from './account-table.ts';
import { keyToString, stringToKey } from './address-codec.ts';
import { AddressDict } from './address-dict.ts';
import { adjacencyBytes } from './adjacency.ts';
import type { Manifest } from './format.ts';
import { acquireLock } from './lock.ts';
import { emptyManifest, readManifest, writeManifest } from './manifest.ts';
import { UtxoTable } from './utxo-table.ts';

export type ChainName = 'bitcoin' | 'ethereum';

export interface OpenGraphOptions {
  /** Read the committed state only; no lock, no writes. */
  readonly?: boolean;
}

export interface ChainHead {
  height: number;
  hash: string;
  time: number;
}

export interface Transfer {
  row: number;
  /** 'input': address pays into tx; 'output': tx pays address. */
  kind: 'input' | 'output';
  /** Address id; NO_ADDRESS or UNRESOLVED when there is none (yet). */
  address: number;
  /** Satoshi; NaN while the input is unresolved. */
  value: number;
  tx: number;
  block: number;
  height: number;
  time: number;
}

export interface ChainStats {
  blocks: number;
  transactions: number;
  transfers: number;
  unresolved: number;
  segments: number;
  bytes: { rows: number; txs: number; blocks: number; pending: number; patches: number; adjacency: number };
  /** Row columns and adjacency over rows: what tracing walks. */
  indexedBytesPerTransfer: number;
  /** Everything of this chain plus its share of the address dictionary. */
  totalBytesPerTransfer: number;
}

export interface EthereumStats {
  blocks: number;
  transactions: number;
  transfers: number;
  segments: number;
  bytes: { rows: number; poolBytes: number; txs: number; blocks: number; tokens: number; adjacency: number };
  /** Row columns, big values, tx → row offsets and adjacency: what tracing walks. */
  indexedBytesPerTransfer: number;
  /** Everything of this chain plus the whole address dictionary. */
  totalBytesPerTransfer: number;
}

export interface GraphStats {
  addresses: number;
  addressBytes: number;
  commit: number;
  chains: { bitcoin: ChainStats; ethereum: EthereumStats };
}

export class Graph {
  readonly dir: string;
  readonly readonly: boolean;
  readonly dict: AddressDict;
  readonly bitcoin: UtxoTable;
  /** The Ethereum table; it is the `EthereumSink` ingestion writes to. */
  readonly ethereum: EthereumTable;
  private manifest: Manifest;
  private release: (() => void) | undefined;

  constructor(dir: string, options: OpenGraphOptions) {
    this.dir = dir;
    this.readonly = options.readonly === true;
    if (!this.readonly) {
      mkdirSync(dir, { recursive: true });
      this.release = acquireLock(dir);
    }
    try {
      this.manifest = readManifest(dir) ?? emptyManifest();
      this.dict = new AddressDict(dir);
      this.dict.load(this.manifest.addresses.count, this.manifest.addresses.bytes, !this.readonly);
      this.bitcoin = new UtxoTable(dir, 'bitcoin', this.dict);
      const m = this.manifest.chains.bitcoin;
      if (m) this.bitcoin.load(m, !this.readonly);
      this.ethereum = new EthereumTable(dir, this.dict, {
        commit: () => this.commit(),
        rollback: (keep) => this.rollbackEthereum(keep),
      });
      const e = this.manifest.chains.ethereum;
      if (e) this.ethereum.load(e, !this.readonly);
      if (!this.readonly) this.removeDebris();
    } catch (error) {
      this.release?.();
      throw error;
    }
  }

  /** Segment files of interrupted commits or merges. */
  private removeDebris(): void {
    const files = readdirSync(this.dir);
    this.bitcoin.removeSegmentFiles(files);
    this.ethereum.removeSegmentFiles(files);
    // the chains' sweep above may already have taken a `<chain>.seg.*.tmp`: the list is from before it
    for (const f of files) if (f.endsWith('.tmp')) rmSync(join(this.dir, f), { force: true });
  }

  /** Throws GRAPH_READONLY unless this store was opened for appending; every writer checks it first. */
  assertWritable(): void {
    if (this.readonly) {
      throw new BulwarkError('GRAPH_READONLY', `graph store ${this.dir} was opened read-only`, {
        source: this.dir,
        hint: 'Open it without { readonly: true } to append',
      });
    }
  }

  /** Makes everything appended since the last commit durable, atomically. */
  commit(): void {
    this.assertWritable();
    this.dict.flush();
    const bitcoin = this.bitcoin.flush();
    // a store that never held a chain gets no entry for it
    const ethereum =
      this.ethereum.c.blocks > 0 || this.manifest.chains.ethereum ? this.ethereum.flush() : undefined;
    this.manifest = {
      ...this.manifest,
      commit: this.manifest.commit + 1,
      addresses: { count: this.dict.count, bytes: this.dict.keys.length },
      chains: { ...this.manifest.chains, bitcoin, ...(ethereum ? { ethereum } : {}) },
    };
    writeManifest(this.dir, this.manifest);
    const files = readdirSync(this.dir);
    this.bitcoin.removeSegmentFiles(files);
    this.ethereum.removeSegmentFiles(files);
  }

  /**
   * Drops the blocks appended from append index `keep` on. The manifest with the shorter lengths is
   * written before any file is cut, so a crash leaves either the old or the new state.
   */
  rollbackBitcoin(keep: number): void {
    this.assertWritable();
    this.commit();
    this.bitcoin.rollback(keep);
    this.manifest = {
      ...this.manifest,
      commit: this.manifest.commit + 1,
      chains: { ...this.manifest.chains, bitcoin: this.bitcoin.manifest() },
    };
    writeManifest(this.dir, this.manifest);
    this.bitcoin.removeSegmentFiles(readdirSync(this.dir));
  }

  /** As rollbackBitcoin, for the Ethereum table (reached through `graph.ethereum.rollback(height)`). */
  rollbackEthereum(keep: number): void {
    this.assertWritable();
    this.commit();
    this.ethereum.truncateBlocks(keep);
    this.manifest = {
      ...this.manifest,
      commit: this.manifest.commit + 1,
      chains: { ...this.manifest.chains, ethereum: this.ethereum.manifest() },
    };
    writeManifest(this.dir, this.manifest);
    this.ethereum.removeSegmentFiles(readdirSync(this.dir));
  }

  close(): void {
    this.release?.();
    this.release = undefined;
  }

  addressId(text: string): number {
    const key = stringToKey(text);
    return key ? this.dict.find(key, 0, key.length) : -1;
  }

  addressOf(id: number): string {
    return keyToString(this.dict.key(id));
  }

  /** Bitcoin: input rows the address spends in; Ethereum: rows the address pays. */
  outEdges(id: number, chain: ChainName = 'bitcoin'): Uint32Array {
    return chain === 'ethereum' ? this.ethereum.outEdges(id) : this.bitcoin.outEdges(id);
  }

  inEdges(id: number, chain: ChainName = 'bitcoin'): Uint32Array {
    return chain === 'ethereum' ? this.ethereum.inEdges(id) : this.bitcoin.inEdges(id);
  }

  /** A Bitcoin row; Ethereum rows are read with `graph.ethereum.transfer(row)`. */
  transfer(row: number): Transfer {
    const t = this.bitcoin;
    const tx = t.c.rowTx.data[row]!;
    const block = t.blockOf(tx);
    return {
      row,
      kind: t.isInputRow(row) ? 'input' : 'output',
      address: t.c.rowAddr.data[row]!,
      value: t.c.rowValue.data[row]!,
      tx,
      block,
      height: t.heightOf(block),
      time: t.c.blockTime.data[block]!,
    };
  }

  /** The highest block held, or undefined for an empty chain. */
  head(chain: ChainName = 'bitcoin'): ChainHead | undefined {
    if (chain === 'ethereum') {
      const h = this.ethereum.head();
      const b = this.ethereum.c.blocks - 1;
      return h ? { ...h, time: this.ethereum.c.blockTime.data[b]! } : undefined;
    }
    const t = this.bitcoin;
    let best = -1;
    for (let b = 0; b < t.c.blocks; b++) if (best < 0 || t.heightOf(b) > t.heightOf(best)) best = b;
    if (best < 0) return undefined;
    return {
      height: t.heightOf(best),
      hash: reversedHex(t.c.blockHash.data, best * 32),
      time: t.c.blockTime.data[best]!,
    };
  }

  stats(): GraphStats {
    const t = this.bitcoin;
    const bytes = { ...t.c.bytes(), adjacency: 0 };
    for (const s of t.segments) bytes.adjacency += adjacencyBytes(s.out) + adjacencyBytes(s.in);
    const rows = t.c.rows;
    const addressBytes = this.dict.keys.length + 4 * this.dict.count;
    const chainBytes = Object.values(bytes).reduce((a, b) => a + b, 0);
    const per = (n: number) => (rows === 0 ? 0 : n / rows);
    return {
      addresses: this.dict.count,
      addressBytes,
      commit: this.manifest.commit,
      chains: {
        bitcoin: {
          blocks: t.c.blocks,
          transactions: t.c.txs,
          transfers: rows,
          unresolved: t.unresolved(),
          segments: t.segments.length,
          bytes,
          indexedBytesPerTransfer: per(bytes.rows + bytes.adjacency),
          totalBytesPerTransfer: per(chainBytes + addressBytes),
        },
        ethereum: this.ethereumStats(addressBytes),
      },
    };
  }

  private ethereumStats(addressBytes: number): EthereumStats {
    const e = this.ethereum;
    const bytes = { ...e.c.bytes(), adjacency: 0 };
    for (const s of e.segments) bytes.adjacency += adjacencyBytes(s.out) + adjacencyBytes(s.in);
    const rows = e.c.rows;
    const per = (n: number) => (rows === 0 ? 0 : n / rows);
    const all = Object.values(bytes).reduce((a, b) => a + b, 0);
    return {
      blocks: e.c.blocks,
      transactions: e.c.txs,
      transfers: rows,
      segments: e.segments.length,
      bytes,
      indexedBytesPerTransfer: per(bytes.rows + bytes.poolBytes + 4 * e.c.txs + bytes.adjacency),
      totalBytesPerTransfer: per(all + addressBytes),
    };
  }
}

export function openGraph(dir: string, options: OpenGraphOptions = {}): Graph {
  return new Graph(dir, options);
}
