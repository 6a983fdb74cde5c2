/**
 * A prefilter in front of the address table: two bits of one 32-bit word per key, picked by a hash of
 * the key's characters 3 to 10 with ASCII letters folded. Most screened addresses are not labelled,
 * and a miss is then decided from 11 characters that sit beside the string's header (its first cache
 * line, which any look-up reads) and one word of a bitset small enough to stay in cache, instead of
 * hashing or comparing the whole string. Characters 3–10 are random in EVM (`0x` + hex), base58
 * (`1`, `3`, `T` + …) and bech32 (`bc1q` + …, one witness-version character) addresses alike.
 *
 * No false negatives. A query `q` the STIX core normalises to a key `K` (`trim`, then `toLowerCase`
 * when EVM- or bech32-shaped) and whose first 11 characters are ASCII, with a non-space first one and
 * no space or control character in 3–10, has `K[0, 11)` equal to `q[0, 11)` up to ASCII case:
 * trimming removes nothing before index 11 (a trimmed length under 11 would put a space at index 10),
 * and lower-casing maps ASCII one to one, so nothing before the window moves it. Every other query
 * answers `UNSURE` and takes the full path; a key whose window is not such ASCII is left out, as only
 * `UNSURE` queries can normalise to it (ASCII lower-cases to ASCII).
 */

/** The window is characters [WINDOW_START, WINDOW_END). */
export const WINDOW_START = 3;
export const WINDOW_END = 11;
/** The key cannot be labelled. */
export const ABSENT = 0;
/** The key may be labelled: look it up. */
export const MAYBE = 1;
/** The filter cannot tell (short, padded or non-ASCII head): look it up. */
export const UNSURE = 2;
/** `windowHash` of a string the filter cannot tell about; hashes are 31-bit, never boxed by V8. */
export const NO_HASH = -1;

/** Bits per key: with two bits in one word, ~1.5 % of unlabelled queries pass. */
const BITS_PER_KEY = 16;

/** Mixes the two 4-character words of the window (letters folded by `| 0x20202020`) into 31 bits. */
function mix(lo: number, hi: number): number {
  let h = Math.imul(lo | 0x20202020, 0x9e3779b1) ^ Math.imul(hi | 0x20202020, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & 0x7fffffff;
}

/** The window's 31-bit hash, or `NO_HASH` (the same rules as `windowHashBytes`). */
export function windowHash(s: string): number {
  if (s.length < WINDOW_END) return NO_HASH;
  const a = s.charCodeAt(0);
  const ab = a | s.charCodeAt(1) | s.charCodeAt(2);
  const c0 = s.charCodeAt(3);
  const c1 = s.charCodeAt(4);
  const c2 = s.charCodeAt(5);
  const c3 = s.charCodeAt(6);
  const c4 = s.charCodeAt(7);
  const c5 = s.charCodeAt(8);
  const c6 = s.charCodeAt(9);
  const c7 = s.charCodeAt(10);
  // A space or control character in the window could be where trimming cuts; non-ASCII could fold.
  const below = (c0 - 33) | (c1 - 33) | (c2 - 33) | (c3 - 33) | (c4 - 33) | (c5 - 33) | (c6 - 33) | (c7 - 33);
  if (a <= 32 || below < 0 || (ab | c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 128) return NO_HASH;
  return mix(c0 | (c1 << 8) | (c2 << 16) | (c3 << 24), c4 | (c5 << 8) | (c6 << 16) | (c7 << 24));
}

/** `windowHash` of the UTF-8 bytes `[start, end)` (ASCII bytes are the same characters). */
export function windowHashBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < WINDOW_END) return NO_HASH;
  const a = bytes[start]!;
  if (a <= 32 || (a | bytes[start + 1]! | bytes[start + 2]!) >= 128) return NO_HASH;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 8; i++) {
    const c = bytes[start + WINDOW_START + i]!;
    if (c <= 32 || c >= 128) return NO_HASH;
    if (i < 4) lo |= c << (8 * i);
    else hi |= c << (8 * (i - 4));
  }
  return mix(lo, hi);
}

export class WindowFilter {
  private readonly words: Int32Array;
  private readonly shift: number;

  /** `keys` as the STIX core spells them. */
  constructor(keys: readonly string[]) {
    let words = 64;
    // at most 2^21 words (8 MiB): the word index takes the hash's top bits, the two bits its low ten
    while (words * 32 < keys.length * BITS_PER_KEY && words < 1 << 21) words *= 2;
    this.words = new Int32Array(words);
    this.shift = 31 - Math.log2(words);
    for (const key of keys) {
      const h = windowHash(key);
      if (h !== NO_HASH) this.words[h >>> this.shift]! |= bitsOf(h);
    }
  }

  /** Whether a key may have the window hash `h` (not `NO_HASH`). */
  has(h: number): boolean {
    const bits = bitsOf(h);
    return (this.words[h >>> this.shift]! & bits) === bits;
  }

  /** `ABSENT`, `MAYBE` or `UNSURE` for a query in any spelling. */
  test(s: string): number {
    const h = windowHash(s);
    return h === NO_HASH ? UNSURE : this.has(h) ? MAYBE : ABSENT;
  }

  /** `test` of the UTF-8 bytes `[start, end)`. */
  testBytes(bytes: Uint8Array, start: number, end: number): number {
    const h = windowHashBytes(bytes, start, end);
    return h === NO_HASH ? UNSURE : this.has(h) ? MAYBE : ABSENT;
  }
}

/** Two bits of a 32-bit word, from hash bits the word index does not use. */
function bitsOf(h: number): number {
  return (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
}
