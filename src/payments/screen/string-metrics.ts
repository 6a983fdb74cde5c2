/**
 * String metrics for the name-matching hot path. Scratch buffers are allocated once and reused, so a
 * comparison allocates nothing; names longer than the buffers are compared on their first 64 characters.
 */
const MAX = 64;
const matchedA = new Uint8Array(MAX);
const matchedB = new Uint8Array(MAX);
const rowPrev2 = new Int32Array(MAX + 1);
const rowPrev = new Int32Array(MAX + 1);
const rowCur = new Int32Array(MAX + 1);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  const la = Math.min(a.length, MAX);
  const lb = Math.min(b.length, MAX);
  if (la === 0 || lb === 0) return la === lb ? 1 : 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions, deletions,
 * substitutions and adjacent transpositions each cost 1. With a `limit`, the distance is exact when it
 * is at most `limit`; otherwise some number above `limit` is returned as soon as no alignment can come
 * back under it (a row above the limit after one at or above it: every later cell adds to one of them).
 */
export function osaDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const la = Math.min(a.length, MAX);
  const lb = Math.min(b.length, MAX);
  if (Math.abs(la - lb) > limit) return Math.abs(la - lb);
  for (let j = 0; j <= lb; j++) rowPrev[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= la; i++) {
    rowCur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let best = Math.min(
        (rowPrev[j] as number) + 1,
        (rowCur[j - 1] as number) + 1,
        (rowPrev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        best = Math.min(best, (rowPrev2[j - 2] as number) + 1);
      }
      rowCur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit && previousMin >= limit) return rowMin;
    previousMin = rowMin;
    // copied by index: subarray views would be two allocations per row
    for (let j = 0; j <= lb; j++) {
      rowPrev2[j] = rowPrev[j] as number;
      rowPrev[j] = rowCur[j] as number;
    }
  }
  return rowPrev[lb] as number;
}
