import { foldHashString, lastFoldedLength } from './fold-hash.ts';

/**
 * Exact values of every indexed path in one open-addressing hash table over typed arrays: entry `e`
 * is (path `paths[e]`, normalised value `keys[e]`, entry code `codes[e]`). A value several indicators
 * share is several entries; a probe walks the cluster and reports each. A million entries cost the
 * key references, three Int32Arrays and the slot array, with no Map and no per-entry object.
 */
export class ExactTable {
  keys: string[] = [];
  private paths: Int32Array;
  private codes: Int32Array;
  private hashes: Int32Array;
  /** Each key's fold hash (fold-hash.ts), which the byte prefilter's set is built from. */
  folds: Int32Array;
  /** Each key's folded length (bucket 255 for 255 and more). */
  foldLengths: Uint8Array;
  /**
   * Per slot, (hash, entry + 1) side by side: a probe compares hashes inside the slot's cache line and
   * reads an entry's arrays only for the one that matches (not for every entry of the cluster).
   */
  private slots: Int32Array;
  private mask: number;
  /**
   * One bit per slot hash, 4 bits per slot: most look-ups (the values of a candidate event that are
   * not the indicator's) end on one cached read instead of a cold slot, hash and key.
   */
  private summary: Int32Array;
  private shift: number;
  size = 0;

  constructor(expected = 16) {
    const capacity = Math.max(16, expected);
    this.paths = new Int32Array(capacity);
    this.codes = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.folds = new Int32Array(capacity);
    this.foldLengths = new Uint8Array(capacity);
    const slots = slotCount(capacity);
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
    this.summary = new Int32Array(slots / 8);
    this.shift = 32 - Math.log2(slots / 8);
  }

  add(path: number, key: string, code: number): void {
    if (this.size === this.codes.length) this.grow();
    const e = this.size++;
    const fold = foldHashString(key);
    const h = keyHash(path, fold);
    this.keys.push(key);
    this.paths[e] = path;
    this.codes[e] = code;
    this.hashes[e] = h;
    this.folds[e] = fold;
    this.foldLengths[e] = Math.min(255, lastFoldedLength);
    if (this.size * 4 > this.slots.length) this.rehash(this.slots.length);
    else this.place(e, h);
  }

  /** Calls `hit` with the code of every entry (path, key). */
  lookup(path: number, key: string, hit: (code: number) => void): void {
    const h = keyHash(path, foldHashString(key));
    if ((this.summary[h >>> this.shift]! & (1 << (h & 31))) === 0) return;
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const e = slots[2 * s + 1]! - 1;
      if (e < 0) return;
      if (slots[2 * s] === h && this.paths[e] === path && this.keys[e] === key) hit(this.codes[e]!);
    }
  }

  /** Visits each path that holds at least one entry, once. */
  forEachPath(visit: (path: number) => void): void {
    const seen = new Set<number>();
    for (let e = 0; e < this.size; e++) {
      const p = this.paths[e]!;
      if (!seen.has(p)) {
        seen.add(p);
        visit(p);
      }
    }
  }

  private place(e: number, h: number): void {
    const slots = this.slots;
    let s = h & this.mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = e + 1;
    this.summary[h >>> this.shift]! |= 1 << (h & 31);
  }

  private grow(): void {
    const capacity = this.codes.length * 2;
    this.paths = copy(this.paths, capacity);
    this.codes = copy(this.codes, capacity);
    this.hashes = copy(this.hashes, capacity);
    this.folds = copy(this.folds, capacity);
    const lengths = new Uint8Array(capacity);
    lengths.set(this.foldLengths);
    this.foldLengths = lengths;
  }

  private rehash(slots: number): void {
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
    this.summary = new Int32Array(slots / 8);
    this.shift = 32 - Math.log2(slots / 8);
    for (let e = 0; e < this.size; e++) this.place(e, this.hashes[e]!);
  }
}

function copy(a: Int32Array, capacity: number): Int32Array {
  const out = new Int32Array(capacity);
  out.set(a);
  return out;
}

function slotCount(capacity: number): number {
  let n = 16;
  while (n < capacity * 2) n *= 2;
  return n;
}

/**
 * The slot hash of (path, key) from the key's fold hash: equal keys fold alike, so one pass over the
 * key's characters serves the table and the prefilter (keys that fold alike but differ share a cluster).
 */
export function keyHash(path: number, fold: number): number {
  return mix(fold ^ Math.imul(path + 1, 0x9e3779b1));
}

export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
