/**
 * Exact wei (and token) amounts in two uint32 columns. Amounts below 2^63 — nearly all — are held
 * inline (hi < 2^31); larger ones (up to 2^256 − 1, what a uint256 `Transfer` can carry) go to a pool
 * of 32-byte little-endian integers, and the row holds 2^31 | the pool index split over hi and lo.
 */
import { BulwarkError } from '../../errors/index.ts';
import type { BytesColumn, U32Column } from './column.ts';

const INLINE_LIMIT = 1n << 63n;
const POOL_FLAG = 0x80000000;
const TWO32 = 4294967296;
const scratch = new Uint8Array(32);

export function pushValue(v: bigint, lo: U32Column, hi: U32Column, pool: BytesColumn): void {
  if (v < 0n || v >= 1n << 256n) {
    throw new BulwarkError('ETH_RPC_MALFORMED', `transfer value ${v} is not a uint256`, {
      hint: 'The node answered an impossible amount; report the node version',
    });
  }
  if (v < INLINE_LIMIT) {
    lo.push(Number(v & 0xffffffffn));
    hi.push(Number(v >> 32n));
    return;
  }
  const index = pool.length;
  let rest = v;
  for (let i = 0; i < 32; i++, rest >>= 8n) scratch[i] = Number(rest & 0xffn);
  pool.push(scratch, 0);
  lo.push(index % TWO32);
  hi.push((POOL_FLAG | Math.floor(index / TWO32)) >>> 0);
}

export function readValue(row: number, lo: U32Column, hi: U32Column, pool: BytesColumn): bigint {
  const h = hi.data[row]!;
  const l = lo.data[row]!;
  if ((h & POOL_FLAG) === 0) return (BigInt(h) << 32n) | BigInt(l);
  const at = ((h & ~POOL_FLAG) * TWO32 + l) * 32;
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(pool.data[at + i]!);
  return v;
}

/** The value as a double (exact below 2^53): for ranking and thresholds in hot loops. */
export function approxValue(row: number, lo: U32Column, hi: U32Column, pool: BytesColumn): number {
  const h = hi.data[row]!;
  if ((h & POOL_FLAG) === 0) return h * TWO32 + lo.data[row]!;
  return Number(readValue(row, lo, hi, pool));
}
