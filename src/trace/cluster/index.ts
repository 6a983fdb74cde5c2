/**
 * Address clustering over the graph store (public surface of trace/cluster/).
 *
 * - Bitcoin: the multi-input heuristic (all resolved inputs of a transaction are one spender),
 *   CoinJoins (Wasabi, Whirlpool, JoinMarket patterns, coinjoin.ts) left out of merges, and change
 *   heuristics (one-time change, non-round amount, optimal change; change.ts), each switchable.
 * - Ethereum: the deposit-address heuristic (ethereum-deposit.ts).
 * - Union-find over the graph's address ids (Int32Array parent/size): a cluster's id is its root,
 *   which only changes when it merges into a larger (or equal and older) cluster.
 * - Every merge is logged with its heuristic, transaction and block; the log is what is persisted
 *   (`<graph>/clusters/`, append-only columns and an atomically replaced manifest) and replaying it
 *   rebuilds the same ids; `whyTogether` answers with the chain of merges joining two addresses.
 */

export {
  type BitcoinCounts,
  type BitcoinCursor,
  clusterBitcoinTxs,
  emptyBitcoinCounts,
  type UtxoRows,
} from './bitcoin-pass.ts';
export { ALL_CHANGE, addressTypes, type ChangeOptions, NO_CHANGE } from './change.ts';
export {
  buildClusters,
  type ClusterBuild,
  type ClusterOptions,
  type ClusterSummary,
  resolveOptions,
} from './cluster-build.ts';
export { type ClusterManifest, clusterDir, readClusterManifest } from './cluster-files.ts';
export { ClusterSource } from './cluster-source.ts';
export { type ClusterInfo, ClusterView, type MergeReason, openClusters } from './cluster-view.ts';
export { Clusters } from './clusters.ts';
export { type ChangeHeuristic, COINJOINS, HEURISTICS, type Heuristic } from './kinds.ts';
export { UnionFind } from './union-find.ts';
export { whyTogether } from './why.ts';
