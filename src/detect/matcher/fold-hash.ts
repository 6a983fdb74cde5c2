/**
 * The prefilter's hash of a value: FNV-1a over the value trimmed (whitespace both ends, dots at the
 * end) and lower-cased. Every normaliser of a `fold` path only trims, lower-cases or drops a dot, so a
 * value and its normal form hash alike. Bytes (ASCII, no escapes) and strings hash alike for ASCII.
 */

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** Whitespace JS `trim` removes, and every other control character (coarser is still exact). */
function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Never 0, so 0 marks an empty slot. */
export function finishFold(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

/** The length of the text the last `foldHashString` call hashed (read right after the call). */
export let lastFoldedLength = 0;

export function foldHashString(s: string, from = 0, to = s.length): number {
  let a = from;
  let b = to;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  for (let c = s.charCodeAt(b - 1); b > a && (c === 46 || isSpace(c)); c = s.charCodeAt(b - 1)) b--;
  let ascii = true;
  for (let i = a; i < b && ascii; i++) if (s.charCodeAt(i) >= 128) ascii = false;
  let h = FNV_OFFSET;
  if (ascii) {
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
    }
    lastFoldedLength = b - a;
    return finishFold(h);
  }
  const lower = s.slice(a, b).toLowerCase();
  lastFoldedLength = lower.length;
  for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ lower.charCodeAt(i), FNV_PRIME);
  return finishFold(h);
}

/** The same hash of ASCII bytes `buf[from..to)` (the caller sends anything else to the string form). */
export function foldHashBytes(buf: Uint8Array, from: number, to: number): number {
  let a = from;
  let b = to;
  while (a < b && buf[a]! <= 32) a++;
  while (b > a && (buf[b - 1]! <= 32 || buf[b - 1] === 46)) b--;
  let h = FNV_OFFSET;
  for (let i = a; i < b; i++) {
    const c = buf[i]!;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
  }
  return finishFold(h);
}

/** Sets with at least this many slots keep a bit summary (below it the slots are cache-resident anyway). */
const SUMMARY_MIN_SLOTS = 1 << 16;

/**
 * An open-addressing set of fold hashes in one Int32Array. A large set also keeps a two-bits-per-hash
 * summary (4 bits per slot: a quarter of the slots' bytes), so a miss, the common answer, usually costs
 * one read in a table that stays in cache instead of a TLB and cache miss in the slots (~150 ns here).
 */
export class FoldSet {
  private slots: Int32Array;
  private mask: number;
  private summary: Int32Array;
  /** Right shift that takes a hash to its summary word (32 - log2 of the summary's words). */
  private shift = 32;
  size = 0;

  constructor(expected: number) {
    let n = 16;
    while (n < expected * 2) n *= 2;
    this.slots = int32s(n);
    this.mask = n - 1;
    this.summary = this.summaryFor(n);
  }

  /** A FoldSet as a worker receives it (structured clone drops the prototype; shared tables stay shared). */
  static revive(data: FoldSet): FoldSet {
    return Object.setPrototypeOf(data, FoldSet.prototype) as FoldSet;
  }

  add(h: number): void {
    const slots = this.slots;
    let s = h & this.mask;
    for (let v = slots[s]!; v !== 0; v = slots[s]!) {
      if (v === h) return;
      s = (s + 1) & this.mask;
    }
    slots[s] = h;
    if (this.shift < 32) this.summary[h >>> this.shift]! |= (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
    if (++this.size * 2 > slots.length) this.grow();
  }

  has(h: number): boolean {
    // the summary's word is picked by the hash's high bits, its two bits by the low ones
    if (this.shift < 32) {
      const bits = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
      if ((this.summary[h >>> this.shift]! & bits) !== bits) return false;
    }
    const slots = this.slots;
    let s = h & this.mask;
    for (let v = slots[s]!; v !== 0; v = slots[s]!) {
      if (v === h) return true;
      s = (s + 1) & this.mask;
    }
    return false;
  }

  /**
   * `has` for `count` hashes at once: sets `found[k]` to 1 for each `hashes[k]` in the set (and leaves
   * the others as they were). A miss in a large set costs one summary read far from the cache; in
   * `has` each waits for the last, here the summary pass has no branch on what it reads, so the
   * processor keeps many of those reads in flight. `survivors` (at least `count` long) is scratch.
   */
  markMembers(hashes: Int32Array, count: number, found: Uint8Array, survivors: Int32Array): void {
    if (this.shift >= 32) {
      for (let k = 0; k < count; k++) if (this.has(hashes[k]!)) found[k] = 1;
      return;
    }
    const summary = this.summary;
    const shift = this.shift;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const h = hashes[k]!;
      const word = summary[h >>> shift]!;
      survivors[n] = k;
      // 1 when the summary has both bits: the index stays, else the next one overwrites it
      n += (word >>> (h & 31)) & (word >>> ((h >>> 5) & 31)) & 1;
    }
    const slots = this.slots;
    const mask = this.mask;
    for (let m = 0; m < n; m++) {
      const k = survivors[m]!;
      const h = hashes[k]!;
      let s = h & mask;
      for (let v = slots[s]!; v !== 0; v = slots[s]!) {
        if (v === h) {
          found[k] = 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  private summaryFor(slots: number): Int32Array {
    if (slots < SUMMARY_MIN_SLOTS) {
      this.shift = 32;
      return new Int32Array(0);
    }
    // 4 bits per slot: slots / 8 words (1 M values: 8 MB of slots, 1 MB of summary). Two bits per value
    // in one word: one read still, and ~1 miss in 20 reads a slot instead of ~1 in 9 with one bit
    const words = slots / 8;
    this.shift = 32 - Math.log2(words);
    return int32s(words);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = int32s(old.length * 2);
    this.mask = this.slots.length - 1;
    this.summary = this.summaryFor(this.slots.length);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.add(old[i]!);
  }
}

/**
 * A large table lives in a SharedArrayBuffer, so scanning threads that receive the set read the same
 * memory instead of a copy each (a million values: 9 MB once, not once per thread).
 */
function int32s(n: number): Int32Array {
  return n < SUMMARY_MIN_SLOTS ? new Int32Array(n) : new Int32Array(new SharedArrayBuffer(n * 4));
}
