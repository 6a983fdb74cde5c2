/**
 * The Ethereum deposit-address heuristic (Victor, "Address clustering heuristics for Ethereum",
 * FC 2020): an exchange gives each customer a deposit address, which receives from the customer
 * (and whoever pays them) and sweeps what arrives to the exchange's hot wallet. So an address that
 *
 * - received from at least two distinct senders,
 * - sent every non-fee transfer it made to one address H (≠ itself), and
 * - forwarded to H at least (1 − tolerance) of what it received, in ether or in the one token it
 *   received (ether an exchange tops it up with to pay gas is not expected to be forwarded),
 *
 * is a deposit address of H's owner — when H collects such sweeps from at least `minDeposits`
 * addresses (one collector alone could be a person's cold wallet). Each deposit address is merged
 * with H; the reason is its last sweep.
 *
 * The pass aggregates every Ethereum row in typed arrays per address (about 60 bytes per address,
 * rebuilt on each run: the criteria are over an address's whole history). Merges are never undone:
 * an address that later stops looking like a deposit address stays where it was merged.
 */
import type { EthereumTable } from '../../chain/index.ts';
import type { Clusters } from './clusters.ts';
import { DEPOSIT } from './kinds.ts';

export interface DepositOptions {
  /** Share of the received value a sweep may leave behind; default 0.05. */
  tolerance: number;
  /** Deposit addresses a hot wallet must collect from; default 2. */
  minDeposits: number;
}

export const DEFAULT_DEPOSIT: DepositOptions = { tolerance: 0.05, minDeposits: 2 };

const FEE = 4;
const NONE = -1;
const MANY = -2;

/** Runs the heuristic over every row of the table; the number of new merges. */
export function clusterDeposits(
  table: EthereumTable,
  clusters: Clusters,
  addresses: number,
  options: DepositOptions,
): number {
  const c = table.c;
  const rows = c.rows;
  if (rows === 0) return 0;
  const from = c.rowFrom.data;
  const to = c.rowTo.data;
  const packed = c.rowAsset.data;
  const firstSender = new Int32Array(addresses).fill(NONE);
  const manySenders = new Uint8Array(addresses);
  const target = new Int32Array(addresses).fill(NONE);
  const token = new Int32Array(addresses).fill(NONE);
  const lastSweep = new Int32Array(addresses).fill(NONE);
  const ethIn = new Float64Array(addresses);
  const ethOut = new Float64Array(addresses);
  const tokIn = new Float64Array(addresses);
  const tokOut = new Float64Array(addresses);
  for (let r = 0; r < rows; r++) {
    if (packed[r]! >>> 13 === FEE) continue;
    const f = from[r]!;
    const t = to[r]!;
    if (f >= addresses || t >= addresses || f === t) continue;
    const asset = table.assetOf(r);
    const v = table.approxValue(r);
    if (firstSender[t] === NONE) firstSender[t] = f;
    else if (firstSender[t] !== f) manySenders[t] = 1;
    if (asset === 0) ethIn[t]! += v;
    else {
      token[t] = token[t] === NONE || token[t] === asset ? asset : MANY;
      tokIn[t]! += v;
    }
    if (target[f] === NONE) target[f] = t;
    else if (target[f] !== t) target[f] = MANY;
    if (target[f] !== t) continue;
    lastSweep[f] = r;
    if (asset === 0) ethOut[f]! += v;
    else if (token[f] === asset) tokOut[f]! += v;
  }
  const keep = 1 - options.tolerance;
  const collects = new Int32Array(addresses);
  const isDeposit = (d: number): boolean =>
    manySenders[d] === 1 &&
    target[d]! >= 0 &&
    ((ethIn[d]! > 0 && ethOut[d]! >= keep * ethIn[d]!) ||
      (token[d]! > 0 && tokIn[d]! > 0 && tokOut[d]! >= keep * tokIn[d]!));
  for (let d = 0; d < addresses; d++) if (isDeposit(d)) collects[target[d]!]!++;
  let merged = 0;
  for (let d = 0; d < addresses; d++) {
    if (!isDeposit(d) || collects[target[d]!]! < options.minDeposits) continue;
    const tx = table.txOfRow(lastSweep[d]!);
    const height = c.blockHeight.data[table.blockOfTx(tx)]!;
    if (clusters.merge(target[d]!, d, tx, height, DEPOSIT)) merged++;
  }
  return merged;
}
