/**
 * The rows of each address the trace touched, fetched once: the frontier walks them and the late
 * balance of a slot sums them, so a busy address spread over many adjacency segments is gathered
 * (one copy) once per trace instead of once per asset and per use.
 */
import type { EthereumTable } from '../chain/index.ts';
import type { RunningBalance } from './running-balance.ts';

export class EdgeCache {
  private readonly table: EthereumTable;
  /** Address id → index in outs/ins + 1; 0 when not fetched. */
  private readonly at: Int32Array;
  private readonly outs: Uint32Array[] = [];
  private readonly ins: Uint32Array[] = [];

  constructor(table: EthereumTable, addresses: number) {
    this.table = table;
    this.at = new Int32Array(addresses);
  }

  private index(address: number): number {
    let i = this.at[address]!;
    if (i === 0) {
      this.outs.push(this.table.outEdges(address));
      this.ins.push(this.table.inEdges(address));
      i = this.outs.length;
      this.at[address] = i;
    }
    return i - 1;
  }

  /**
   * Once the frontier has handed over to a linear pass, a list is asked for once (a slot opening
   * late): keeping every list of a widely spread trace alive would only load the collector.
   */
  caching = true;

  /** Forward, after that hand-over: every address's balance in one asset, kept as the pass goes. */
  running: RunningBalance | undefined;

  /** Rows where `address` pays, ascending. */
  outOf(address: number): Uint32Array {
    if (!this.caching && this.at[address] === 0) return this.table.outEdges(address);
    return this.outs[this.index(address)]!;
  }

  /** Rows paying `address`, ascending. */
  inOf(address: number): Uint32Array {
    if (!this.caching && this.at[address] === 0) return this.table.inEdges(address);
    return this.ins[this.index(address)]!;
  }
}

/** How many of the ascending rows are below r. */
export function below(rows: Uint32Array, r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
