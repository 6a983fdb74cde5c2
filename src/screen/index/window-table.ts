/**
 * The first stop of an address look-up: a hash of characters 2–7 of the address (ASCII letters
 * folded) picks a slot in an open-addressing table whose slots hold a tag (more bits of that hash)
 * and an entry number. A query whose window no key has stops at the first empty slot: no spelling
 * of it is labelled. A query in its key's own spelling finds a tag-matching slot whose key is the
 * same string (`===`: a pointer compare for the key object itself, a native compare otherwise).
 * Byte queries test the same windows in a bitset instead (`mayHave`).
 *
 * Why so few characters: every `charCodeAt` costs a dispatch on the string's representation, and
 * a look-up's own instructions decide how many look-ups the CPU keeps in flight while the query
 * strings (a random 1 M-string pool, one cache miss each) arrive; reading characters 0–10 into a
 * bitset and then a second (window hash, entry) table was measured 7–10 % slower per CPU-second.
 * Six characters still carry 24 bits (hex) to 35 bits (base58); keys that share a window are all
 * kept (up to `SHARED_WINDOW`), so a shared window costs a string compare, never a wrong answer.
 *
 * No false `ABSENT`. A query `q` the STIX core normalises to a key `K` (`trim`, then `toLowerCase`
 * when EVM- or bech32-shaped) whose character 0 and characters 2–7 are ASCII above space has
 * `K[2, 8)` equal to `q[2, 8)` up to ASCII case: trimming cuts nothing in front (`q[0]` is not
 * whitespace) and nothing before index 8 behind (every whitespace character is a space, a control
 * or non-ASCII, and index 7 is none of those); lower-casing only happens when `q` starts with an
 * ASCII EVM or bech32 prefix, so nothing before the window changes length (character 1 is then
 * ASCII too), and ASCII lower-cases to itself up to case. Every other query gets `NO_HASH` and takes
 * the full path; a key whose window is not such ASCII is left out, as only those queries reach it.
 */

/** The window is characters [WINDOW_START, WINDOW_END); character 0 is checked, not hashed. */
export const WINDOW_START = 2;
export const WINDOW_END = 8;
/** `windowHash` of a string the table cannot tell about; hashes are 31-bit, never boxed by V8. */
export const NO_HASH = -1;
/** `find`: no key has the query's window, so no spelling of the query is labelled. */
export const ABSENT = -1;
/** `find`: some key has the window but is not this string: take the full path. */
export const UNSURE = -2;
/**
 * At most this many keys per window hash get a slot (vanity `0x000000…` addresses share one); the
 * rest are found by the full path, which the shared window's tag sends their queries to.
 */
const SHARED_WINDOW = 4;
/** Bits per key of `mayHave`'s bitset: with two bits in one word, ~1.5 % of unlabelled queries pass. */
const BITS_PER_KEY = 16;
/**
 * Queries per stage of `findMany`: enough independent string and slot misses to fill the CPU's
 * miss buffers (10–16 lines on x86), few enough that a block's strings stay in L1 between stages.
 */
export const BLOCK = 32;

/** Mixes the window's first four characters and last two (letters folded by `| 0x20`) into 31 bits. */
function mix(lo: number, hi: number): number {
  let h = Math.imul(lo | 0x20202020, 0x9e3779b1) ^ Math.imul(hi | 0x2020, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & 0x7fffffff;
}

/** The window's 31-bit hash, or `NO_HASH` (the same rules as `windowHashBytes`). */
export function windowHash(s: string): number {
  if (s.length < WINDOW_END) return NO_HASH;
  const a = s.charCodeAt(0);
  const c0 = s.charCodeAt(2);
  const c1 = s.charCodeAt(3);
  const c2 = s.charCodeAt(4);
  const c3 = s.charCodeAt(5);
  const c4 = s.charCodeAt(6);
  const c5 = s.charCodeAt(7);
  // A space or control character could be where trimming cuts; non-ASCII could be whitespace or fold.
  const below = (a - 33) | (c0 - 33) | (c1 - 33) | (c2 - 33) | (c3 - 33) | (c4 - 33) | (c5 - 33);
  if (below < 0 || (a | c0 | c1 | c2 | c3 | c4 | c5) >= 128) return NO_HASH;
  return mix(c0 | (c1 << 8) | (c2 << 16) | (c3 << 24), c4 | (c5 << 8));
}

/** `windowHash` of the UTF-8 bytes `[start, end)` (ASCII bytes are the same characters). */
export function windowHashBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < WINDOW_END) return NO_HASH;
  const a = bytes[start]!;
  if (a <= 32 || a >= 128) return NO_HASH;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < WINDOW_END - WINDOW_START; i++) {
    const c = bytes[start + WINDOW_START + i]!;
    if (c <= 32 || c >= 128) return NO_HASH;
    if (i < 4) lo |= c << (8 * i);
    else hi |= c << (8 * (i - 4));
  }
  return mix(lo, hi);
}

