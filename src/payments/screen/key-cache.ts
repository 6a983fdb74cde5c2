/**
 * Interned `a|b` keys for the history lookups every screened payment makes (originator, beneficiary,
 * corridor). A payment's strings are fresh slices of its message: joining them allocates a string that
 * V8 must hash (and flatten) at each lookup. An interned key is built once and keeps its hash. The table
 * starts over when it holds `max` keys, which bounds memory without per-entry bookkeeping.
 */
export class PairKeys {
  private readonly byFirst = new Map<string, Map<string, string>>();
  private size = 0;
  private readonly max: number;

  constructor(max = 200_000) {
    this.max = max;
  }

  /** The string `${a}|${b}`, the same instance each time while it is cached. */
  key(a: string, b: string): string {
    let inner = this.byFirst.get(a);
    if (inner === undefined) {
      if (this.size >= this.max) this.clear();
      inner = new Map();
      this.byFirst.set(a, inner);
    }
    let joined = inner.get(b);
    if (joined === undefined) {
      if (this.size >= this.max) {
        this.clear();
        return this.key(a, b);
      }
      joined = `${a}|${b}`;
      inner.set(b, joined);
      this.size++;
    }
    return joined;
  }

  private clear(): void {
    this.byFirst.clear();
    this.size = 0;
  }
}

/** Interned results of a pure function of one string (a BIC's first 8 characters, a folded name). */
export class StringMemo<V> {
  private readonly map = new Map<string, V>();
  private readonly max: number;
  private readonly compute: (key: string) => V;

  constructor(compute: (key: string) => V, max = 100_000) {
    this.compute = compute;
    this.max = max;
  }

  get(key: string): V {
    let value = this.map.get(key);
    if (value === undefined && !this.map.has(key)) {
      if (this.map.size >= this.max) this.map.clear();
      value = this.compute(key);
      this.map.set(key, value);
    }
    return value as V;
  }
}
