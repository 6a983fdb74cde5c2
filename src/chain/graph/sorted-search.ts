/** Binary searches over ascending uint32 columns (row and transaction start offsets). */

/** How many of sorted[0, n) are below x. */
export function countBelow(sorted: Uint32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest i < n with starts[i] ≤ x (starts ascending, possibly repeated). */
export function lastAtOrBefore(starts: Uint32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
