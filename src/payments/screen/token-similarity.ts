import { jaroWinkler } from './string-metrics.ts';

/**
 * Token-set similarity: each token of the shorter name is matched to its best Jaro-Winkler partner in the
 * other, weighted by length, so word order and extra middle names matter little.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  let weight = 0;
  for (const token of short) {
    let best = 0;
    for (const other of long) {
      const s = token === other ? 1 : jaroWinkler(token, other);
      if (s > best) best = s;
    }
    total += best * token.length;
    weight += token.length;
  }
  // names with many unmatched extra tokens are less alike
  const coverage = short.length / long.length;
  return (total / weight) * (0.85 + 0.15 * coverage);
}
