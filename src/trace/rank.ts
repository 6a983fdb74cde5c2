/**
 * The order of a result's addresses: largest value first, equal values by address string, equal
 * both in listing order. A poison trace lists ~10^5 addresses, where `Array.prototype.sort` with a
 * comparator spends ~60 ns a comparison (and a Float64Array's own sort ~150 ns an element). A
 * non-negative double's bits, read as an unsigned integer, order as the double does, so the
 * positions are radix-sorted (stable: listing order kept) on the inverted bits, four 16-bit passes,
 * and only runs of equal values (a hundred entries at most in practice) are sorted by comparator.
 */

const DIGIT = 16;
const RADIX = 1 << DIGIT;

/** Positions 0..n-1 of `value` (non-negative) / `name` in ranked order. */
export function rankOrder(value: Float64Array, name: readonly string[]): Int32Array {
  const n = value.length;
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) bits[i] = value[i]! + 0; // -0 ranks as 0
  const word = new Uint32Array(bits.buffer); // little-endian: [low, high] per value
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(RADIX);
  for (let pass = 0; pass < 4; pass++) {
    const half = pass >> 1;
    const shift = (pass & 1) * DIGIT;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(~word[2 * i + half]! >>> shift) & (RADIX - 1)]!++;
    let at = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
      next[count[(~word[2 * p + half]! >>> shift) & (RADIX - 1)]!++] = p;
    }
    [order, next] = [next, order];
  }
  const byName = (x: number, y: number) => (name[x]! < name[y]! ? -1 : name[x]! > name[y]! ? 1 : 0);
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    while (hi < n && bits[order[hi]!] === bits[order[lo]!]) hi++;
    if (hi - lo > 1) order.subarray(lo, hi).sort(byName);
    lo = hi;
  }
  return order;
}
