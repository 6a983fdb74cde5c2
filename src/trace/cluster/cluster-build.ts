/**
 * Building clusters over a graph, incrementally: the persisted merge log is replayed (same ids),
 * then only the transactions and resolved inputs appended since are clustered (the Ethereum deposit
 * heuristic re-aggregates its rows when any are new). A rollback of a chain below what was clustered,
 * or other heuristic options, start over: merges cannot be taken back one by one.
 */
import { type Graph, reversedHex } from '../../chain/index.ts';
import { type BitcoinCounts, clusterBitcoinTxs, clusterPatches, emptyBitcoinCounts } from './bitcoin-pass.ts';
import { ALL_CHANGE, addressTypes, type ChangeOptions, NO_CHANGE } from './change.ts';
import {
  CLUSTER_FORMAT,
  CLUSTER_VERSION,
  type ClusterManifest,
  clusterDir,
  commitClusters,
  lockClusters,
  type ResolvedOptions,
  readClusterManifest,
  readMerges,
} from './cluster-files.ts';
import { Clusters } from './clusters.ts';
import { clusterDeposits, DEFAULT_DEPOSIT } from './ethereum-deposit.ts';

export interface ClusterOptions {
  /** The Bitcoin multi-input heuristic (CoinJoins are always left out); default on. */
  multiInput?: boolean;
  /** Change heuristics: all on (default), all off, or each switched. */
  change?: boolean | Partial<ChangeOptions>;
  /** The Ethereum deposit-address heuristic; default on. */
  deposit?: boolean;
  depositTolerance?: number;
  minDeposits?: number;
  /** Start from nothing even when persisted clusters could be extended. */
  rebuild?: boolean;
  /** Keep the clusters in memory only (default: persisted in `<graph>/clusters/`). */
  persist?: boolean;
  /** Called every 100,000 transactions with how many of `total` are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface ClusterSummary {
  /** Started from nothing, and why ('new', 'rebuild', 'options', 'bitcoin reorganisation', …). */
  rebuilt: string | null;
  transactions: number;
  ethereumRows: number;
  merges: { multiInput: number; change: number; deposit: number; total: number };
  coinjoins: { wasabi: number; whirlpool: number; joinmarket: number };
  addresses: number;
  /** Clusters of two or more addresses are `addresses − totalMerges` fewer than singletons. */
  totalMerges: number;
}

export interface ClusterBuild {
  clusters: Clusters;
  manifest: ClusterManifest;
  summary: ClusterSummary;
}

export function resolveOptions(o: ClusterOptions): ResolvedOptions {
  const change =
    o.change === false
      ? NO_CHANGE
      : o.change === true || o.change === undefined
        ? ALL_CHANGE
        : { ...ALL_CHANGE, ...o.change };
  return {
    multiInput: o.multiInput !== false,
    change: { ...change },
    deposit: o.deposit !== false,
    depositTolerance: o.depositTolerance ?? DEFAULT_DEPOSIT.tolerance,
    minDeposits: o.minDeposits ?? DEFAULT_DEPOSIT.minDeposits,
  };
}

function emptyManifest(options: ResolvedOptions): ClusterManifest {
  return {
    format: CLUSTER_FORMAT,
    version: CLUSTER_VERSION,
    commit: 0,
    merges: 0,
    options,
    bitcoin: { txs: 0, patches: 0, lastTx: '', fresh: -1 },
    ethereum: { rows: 0, blocks: 0, lastBlock: '' },
  };
}

/** Why the persisted clusters cannot be extended over `graph`, or undefined when they can. */
function staleness(graph: Graph, m: ClusterManifest, options: ResolvedOptions): string | undefined {
  if (JSON.stringify(m.options) !== JSON.stringify(options)) return 'options changed';
  const b = graph.bitcoin.c;
  if (m.bitcoin.txs > b.txs || m.bitcoin.patches > b.patchRow.length) return 'bitcoin reorganisation';
  if (m.bitcoin.txs > 0 && reversedHex(b.txHash.data, (m.bitcoin.txs - 1) * 32) !== m.bitcoin.lastTx)
    return 'bitcoin reorganisation';
  const e = graph.ethereum;
  if (m.ethereum.blocks > e.c.blocks) return 'ethereum reorganisation';
  if (
    m.ethereum.blocks > 0 &&
    e.hashAt(e.c.blockHeight.data[m.ethereum.blocks - 1]!) !== m.ethereum.lastBlock
  )
    return 'ethereum reorganisation';
  return undefined;
}

