/**
 * Exact wei (and token) amounts in two uint32 columns (hi, lo), three ways:
 * - hi bit 31 clear: the amount itself, below 2^63 (ether up to 9.2, most fees, 6-decimal tokens);
 * - hi bits 31–30 = 10: m · 10^e with e in hi bits 29–24 and m < 2^56 in hi bits 23–0 and lo —
 *   the round amounts people send (600 ether = 6 · 10^20, 50,000 tokens of 18 decimals);
 * - hi bits 31–30 = 11: the offset of the amount in a byte pool — a length byte, then that many
 *   little-endian bytes — for the rest (full-precision amounts of 18-decimal tokens, up to 2^256 − 1,
 *   what a uint256 `Transfer` can carry): ten bytes for a typical swap output, not thirty-two.
 */
import { BulwarkError } from '../../errors/index.ts';
import type { BytesColumn, U32Column } from './column.ts';

const INLINE_LIMIT = 1n << 63n;
const MANTISSA_LIMIT = 1n << 56n;
const DECIMAL = 0x80000000;
const POOL = 0xc0000000;
const TWO32 = 4294967296;
const scratch = new Uint8Array(33);
const POW10: bigint[] = [];
for (let e = 0, p = 1n; e < 64; e++, p *= 10n) POW10.push(p);

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
  let m = v;
  let e = 0;
  while (e < 63 && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  if (m < MANTISSA_LIMIT) {
    lo.push(Number(m & 0xffffffffn));
    hi.push((DECIMAL | (e << 24) | Number(m >> 32n)) >>> 0);
    return;
  }
  const offset = pool.length;
  let n = 0;
  for (let rest = v; rest > 0n; rest >>= 8n) scratch[++n] = Number(rest & 0xffn);
  scratch[0] = n;
  pool.appendBytes(scratch, 0, n + 1);
  lo.push(offset % TWO32);
  hi.push((POOL | Math.floor(offset / TWO32)) >>> 0);
}

export function readValue(row: number, lo: U32Column, hi: U32Column, pool: BytesColumn): bigint {
  const h = hi.data[row]!;
  const l = lo.data[row]!;
  if (h < DECIMAL) return (BigInt(h) << 32n) | BigInt(l);
  if (h < POOL) return ((BigInt(h & 0xffffff) << 32n) | BigInt(l)) * POW10[(h >>> 24) & 0x3f]!;
  const at = (h & 0x3fffffff) * TWO32 + l;
  let v = 0n;
  for (let i = pool.data[at]!; i >= 1; i--) v = (v << 8n) | BigInt(pool.data[at + i]!);
  return v;
}

/** The value as a double (exact below 2^53): for thresholds and ranking in hot loops. */
export function approxValue(row: number, lo: U32Column, hi: U32Column, pool: BytesColumn): number {
  const h = hi.data[row]!;
  if (h < DECIMAL) return h * TWO32 + lo.data[row]!;
  if (h < POOL) return ((h & 0xffffff) * TWO32 + lo.data[row]!) * 10 ** ((h >>> 24) & 0x3f);
  return Number(readValue(row, lo, hi, pool));
}
