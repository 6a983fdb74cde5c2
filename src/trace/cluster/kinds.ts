/**
 * Merge reasons in one byte: the heuristic in the low nibble, and for a change merge the change
 * heuristics that named the output in the high one (they must agree, see change.ts).
 */
export const MULTI_INPUT = 1;
export const CHANGE = 2;
export const DEPOSIT = 3;

export const CHANGE_ONE_TIME = 0x10;
export const CHANGE_NON_ROUND = 0x20;
export const CHANGE_OPTIMAL = 0x40;

export type Heuristic = 'multi-input' | 'change' | 'deposit';
export type ChangeHeuristic = 'one-time' | 'non-round' | 'optimal';

export const HEURISTICS: readonly Heuristic[] = ['multi-input', 'change', 'deposit'];

export function heuristicOf(kind: number): Heuristic {
  const base = kind & 0x0f;
  if (base === MULTI_INPUT) return 'multi-input';
  if (base === CHANGE) return 'change';
  return 'deposit';
}

export function changeHeuristicsOf(kind: number): ChangeHeuristic[] {
  const out: ChangeHeuristic[] = [];
  if (kind & CHANGE_ONE_TIME) out.push('one-time');
  if (kind & CHANGE_NON_ROUND) out.push('non-round');
  if (kind & CHANGE_OPTIMAL) out.push('optimal');
  return out;
}

/** The chain a heuristic reads: the Bitcoin ones the UTXO table, the deposit one Ethereum's. */
export function chainOfKind(kind: number): 'bitcoin' | 'ethereum' {
  return (kind & 0x0f) === DEPOSIT ? 'ethereum' : 'bitcoin';
}

/** CoinJoin patterns (coinjoin.ts); 0 is none. */
export const COINJOINS = ['none', 'wasabi', 'whirlpool', 'joinmarket'] as const;
export type CoinJoinKind = (typeof COINJOINS)[number];
