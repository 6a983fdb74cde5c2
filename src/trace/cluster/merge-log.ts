/**
 * Every merge the clustering made, in the order made: the two addresses whose evidence joined their
 * clusters, the heuristic (kinds.ts), the transaction (the chain's tx id) and the block height. The
 * merges are a spanning forest of the clusters, so they explain every pair of members (why.ts), and
 * replaying them through a fresh union-find rebuilds the same cluster ids (the log is all that is
 * persisted).
 */
export const NO_HEIGHT = 0xffffffff;

export class MergeLog {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  tx = new Uint32Array(1024);
  height = new Uint32Array(1024);
  kind = new Uint8Array(1024);
  length = 0;

  push(a: number, b: number, tx: number, height: number, kind: number): number {
    const m = this.length;
    if (m === this.a.length) this.widen(m * 2);
    this.a[m] = a;
    this.b[m] = b;
    this.tx[m] = tx;
    this.height[m] = height;
    this.kind[m] = kind;
    this.length = m + 1;
    return m;
  }

  reserve(n: number): void {
    if (n > this.a.length) this.widen(n);
  }

  private widen(cap: number): void {
    const grow = <T extends Int32Array | Uint32Array | Uint8Array>(x: T, make: (n: number) => T): T => {
      const y = make(cap);
      y.set(x);
      return y;
    };
    this.a = grow(this.a, (n) => new Int32Array(n));
    this.b = grow(this.b, (n) => new Int32Array(n));
    this.tx = grow(this.tx, (n) => new Uint32Array(n));
    this.height = grow(this.height, (n) => new Uint32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
  }
}
