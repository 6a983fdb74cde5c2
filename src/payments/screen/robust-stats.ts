/** Median and median absolute deviation of a sample, computed into a reused scratch buffer. */
let scratch = new Float64Array(256);

function ensure(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

function medianOfScratch(n: number): number {
  const view = scratch.subarray(0, n).sort();
  return n % 2 === 1
    ? (view[n >> 1] as number)
    : ((view[(n >> 1) - 1] as number) + (view[n >> 1] as number)) / 2;
}

export interface RobustSummary {
  median: number;
  mad: number;
  count: number;
}

export function summarise(values: ArrayLike<number>, count = values.length): RobustSummary {
  if (count === 0) return { median: 0, mad: 0, count: 0 };
  const buf = ensure(count);
  for (let i = 0; i < count; i++) buf[i] = values[i] as number;
  const median = medianOfScratch(count);
  for (let i = 0; i < count; i++) buf[i] = Math.abs((values[i] as number) - median);
  return { median, mad: medianOfScratch(count), count };
}

/** Robust z-score: distance from the median in units of 1.4826 × MAD (σ for a normal sample). */
export function robustZ(value: number, summary: RobustSummary, floor: number): number {
  return Math.abs(value - summary.median) / Math.max(1.4826 * summary.mad, floor);
}
