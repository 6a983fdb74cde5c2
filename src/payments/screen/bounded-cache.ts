/**
 * Remembers recent answers for repeated inputs (the same beneficiaries and originators recur all day);
 * when full it starts over, which bounds memory without per-entry bookkeeping.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  private readonly max: number;

  constructor(max = 65_536) {
    this.max = max;
  }

  /** The cached value, or undefined when the key is not cached (store values that are never undefined). */
  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  store(key: string, value: V): V {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get(key: string, compute: (key: string) => V): V {
    const found = this.map.get(key);
    if (found !== undefined || this.map.has(key)) return found as V;
    const value = compute(key);
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
