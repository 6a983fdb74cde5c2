/**
 * Clusters of addresses: a union-find over the graph's address ids and the log of the merges that
 * made them. Heuristic passes call `merge` (a union and a log append: nothing else on the hot
 * path); opening persisted clusters calls `replay` over the stored log, which reproduces the same
 * ids. Which merges made a cluster is indexed lazily, for readers (one counting sort by root).
 */
import { MergeLog } from './merge-log.ts';
import { UnionFind } from './union-find.ts';

interface ByRoot {
  merges: number;
  /** Merges of the cluster rooted at r: order[start[r] .. start[r + 1]). */
  start: Int32Array;
  order: Int32Array;
}

export class Clusters {
  readonly uf = new UnionFind();
  readonly log = new MergeLog();
  private byRoot: ByRoot | undefined;

  /** Addresses [0, n) exist (the graph's dictionary grows; clusters follow). */
  grow(n: number): void {
    this.uf.grow(n);
  }

  get addresses(): number {
    return this.uf.count;
  }

  /** Joins the clusters of a and b for a reason; true when they were apart (the merge is logged). */
  merge(a: number, b: number, tx: number, height: number, kind: number): boolean {
    if (this.uf.union(a, b) < 0) return false;
    this.log.push(a, b, tx, height, kind);
    return true;
  }

  /** Applies stored merge m (loading): the same unions in the same order give the same ids. */
  replay(m: number): void {
    this.uf.union(this.log.a[m]!, this.log.b[m]!);
  }

  /** The cluster id of an address: the address id of its root, stable until its cluster merges into a larger one. */
  clusterOf(id: number): number {
    return this.uf.find(id);
  }

  sizeOf(id: number): number {
    return this.uf.sizeOf(this.uf.find(id));
  }

  /** Up to `limit` member address ids of the cluster of `id`, starting with its root. */
  members(id: number, limit = Number.POSITIVE_INFINITY): number[] {
    const root = this.uf.find(id);
    const out = [root];
    for (let m = this.uf.nextOf(root); m !== root && out.length < limit; m = this.uf.nextOf(m)) out.push(m);
    return out;
  }

  private index(): ByRoot {
    const log = this.log;
    if (this.byRoot?.merges === log.length) return this.byRoot;
    const n = this.uf.count;
    const start = new Int32Array(n + 1);
    const rootOf = new Int32Array(log.length);
    for (let m = 0; m < log.length; m++) {
      const r = this.uf.find(log.a[m]!);
      rootOf[m] = r;
      start[r + 1]!++;
    }
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const order = new Int32Array(log.length);
    for (let m = 0; m < log.length; m++) order[fill[rootOf[m]!]!++] = m;
    this.byRoot = { merges: log.length, start, order };
    return this.byRoot;
  }

  /** Merge indices of the cluster of `id`, oldest first (all of them unless `limit`). */
  merges(id: number, limit = Number.POSITIVE_INFINITY): number[] {
    const { start, order } = this.index();
    const r = this.uf.find(id);
    const end = Math.min(start[r + 1]!, start[r]! + limit);
    return Array.from(order.subarray(start[r]!, end));
  }

  /** How many merges of each kind byte made the cluster of `id`. */
  kindCounts(id: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const m of this.merges(id)) {
      const k = this.log.kind[m]!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  }
}
