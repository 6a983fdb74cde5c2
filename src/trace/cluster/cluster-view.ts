/**
 * Reading clusters: the persisted merge log replayed over a read-only graph, and the answers an
 * analyst reads — an address's cluster (id, size, members, what merged it) and why two addresses are
 * one entity, each merge with its heuristic, transaction and block.
 */
import type { Graph } from '../../chain/index.ts';
import { reversedHex } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { type ClusterManifest, clusterDir, readClusterManifest, readMerges } from './cluster-files.ts';
import { Clusters } from './clusters.ts';
import {
  type ChangeHeuristic,
  chainOfKind,
  changeHeuristicsOf,
  type Heuristic,
  heuristicOf,
} from './kinds.ts';
import { NO_HEIGHT } from './merge-log.ts';
import { whyTogether } from './why.ts';

export interface MergeReason {
  heuristic: Heuristic;
  /** For a change merge: the change heuristics that named the output. */
  change?: ChangeHeuristic[];
  chain: 'bitcoin' | 'ethereum';
  /** The two addresses this merge's evidence joined. */
  from: string;
  to: string;
  tx: string;
  /** Block height; null when unknown (a block stored before its ancestors). */
  block: number | null;
}

export interface ClusterInfo {
  address: string;
  /** Stable cluster id: the graph address id of the cluster's root. */
  id: number;
  /** The root address, a readable name for the cluster. */
  root: string;
  size: number;
  merges: { 'multi-input': number; change: number; deposit: number };
  members: string[];
  membersTruncated: boolean;
  reasons: MergeReason[];
  reasonsTruncated: boolean;
}

export class ClusterView {
  readonly graph: Graph;
  readonly clusters: Clusters;
  readonly manifest: ClusterManifest;

  constructor(graph: Graph, clusters: Clusters, manifest: ClusterManifest) {
    this.graph = graph;
    this.clusters = clusters;
    this.manifest = manifest;
  }

  /** The address's graph id inside the clustered range, or -1. */
  idOf(address: string): number {
    const id = this.graph.addressId(address);
    return id >= 0 && id < this.clusters.addresses ? id : -1;
  }

  reason(m: number): MergeReason {
    const log = this.clusters.log;
    const kind = log.kind[m]!;
    const chain = chainOfKind(kind);
    const tx = log.tx[m]!;
    const heuristic = heuristicOf(kind);
    return {
      heuristic,
      ...(heuristic === 'change' ? { change: changeHeuristicsOf(kind) } : {}),
      chain,
      from: this.graph.addressOf(log.a[m]!),
      to: this.graph.addressOf(log.b[m]!),
      tx:
        chain === 'bitcoin'
          ? reversedHex(this.graph.bitcoin.c.txHash.data, tx * 32)
          : this.graph.ethereum.txHash(tx),
      block: log.height[m] === NO_HEIGHT ? null : log.height[m]!,
    };
  }

  /** Merge counts by heuristic for the cluster of graph id `id`. */
  heuristicCounts(id: number): ClusterInfo['merges'] {
    const out = { 'multi-input': 0, change: 0, deposit: 0 };
    for (const [kind, n] of this.clusters.kindCounts(id)) out[heuristicOf(kind)] += n;
    return out;
  }

  /** The cluster of an address, or undefined when the graph does not hold it. */
  info(address: string, limits: { members?: number; reasons?: number } = {}): ClusterInfo | undefined {
    const id = this.idOf(address);
    if (id < 0) return undefined;
    const c = this.clusters;
    const root = c.clusterOf(id);
    const size = c.sizeOf(id);
    const memberLimit = limits.members ?? 100;
    const reasonLimit = limits.reasons ?? 50;
    const merges = c.merges(id, reasonLimit + 1);
    return {
      address: this.graph.addressOf(id),
      id: root,
      root: this.graph.addressOf(root),
      size,
      merges: this.heuristicCounts(id),
      members: c.members(id, memberLimit).map((x) => this.graph.addressOf(x)),
      membersTruncated: size > memberLimit,
      reasons: merges.slice(0, reasonLimit).map((m) => this.reason(m)),
      reasonsTruncated: merges.length > reasonLimit,
    };
  }

  /** The merges linking a to b in order; undefined when they are not one cluster. */
  whyTogether(a: string, b: string): MergeReason[] | undefined {
    const ia = this.idOf(a);
    const ib = this.idOf(b);
    if (ia < 0 || ib < 0) return undefined;
    return whyTogether(this.clusters, ia, ib)?.map((m) => this.reason(m));
  }
}

/** The persisted clusters of the graph, over that graph (opened read-only by the caller). */
export function openClusters(graph: Graph): ClusterView {
  const dir = clusterDir(graph.dir);
  const m = readClusterManifest(dir);
  if (!m) {
    throw new BulwarkError('CLUSTER_MISSING', `no clusters have been built for the graph in ${graph.dir}`, {
      source: dir,
      hint: 'Run bulwark cluster build first',
    });
  }
  const clusters = new Clusters();
  readMerges(dir, m, clusters.log);
  // a graph opened before the build may know fewer addresses than the merges name
  let n = graph.dict.count;
  for (let k = 0; k < m.merges; k++) n = Math.max(n, clusters.log.a[k]! + 1, clusters.log.b[k]! + 1);
  clusters.grow(n);
  for (let k = 0; k < m.merges; k++) clusters.replay(k);
  return new ClusterView(graph, clusters, m);
}
