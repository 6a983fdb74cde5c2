/**
 * Why two addresses are one entity: the merges form a spanning forest of the clusters (each merge
 * joined two clusters), so the path between two members in their tree is the chain of evidence.
 * Found by breadth-first search over the merges as edges, with a CSR built once per log length.
 */
import type { Clusters } from './clusters.ts';

interface MergeGraph {
  length: number;
  start: Int32Array;
  /** Per half-edge: the merge index. */
  merge: Int32Array;
}

const built = new WeakMap<Clusters, MergeGraph>();

function mergeGraph(clusters: Clusters): MergeGraph {
  const log = clusters.log;
  const cached = built.get(clusters);
  if (cached && cached.length === log.length) return cached;
  const n = clusters.addresses;
  const start = new Int32Array(n + 1);
  for (let m = 0; m < log.length; m++) {
    start[log.a[m]! + 1]!++;
    start[log.b[m]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const merge = new Int32Array(2 * log.length);
  for (let m = 0; m < log.length; m++) {
    merge[fill[log.a[m]!]!++] = m;
    merge[fill[log.b[m]!]!++] = m;
  }
  const g = { length: log.length, start, merge };
  built.set(clusters, g);
  return g;
}

/** The merge indices on the path from a to b, in order; [] when a = b, undefined when apart. */
export function whyTogether(clusters: Clusters, a: number, b: number): number[] | undefined {
  if (a === b) return [];
  if (a >= clusters.addresses || b >= clusters.addresses) return undefined;
  if (clusters.clusterOf(a) !== clusters.clusterOf(b)) return undefined;
  const g = mergeGraph(clusters);
  const log = clusters.log;
  // the search stays inside one cluster: its size bounds the queue and the visited map
  const via = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head]!;
    for (let e = g.start[x]!; e < g.start[x + 1]!; e++) {
      const m = g.merge[e]!;
      const y = log.a[m] === x ? log.b[m]! : log.a[m]!;
      if (via.has(y)) continue;
      via.set(y, m);
      if (y === b) return pathTo(via, log.a, log.b, b);
      queue.push(y);
    }
  }
  return undefined;
}

function pathTo(via: Map<number, number>, ma: Int32Array, mb: Int32Array, b: number): number[] {
  const path: number[] = [];
  for (let x = b, m = via.get(b)!; m >= 0; m = via.get(x)!) {
    path.push(m);
    x = ma[m] === x ? mb[m]! : ma[m]!;
  }
  return path.reverse();
}
