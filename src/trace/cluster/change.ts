/**
 * Change-address heuristics: which output of a transaction returns value to its spender. Each one
 * is switchable; each names at most one output, and a change merge happens only when every enabled
 * heuristic that names an output names the same one (the reason records which agreed).
 *
 * - one-time change: the only output to a fresh address (never seen in an earlier transaction)
 *   whose script type is that of all the inputs — wallets make a new change address each time, of
 *   their own type, while payees' addresses are often reused or of another type;
 * - non-round: the only output whose amount is not a round number of 0.001 BTC, beside round ones —
 *   payments are round, change is what is left;
 * - optimal change: the only output smaller than every input — had the change been larger than an
 *   input, the wallet would not have needed that input.
 *
 * Not evaluated for coinbases, CoinJoins, transactions with an unresolved input, a single output,
 * an output paying an input address (the change is then known and already in the cluster), or more
 * than 16 outputs or 64 inputs (batch payouts, where guessing change is unreliable).
 */
import { NO_ADDRESS, UNRESOLVED } from '../../chain/index.ts';
import { CHANGE_NON_ROUND, CHANGE_ONE_TIME, CHANGE_OPTIMAL } from './kinds.ts';

export interface ChangeOptions {
  oneTime: boolean;
  nonRound: boolean;
  optimal: boolean;
}

export const ALL_CHANGE: ChangeOptions = { oneTime: true, nonRound: true, optimal: true };
export const NO_CHANGE: ChangeOptions = { oneTime: false, nonRound: false, optimal: false };

const ROUND = 100_000;
const MAX_OUTPUTS = 16;
const MAX_INPUTS = 64;

/** What `findChange` found: the output row (-1 none) and the heuristics that named it. */
export interface ChangeFound {
  row: number;
  mask: number;
}

export interface TxRows {
  rowAddr: Uint32Array;
  rowValue: Float64Array;
  /** Script type of each address id (the first byte of its dictionary key, see addressTypes). */
  types: Uint8Array;
}

/**
 * The script type of every address, from the dictionary's keys in one sequential pass: the hot
 * loop then reads one byte per address instead of an end offset and a key byte far apart.
 */
export function addressTypes(keys: Uint8Array, ends: Uint32Array, count: number): Uint8Array {
  const types = new Uint8Array(count);
  for (let id = 0; id < count; id++) types[id] = keys[id === 0 ? 0 : ends[id - 1]!]!;
  return types;
}

/**
 * The change output of the transaction with inputs [inStart, outStart) and outputs [outStart,
 * outEnd), written into `out`. `fresh` is the highest address id of every earlier transaction's
 * outputs: ids are interned in order of first appearance, so a higher id was never seen before.
 */
export function findChange(
  t: TxRows,
  inStart: number,
  outStart: number,
  outEnd: number,
  fresh: number,
  options: ChangeOptions,
  out: ChangeFound,
): void {
  out.row = -1;
  out.mask = 0;
  const nIn = outStart - inStart;
  const nOut = outEnd - outStart;
  if (nIn < 1 || nOut < 2 || nOut > MAX_OUTPUTS || nIn > MAX_INPUTS) return;
  const { rowAddr, rowValue } = t;
  let inType = -1;
  let minIn = Number.POSITIVE_INFINITY;
  for (let r = inStart; r < outStart; r++) {
    const a = rowAddr[r]!;
    if (a >= UNRESOLVED) return;
    for (let o = outStart; o < outEnd; o++) if (rowAddr[o] === a) return;
    const type = t.types[a]!;
    inType = inType === -1 || inType === type ? type : 0;
    if (rowValue[r]! < minIn) minIn = rowValue[r]!;
  }
  let oneTime = -1;
  let nOneTime = 0;
  let nonRound = -1;
  let nNonRound = 0;
  let small = -1;
  let nSmall = 0;
  for (let o = outStart; o < outEnd; o++) {
    const a = rowAddr[o]!;
    const v = rowValue[o]!;
    if (a !== NO_ADDRESS && a > fresh && inType > 0 && t.types[a] === inType) {
      oneTime = o;
      nOneTime++;
    }
    if (v % ROUND !== 0) {
      nonRound = o;
      nNonRound++;
    }
    if (v < minIn) {
      small = o;
      nSmall++;
    }
  }
  if (options.oneTime && nOneTime === 1 && !agree(out, oneTime, CHANGE_ONE_TIME)) return;
  if (options.nonRound && nNonRound === 1 && nNonRound < nOut && !agree(out, nonRound, CHANGE_NON_ROUND))
    return;
  if (options.optimal && nSmall === 1 && !agree(out, small, CHANGE_OPTIMAL)) return;
  if (out.row >= 0 && rowAddr[out.row] === NO_ADDRESS) {
    out.row = -1;
    out.mask = 0;
  }
}

/** Adds a heuristic's choice; false (and nothing found) when it names another output. */
function agree(out: ChangeFound, row: number, flag: number): boolean {
  if (out.row >= 0 && out.row !== row) {
    out.row = -1;
    out.mask = 0;
    return false;
  }
  out.row = row;
  out.mask |= flag;
  return true;
}
