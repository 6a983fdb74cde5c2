/**
 * CoinJoin detection from a transaction's rows alone. A CoinJoin's inputs belong to different
 * people, so the multi-input heuristic must not merge them (nor may change be guessed there). The
 * patterns are those of the coordinators, after BlockSci's `isCoinjoin` and the wallets' designs:
 *
 * - Whirlpool (Samourai): 5 inputs, 5 outputs, all equal to a pool denomination (0.001, 0.01, 0.05,
 *   0.5 BTC);
 * - Wasabi: 1.x (ZeroLink) mixes ≥ 10 equal outputs (≈ 0.1 BTC) from ≥ 10 distinct input addresses,
 *   with at most one change per participant and the coordinator's fee; 2.x (WabiSabi) has ≥ 50
 *   inputs (half of them distinct addresses) and outputs, most in groups of equal denominations —
 *   a pool's payout batch (block 277,647 has one: 16 inputs, 142 outputs of repeated amounts) is
 *   neither;
 * - JoinMarket: n ≥ 2 equal outputs, at most one change output per participant (n < outputs ≤ 2n,
 *   at least 3 outputs), at least n distinct input addresses.
 *
 * Transactions that look like these are CoinJoins for clustering even when they are not (a batch
 * payout of equal amounts from n distinct addresses): a missed merge is the safe error.
 */
import { UNRESOLVED } from '../../chain/index.ts';

export const NOT_COINJOIN = 0;
export const WASABI = 1;
export const WHIRLPOOL = 2;
export const JOINMARKET = 3;

const WHIRLPOOL_POOLS = [100_000, 1_000_000, 5_000_000, 50_000_000];

let values = new Float64Array(256);
let addrs = new Uint32Array(256);

/** The pattern of the transaction whose input rows are [inStart, outStart) and outputs [outStart, outEnd). */
export function coinJoinKind(
  rowAddr: Uint32Array,
  rowValue: Float64Array,
  inStart: number,
  outStart: number,
  outEnd: number,
): number {
  const nIn = outStart - inStart;
  const nOut = outEnd - outStart;
  if (nIn < 2 || nOut < 2) return NOT_COINJOIN;
  if (nOut > values.length) values = new Float64Array(nOut * 2);
  for (let i = 0; i < nOut; i++) values[i] = rowValue[outStart + i]!;
  sortPrefix(values, nOut);
  // the largest group of equal outputs, and how many outputs share their value with another
  let best = 1;
  let bestValue = values[0]!;
  let shared = 0;
  for (let i = 0; i < nOut; ) {
    let j = i + 1;
    while (j < nOut && values[j] === values[i]) j++;
    const run = j - i;
    if (run >= 2) shared += run;
    if (run > best) {
      best = run;
      bestValue = values[i]!;
    }
    i = j;
  }
  if (best < 2) return NOT_COINJOIN;
  if (nIn === 5 && nOut === 5 && best === 5 && WHIRLPOOL_POOLS.includes(bestValue)) return WHIRLPOOL;
  // each participant: one mixed output, at most one change; plus the coordinator's fee
  if (nIn >= 10 && best >= 10 && nOut <= 2 * best + 1 && distinctInputs(rowAddr, inStart, outStart) >= best)
    return WASABI;
  if (nIn >= 50 && nOut >= 50 && shared * 2 >= nOut && distinctInputs(rowAddr, inStart, outStart) * 2 >= nIn)
    return WASABI;
  if (nOut >= 3 && nOut <= 2 * best && nIn >= best && bestValue > 0) {
    if (distinctInputs(rowAddr, inStart, outStart) >= best) return JOINMARKET;
  }
  return NOT_COINJOIN;
}

/** Distinct resolved input addresses (unresolved inputs count as distinct: they may well be). */
function distinctInputs(rowAddr: Uint32Array, inStart: number, outStart: number): number {
  const n = outStart - inStart;
  if (n > addrs.length) addrs = new Uint32Array(n * 2);
  let unknown = 0;
  let k = 0;
  for (let r = inStart; r < outStart; r++) {
    const a = rowAddr[r]!;
    if (a >= UNRESOLVED) unknown++;
    else addrs[k++] = a;
  }
  sortPrefix(addrs, k);
  let distinct = 0;
  for (let i = 0; i < k; i++) if (i === 0 || addrs[i] !== addrs[i - 1]) distinct++;
  return distinct + unknown;
}

/** Sorts a[0, n): insertion sort for the usual handful, the engine's numeric sort beyond. */
function sortPrefix(a: Float64Array | Uint32Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
