/**
 * Per-address scratch of the path search, kept across searches: a 5 M-address graph would otherwise
 * cost ~100 MB of fresh typed arrays per request. Searches run synchronously, so one set serves all.
 * The reach arrays are reset through the list of addresses they touched; the record arrays are
 * stamped per expansion, so they need no reset at all.
 */

export class PathScratch {
  n = 0;
  /** Latest departure row + 1 from which the target is still reachable in time order (0: none). */
  latest = new Uint32Array(0);
  /** Fewest hops to the target (valid where latest > 0). */
  dist = new Uint8Array(0);
  /** Expansion stamp of `best`/`bestAsset` (and layer stamp of the backward frontier). */
  stamp = new Uint32Array(0);
  /** Earliest arrival row + 1 from the source (0: not reached), and its fewest hops from it. */
  early = new Uint32Array(0);
  hopsFrom = new Uint8Array(0);
  best = new Float64Array(0);
  bestAsset = new Int32Array(0);
  touched = new Int32Array(1024);
  touchedCount = 0;
  private clock = 0;

  ensure(n: number): void {
    if (n <= this.n) return;
    const size = Math.max(n, Math.ceil(this.n * 1.5));
    this.latest = new Uint32Array(size);
    this.dist = new Uint8Array(size);
    this.stamp = new Uint32Array(size);
    this.early = new Uint32Array(size);
    this.hopsFrom = new Uint8Array(size);
    this.best = new Float64Array(size);
    this.bestAsset = new Int32Array(size);
    this.n = size;
    this.clock = 0;
    this.touchedCount = 0;
  }

  /** A stamp no address holds yet. */
  tick(): number {
    if (this.clock === 0xfffffffe) {
      this.stamp.fill(0);
      this.clock = 0;
    }
    return ++this.clock;
  }

  touch(id: number): void {
    if (this.touchedCount === this.touched.length) {
      const bigger = new Int32Array(this.touched.length * 2);
      bigger.set(this.touched);
      this.touched = bigger;
    }
    this.touched[this.touchedCount++] = id;
  }

  /** Clears the reach of the last search. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const id = this.touched[i]!;
      this.latest[id] = 0;
      this.dist[id] = 0;
      this.early[id] = 0;
      this.hopsFrom[id] = 0;
    }
    this.touchedCount = 0;
  }
}

export const scratch = new PathScratch();
