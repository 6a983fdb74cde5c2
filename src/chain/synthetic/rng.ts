/**
 * A seeded generator (xoshiro128**, state from splitmix32 of the seed) and the heavy-tailed
 * distributions the synthetic chains draw from. 32-bit integer arithmetic only, so a seed gives the
 * same chain on every machine and Node version.
 */

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A bijection of 32-bit integers: distinct indices give distinct, random-looking words. */
export function scramble32(x: number, salt: number): number {
  let z = (x ^ salt) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const s = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    this.a = splitmix32(s);
    this.b = splitmix32(this.a ^ hi);
    this.c = splitmix32(this.b + 1);
    this.d = splitmix32(this.c + 2) | 1;
  }

  /** A uniform 32-bit word. */
  next(): number {
    const m = Math.imul(this.b, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Rank in [0, n) with P(rank k) ∝ (k + 1)^-s (inverse CDF of the continuous approximation). */
  zipf(n: number, s: number): number {
    const u = this.float();
    const r = s === 1 ? Math.exp(u * Math.log(n + 1)) : ((n + 1) ** (1 - s) - 1) * u + 1;
    const k = Math.floor(s === 1 ? r : r ** (1 / (1 - s))) - 1;
    return k < 0 ? 0 : k >= n ? n - 1 : k;
  }

  /** Pareto with minimum `min` and tail index `alpha`, cut at `max`. */
  pareto(min: number, alpha: number, max: number): number {
    const x = min / (1 - this.float()) ** (1 / alpha);
    return Math.min(x, max);
  }

  /** 32 random bytes into dst at off (hashes). */
  bytes32(dst: Uint8Array, off: number): void {
    for (let i = 0; i < 32; i += 4) {
      const w = this.next();
      dst[off + i] = w & 0xff;
      dst[off + i + 1] = (w >>> 8) & 0xff;
      dst[off + i + 2] = (w >>> 16) & 0xff;
      dst[off + i + 3] = w >>> 24;
    }
  }
}
