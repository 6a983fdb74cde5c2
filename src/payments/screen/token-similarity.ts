import { jaroWinkler } from './string-metrics.ts';

/**
 * Token-set similarity: each token of the shorter name is matched to its best Jaro-Winkler partner in the
 * other, weighted by length, so word order and extra middle names matter little.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // two conditionals, not a destructured pair: no array per comparison
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  let total = 0;
  let weight = 0;
  for (let i = 0; i < short.length; i++) {
    const token = short[i] as string;
    let best = 0;
    for (let j = 0; j < long.length; j++) {
      const other = long[j] as string;
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