/** Clusters `graph`, extending the persisted clusters beside it when they still fit. */
export function buildClusters(graph: Graph, o: ClusterOptions = {}): ClusterBuild {
  const options = resolveOptions(o);
  const persist = o.persist !== false;
  const dir = clusterDir(graph.dir);
  const release = persist ? lockClusters(dir) : undefined;
  try {
    const stored = persist ? readClusterManifest(dir) : undefined;
    const why = o.rebuild ? 'rebuild' : stored ? staleness(graph, stored, options) : 'new';
    const clusters = new Clusters();
    clusters.grow(graph.dict.count);
    const m = why === undefined && stored ? stored : emptyManifest(options);
    if (why === undefined && stored) {
      readMerges(dir, stored, clusters.log);
      for (let k = 0; k < stored.merges; k++) clusters.replay(k);
    }
    const committed = clusters.log.length;
    const summary = extend(graph, clusters, m, o);
    summary.rebuilt = why ?? null;
    const next: ClusterManifest = { ...m, commit: (stored?.commit ?? 0) + 1, merges: clusters.log.length };
    if (persist) commitClusters(dir, why === undefined ? committed : 0, clusters.log, next);
    return { clusters, manifest: next, summary };
  } finally {
    release?.();
  }
}

/** Clusters what `m` has not covered yet, advancing `m`'s cursors. */
function extend(graph: Graph, clusters: Clusters, m: ClusterManifest, o: ClusterOptions): ClusterSummary {
  const options = m.options;
  const counts: BitcoinCounts = emptyBitcoinCounts();
  const b = graph.bitcoin;
  if (options.multiInput) {
    clusterPatches(b, clusters, m.bitcoin.patches, m.bitcoin.txs, counts);
    const cursor = { txs: m.bitcoin.txs, fresh: m.bitcoin.fresh };
    const types = addressTypes(graph.dict.keys.data, graph.dict.ends.data, graph.dict.count);
    const total = b.c.txs;
    for (let next = cursor.txs; next < total; ) {
      next = Math.min(total, next + 100_000);
      clusterBitcoinTxs(b, types, clusters, cursor, next, { change: options.change }, counts);
      o.onProgress?.(next, total);
    }
    m.bitcoin = {
      txs: total,
      patches: b.c.patchRow.length,
      lastTx: total > 0 ? reversedHex(b.c.txHash.data, (total - 1) * 32) : '',
      fresh: cursor.fresh,
    };
  }
  const e = graph.ethereum;
  let deposit = 0;
  const newRows = e.c.rows - m.ethereum.rows;
  if (options.deposit && newRows > 0) {
    deposit = clusterDeposits(e, clusters, graph.dict.count, {
      tolerance: options.depositTolerance,
      minDeposits: options.minDeposits,
    });
  }
  if (e.c.blocks > 0) {
    const last = e.c.blocks - 1;
    m.ethereum = {
      rows: e.c.rows,
      blocks: e.c.blocks,
      lastBlock: e.hashAt(e.c.blockHeight.data[last]!) ?? '',
    };
  }
  const total = counts.multiInputMerges + counts.changeMerges + deposit;
  return {
    rebuilt: null,
    transactions: counts.transactions,
    ethereumRows: Math.max(0, newRows),
    merges: { multiInput: counts.multiInputMerges, change: counts.changeMerges, deposit, total },
    coinjoins: {
      wasabi: counts.coinjoins[1]!,
      whirlpool: counts.coinjoins[2]!,
      joinmarket: counts.coinjoins[3]!,
    },
    addresses: clusters.addresses,
    totalMerges: clusters.log.length,
  };
}
