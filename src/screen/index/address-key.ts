/**
 * Hashing an address as the STIX core would spell it (`normaliseValue('cryptocurrency-wallet', …)`:
 * EVM hex and bech32 lower-cased, base58 as given) without building the spelled string: the screening
 * hot path reads the caller's string once, char by char. Anything unusual (surrounding whitespace,
 * non-ASCII) is left to the slow path, which calls the core itself.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Returned by `hashAddress` when the string needs the core's normalisation first. */
export const SLOW = -1;

/** Whether the last `hashAddress` call folded case; read right after the call (no allocation). */
export let foldedCase = false;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

function hasBech32Prefix(s: string): boolean {
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

function isEvm(s: string): boolean {
  if (s.length !== 42 || s.charCodeAt(0) !== 48 || s.charCodeAt(1) !== 120) return false;
  for (let i = 2; i < 42; i++) if (!isHex(s.charCodeAt(i))) return false;
  return true;
}

/** Whether the core lower-cases this (already trimmed) address. */
export function foldsCase(s: string): boolean {
  return s.length >= 3 && (isEvm(s) || hasBech32Prefix(s));
}

/**
 * 32-bit FNV-1a of the normalised address's UTF-8 bytes, or `SLOW`. Sets `foldedCase`.
 */
export function hashAddress(s: string): number {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return SLOW;
  const fold = foldsCase(s);
  foldedCase = fold;
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return SLOW;
    if (fold && c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0;
}

/** The same hash over bytes (the arena's keys, and slow-path lookups). */
export function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/** Spreads FNV's low bits (it mixes them poorly) before they pick a slot. */
export function slotOf(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & mask;
}