export class WindowTable {
  /** Per slot: tag * 2^entryBits + entry + 1, or 0 when empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The slot is the hash's low `indexBits`; the tag the bits above them. */
  private readonly indexBits: number;
  private readonly tagMask: number;
  private readonly entryBits: number;
  private readonly entryMask: number;
  private readonly keys: readonly string[];
  /**
   * The same windows as a bitset (two bits of one word per key) for byte queries: they arrive as a
   * stream the CPU prefetches, so a miss costs what the table costs, and the bitset stays in L2.
   */
  private readonly words: Int32Array;
  private readonly shift: number;
  /** Scratch of `findMany`: each query's window hash, then its first slot's word. */
  private readonly hashes = new Int32Array(BLOCK);
  private readonly firsts = new Int32Array(BLOCK);
  /**
   * Where `findMany` keeps its header reads (lengths), so the compiler cannot drop them: without
   * the store the batch measured 4–5 % slower.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: written so the reads stay, never read
  private sink = 0;

  /** `keys` as the STIX core spells them; entry i is keys[i]. */
  constructor(keys: readonly string[]) {
    this.keys = keys;
    let indexBits = 4;
    while (2 ** indexBits < keys.length * 2) indexBits++; // at most half full: short probe runs
    let entryBits = 1;
    while (2 ** entryBits <= keys.length) entryBits++; // holds entry + 1
    const tagBits = Math.max(0, Math.min(31 - indexBits, 31 - entryBits));
    this.indexBits = indexBits;
    this.mask = 2 ** indexBits - 1;
    this.entryBits = entryBits;
    this.entryMask = 2 ** entryBits - 1;
    this.tagMask = 2 ** tagBits - 1;
    this.slots = new Int32Array(2 ** indexBits);
    let words = 64;
    // at most 2^21 words (8 MiB): the word index takes the hash's top bits, the two bits its low ten
    while (words * 32 < keys.length * BITS_PER_KEY && words < 2 ** 21) words *= 2;
    this.words = new Int32Array(words);
    this.shift = 31 - Math.log2(words);
    const perWindow = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      const h = windowHash(keys[i]!);
      if (h === NO_HASH) continue;
      this.words[h >>> this.shift]! |= bitsOf(h);
      const n = perWindow.get(h) ?? 0;
      perWindow.set(h, n + 1);
      if (n >= SHARED_WINDOW) continue;
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = this.tagOf(h) * 2 ** entryBits + i + 1;
    }
  }

  private tagOf(h: number): number {
    return (h >>> this.indexBits) & this.tagMask;
  }

  /** The entry whose key is `address` itself, `ABSENT` or `UNSURE`; `h` is `windowHash(address)`, not `NO_HASH`. */
  find(address: string, h: number): number {
    const slots = this.slots;
    const tag = this.tagOf(h);
    let slot = h & this.mask;
    let seen = false;
    for (;;) {
      const v = slots[slot]!;
      if (v === 0) return seen ? UNSURE : ABSENT;
      if (v >>> this.entryBits === tag) {
        const e = (v & this.entryMask) - 1;
        if (this.keys[e] === address) return e;
        seen = true;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * `find` of each of `addresses[from, to)` into `out[from, to)`, `UNSURE` for a `NO_HASH` query too.
   * One look-up waits on the query string's first cache line, then on its slot, then on the key: a
   * loop of whole look-ups keeps about one of them in flight. Here each stage runs over a block of
   * queries before the next starts, so a stage's loads are independent and the CPU overlaps them:
   * (0) each string's length, which brings in its first line, characters 0–7 included (without it
   * the hashing stage keeps too few strings in flight and the batch is slower than single look-ups);
   * (1) the window hashes, now from L1; (2) each hash's first slot; (3) the length of the key a
   * matching tag names, which brings in that string for a query that is an equal copy of it (one
   * parsed from JSON, say) rather than the key object; (4) the answer, as `find` gives it.
   */
  findMany(addresses: readonly string[], out: Int32Array, from: number, to: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const hashes = this.hashes;
    const firsts = this.firsts;
    let touched = 0;
    for (let start = from; start < to; start += BLOCK) {
      const n = Math.min(BLOCK, to - start);
      for (let k = 0; k < n; k++) touched |= addresses[start + k]!.length;
      for (let k = 0; k < n; k++) hashes[k] = windowHash(addresses[start + k]!);
      for (let k = 0; k < n; k++) {
        const h = hashes[k]!;
        firsts[k] = h === NO_HASH ? 0 : slots[h & mask]!;
      }
      for (let k = 0; k < n; k++) {
        const v = firsts[k]!;
        if (v !== 0 && v >>> this.entryBits === this.tagOf(hashes[k]!)) {
          touched |= this.keys[(v & this.entryMask) - 1]!.length;
        }
      }
      for (let k = 0; k < n; k++) {
        const h = hashes[k]!;
        out[start + k] =
          h === NO_HASH ? UNSURE : firsts[k] === 0 ? ABSENT : this.find(addresses[start + k]!, h);
      }
    }
    this.sink = touched;
  }

  /** Whether some key may have the window hash `h` (not `NO_HASH`). */
  mayHave(h: number): boolean {
    const bits = bitsOf(h);
    return (this.words[h >>> this.shift]! & bits) === bits;
  }
}

/** Two bits of a 32-bit word, from hash bits the word index does not use. */
function bitsOf(h: number): number {
  return (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
}
