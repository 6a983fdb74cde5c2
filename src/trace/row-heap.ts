/**
 * A binary min-heap of (key, cursor) pairs in growable Int32Arrays: the frontier's order. The
 * smallest key is at index 0; `replaceTop` advances the top cursor with one sift instead of a pop
 * and a push.
 */
export class RowHeap {
  key = new Int32Array(64);
  cur = new Int32Array(64);
  size = 0;

  push(key: number, cur: number): void {
    if (this.size === this.key.length) this.grow();
    const k = this.key;
    const c = this.cur;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      c[i] = c[p]!;
      i = p;
    }
    k[i] = key;
    c[i] = cur;
  }

  /** Gives the top a new key (its cursor advanced) and restores the order. */
  replaceTop(key: number): void {
    this.siftDown(key, this.cur[0]!);
  }

  /** Drops the top (its cursor ran out). */
  popTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.key[last]!, this.cur[last]!);
  }

  private siftDown(key: number, cur: number): void {
    const k = this.key;
    const c = this.cur;
    const n = this.size;
    let i = 0;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      if (m + 1 < n && k[m + 1]! < k[m]!) m++;
      if (k[m]! >= key) break;
      k[i] = k[m]!;
      c[i] = c[m]!;
      i = m;
    }
    k[i] = key;
    c[i] = cur;
  }

  private grow(): void {
    const key = new Int32Array(this.key.length * 2);
    key.set(this.key);
    this.key = key;
    const cur = new Int32Array(this.cur.length * 2);
    cur.set(this.cur);
    this.cur = cur;
  }
}
