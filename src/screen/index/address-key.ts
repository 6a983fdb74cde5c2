/**
 * Hashing an address as the STIX core would spell it (`normaliseValue('cryptocurrency-wallet', …)`:
 * EVM hex and bech32 lower-cased, base58 as given) without building the spelled string. Only the last
 * `SAMPLE` characters are hashed — addresses end in random digits or a checksum, so the tail spreads
 * them as well as the whole would, at a third of the reads; the table compares whole keys anyway.
 * Strings that may need trimming or hold non-ASCII go to the slow path, which calls the core itself.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
export const SAMPLE = 12;
/** Returned by `hashAddress` when the string needs the core's normalisation first. */
export const SLOW = -1;

/** How a query compares with keys, in the low two bits of `hashAddress`'s answer. */
export const EXACT = 0;
export const FOLDED = 1;
export const EVM = 2;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

export function hasBech32Prefix(s: string): boolean {
  const a = lower(s.charCodeAt(0));
  const b = lower(s.charCodeAt(1));
  const c = lower(s.charCodeAt(2));
  if (a === 98 && b === 99) {
    // bc1, bcrt1
    if (c === 49) return true;
    return c === 114 && lower(s.charCodeAt(3)) === 116 && s.charCodeAt(4) === 49;
  }
  if (a === 116 && b === 98) return c === 49; // tb1
  return a === 108 && b === 116 && c === 99 && s.charCodeAt(3) === 49; // ltc1
}

/**
 * `hash * 4 + shape`: FNV-1a (28 bits) of the last `SAMPLE` chars, case-folded for `0x` + 40-char strings (whether or not they turn
 * out to be hex: folding only in the hash costs a collision, never a wrong answer) and for bech32.
 * `SLOW` when an end char is whitespace, control or non-ASCII, or the sample holds non-ASCII.
 */
export function hashAddress(s: string): number {
  const n = s.length;
  if (n === 0) return SLOW;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return SLOW;
  const evm = n === 42 && first === 48 && s.charCodeAt(1) === 120;
  const fold = evm || (n >= 3 && hasBech32Prefix(s));
  let h = FNV_OFFSET;
  for (let i = n > SAMPLE ? n - SAMPLE : 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return SLOW;
    if (fold && c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return finish(h) * 4 + (evm ? EVM : fold ? FOLDED : EXACT);
}

function lowerByte(c: number | undefined): number {
  return c !== undefined && c >= 65 && c <= 90 ? c | 32 : (c ?? 0);
}

/** `hasBech32Prefix` over bytes `[start, end)`. */
export function hasBech32PrefixBytes(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const a = lowerByte(b[start]);
  const x = lowerByte(b[start + 1]);
  const c = lowerByte(b[start + 2]);
  if (a === 98 && x === 99) {
    if (c === 49) return true;
    return c === 114 && end - start >= 5 && lowerByte(b[start + 3]) === 116 && b[start + 4] === 49;
  }
  if (a === 116 && x === 98) return c === 49;
  return a === 108 && x === 116 && c === 99 && end - start >= 4 && b[start + 3] === 49;
}

/**
 * `hashAddress` over the bytes `[start, end)` of an ASCII line, with the same answer as the string
 * form for the same characters, so a byte query and a string query find the same keys.
 */
export function hashAddressBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0) return SLOW;
  const first = b[start]!;
  const last = b[end - 1]!;
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return SLOW;
  const evm = n === 42 && first === 48 && b[start + 1] === 120;
  const fold = evm || hasBech32PrefixBytes(b, start, end);
  let h = FNV_OFFSET;
  for (let i = n > SAMPLE ? end - SAMPLE : start; i < end; i++) {
    let c = b[i]!;
    if (c >= 128) return SLOW;
    if (fold && c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return finish(h) * 4 + (evm ? EVM : fold ? FOLDED : EXACT);
}

/**
 * 28 bits of the hash: with the shape in two more bits the answer stays a small integer, which V8
 * returns without allocating (a full uint32 would be boxed on every call).
 */
function finish(h: number): number {
  return (h ^ (h >>> 28)) & 0x0fffffff;
}

/** The same hash over a normalised key's UTF-8 bytes, folded the way `hashAddress` folds. */
export function hashKey(bytes: Uint8Array, start: number, length: number): number {
  const evm = length === 42 && bytes[start] === 48 && bytes[start + 1] === 120;
  let h = FNV_OFFSET;
  for (let i = length > SAMPLE ? start + length - SAMPLE : start; i < start + length; i++) {
    let c = bytes[i]!;
    // Keys are normalised (bech32 already lower-case); only a non-hex `0x` string keeps capitals.
    if (evm && c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return finish(h);
}

/** Spreads FNV's low bits (it mixes them poorly) before they pick a slot. */
export function slotOf(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & mask;
}
