/**
 * Amounts of the form u · 10^e (u a whole number below 2^53) encoded as the store's (hi, lo) pair
 * without a bigint: inline when below 2^63, else the decimal form (docs/graph-store.md, Ethereum
 * amounts). Canonical — the same words `pushValue` writes for the same amount — so a generated
 * store is byte-for-byte what ingestion would write.
 */

const DECIMAL = 0x80000000;
const TWO16 = 65536;
const TWO32 = 4294967296;
/** 10^e in four 16-bit limbs, least significant first, for e ≤ 19 (10^19 < 2^64). */
const POW10_LIMBS: number[][] = [];
for (let e = 0, p = 1n; e <= 19; e++, p *= 10n) {
  POW10_LIMBS.push([0, 1, 2, 3].map((i) => Number((p >> BigInt(16 * i)) & 0xffffn)));
}

/** The encoded amount: `hi` and `lo` words. Reused by every call (no allocation per row). */
export const encoded = { hi: 0, lo: 0 };

const u16 = [0, 0, 0, 0];
const r16 = [0, 0, 0, 0, 0, 0, 0, 0];

/** Sets `encoded` to the words of u · 10^e (u whole, 0 ≤ u < 2^53, 0 ≤ e ≤ 63). */
export function encodeScaled(u: number, e: number): void {
  if (u === 0) {
    encoded.hi = 0;
    encoded.lo = 0;
    return;
  }
  // inline amounts are the value itself, so only the decimal form needs trailing zeros stripped
  if (e <= 19 && (fastInline(u, e) || inline(u, e))) return;
  while (u % 10 === 0 && e < 63) {
    u /= 10;
    e++;
  }
  encoded.hi = (DECIMAL | (e << 24) | Math.floor(u / TWO32)) >>> 0;
  encoded.lo = u % TWO32;
}

const POW5: number[] = [];
for (let e = 0; e <= 19; e++) POW5.push(5 ** e);
const TWO53 = 2 ** 53;

/**
 * u · 10^e = (u · 5^e) · 2^e: when u · 5^e is below 2^53 the double product is exact and the
 * power of two is a shift, so the common amounts (fees, ether below 9.2) cost a multiplication.
 */
function fastInline(u: number, e: number): boolean {
  const w = u * POW5[e]!;
  if (w >= TWO53 || w >= 2 ** (63 - e)) return false;
  const split = 2 ** (32 - e);
  encoded.hi = Math.floor(w / split);
  encoded.lo = (w % split) * 2 ** e;
  return true;
}

/** Exact 16-bit-limb product (every partial product below 2^35): true and set when below 2^63. */
function inline(u: number, e: number): boolean {
  for (let i = 0; i < 4; i++) {
    u16[i] = u % TWO16;
    u = Math.floor(u / TWO16);
  }
  const p = POW10_LIMBS[e]!;
  r16.fill(0);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) r16[i + j]! += u16[i]! * p[j]!;
  for (let k = 0; k < 7; k++) {
    const carry = Math.floor(r16[k]! / TWO16);
    r16[k] = r16[k]! % TWO16;
    r16[k + 1]! += carry;
  }
  if (r16[4] !== 0 || r16[5] !== 0 || r16[6] !== 0 || r16[7] !== 0 || r16[3]! >= 0x8000) return false;
  encoded.hi = r16[3]! * TWO16 + r16[2]!;
  encoded.lo = r16[1]! * TWO16 + r16[0]!;
  return true;
}
