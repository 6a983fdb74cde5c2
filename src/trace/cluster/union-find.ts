/**
 * Union-find over the graph's dense address ids, in one interleaved Int32Array: per address its
 * parent, its cluster's size (at roots) and the next member of its cluster (a circular list, so
 * members are listed in O(cluster)), padded to 16 bytes so a record never straddles a cache line.
 * At tens of millions of addresses a merge then touches two records, not six arrays.
 *
 * A cluster's id is its root's address id, and the root only changes when two clusters merge: the
 * larger keeps its root (on a tie, the older — the lower id, first seen earlier), so ids are stable
 * across increments and a replay of the same merges in the same order rebuilds the same ids.
 */
const PARENT = 0;
const SIZE = 1;
const NEXT = 2;

export class UnionFind {
  node: Int32Array;
  count = 0;

  constructor(capacity = 1024) {
    this.node = new Int32Array(capacity * 4);
  }

  /** Makes ids [count, n) singletons, growing the array geometrically. */
  grow(n: number): void {
    if (n <= this.count) return;
    if (n * 4 > this.node.length) {
      const next = new Int32Array(Math.max(n * 4, this.node.length * 2));
      next.set(this.node.subarray(0, this.count * 4));
      this.node = next;
    }
    const v = this.node;
    for (let i = this.count; i < n; i++) {
      v[i * 4 + PARENT] = i;
      v[i * 4 + SIZE] = 1;
      v[i * 4 + NEXT] = i;
    }
    this.count = n;
  }

  /** The cluster id of `a` (path halving: no recursion, no allocation). */
  find(a: number): number {
    const v = this.node;
    let p = v[a * 4]!;
    while (p !== a) {
      const up = v[p * 4]!;
      v[a * 4] = up;
      a = up;
      p = v[a * 4]!;
    }
    return a;
  }

  /** Members of the cluster rooted at `root`. */
  sizeOf(root: number): number {
    return this.node[root * 4 + SIZE]!;
  }

  /** The member after `a` in its cluster's circular list. */
  nextOf(a: number): number {
    return this.node[a * 4 + NEXT]!;
  }

  /** Joins the clusters of a and b; the surviving root, or -1 when they were one already. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    const v = this.node;
    const sa = v[ra * 4 + SIZE]!;
    const sb = v[rb * 4 + SIZE]!;
    if (sb > sa || (sb === sa && rb < ra)) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    v[rb * 4 + PARENT] = ra;
    v[ra * 4 + SIZE] = sa + sb;
    // splicing two circular lists is swapping one successor each
    const n = v[ra * 4 + NEXT]!;
    v[ra * 4 + NEXT] = v[rb * 4 + NEXT]!;
    v[rb * 4 + NEXT] = n;
    return ra;
  }
}
