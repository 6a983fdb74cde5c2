/**
 * Every address's balance in one asset before the current row, kept by the forward linear pass of
 * a trace that spread widely. There most addresses open a slot, and each opening would otherwise
 * gather its rows and sum its history (`ethereumBalance`). The sums are kept as that lookup makes
 * them — receipts and payments apart, each added in row order — so they are the same doubles.
 */
import type { EthereumTable } from '../chain/index.ts';
import { ASSET_MASK } from './ethereum-rows.ts';
import type { ScanContext } from './scan-context.ts';

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;

export class RunningBalance {
  readonly asset: number;
  /** Rows below this one are summed. */
  upTo = 0;
  /** Per address: received at 2·id, paid at 2·id + 1 (one cache line for both). */
  private readonly sums: Float64Array;
  private readonly n: number;
  private readonly table: EthereumTable;
  private readonly ctx: ScanContext;

  constructor(table: EthereumTable, ctx: ScanContext, asset: number) {
    const addresses = ctx.addresses;
    this.table = table;
    this.ctx = ctx;
    this.asset = asset;
    this.n = addresses;
    this.sums = new Float64Array(2 * addresses);
  }

  /** Balance of `address` before row `r`; r must not be below an earlier call's. */
  at(address: number, r: number): number {
    if (r > this.upTo) this.advance(r);
    return this.sums[2 * address]! - this.sums[2 * address + 1]!;
  }

  /** Adds rows upTo..r-1 (one sequential pass, however far the scan has jumped). */
  private advance(r: number): void {
    const c = this.table.c;
    const from = c.rowFrom.data;
    const to = c.rowTo.data;
    const hi = c.rowValueHi.data;
    const lo = c.rowValueLo.data;
    const assets = c.rowAsset.data;
    const n = this.n;
    const sums = this.sums;
    const asset = this.asset;
    // an address with a slot in the asset's ledger is never asked again: its sums are left behind
    // (asked only when a slot opens, so the ledger exists)
    const slot = this.ctx.books[asset]?.slotOf ?? new Int32Array(n).fill(-1);
    // set before the loop: a loop compiled on the stack (OSR) left feedback-less code after it that
    // deoptimised on every call
    const start = this.upTo;
    this.upTo = r;
    for (let x = start; x < r; x++) {
      const a = assets[x]! & ASSET_MASK;
      if (a !== asset && (a !== ASSET_MASK || this.table.assetOf(x) !== asset)) continue;
      const h = hi[x]!;
      const v = h < DECIMAL ? h * TWO32 + lo[x]! : this.table.approxValue(x);
      const src = from[x]!;
      const dst = to[x]!;
      if (dst < n && slot[dst]! < 0) sums[2 * dst] = sums[2 * dst]! + v;
      if (src < n && slot[src]! < 0) sums[2 * src + 1] = sums[2 * src + 1]! + v;
    }
  }
}
