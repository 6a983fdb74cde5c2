/**
 * What a chain's scan shares with the engine: the ledgers per asset, seeds, stops, thresholds and
 * the log of tainted transfers. The chain scans (bitcoin-scan.ts, ethereum-scan.ts) are the only
 * code that knows row layouts; everything they report goes through `move`, the one edge interface.
 */
import { Book, type Model, SEED, STOP } from './book.ts';
import type { TraceLabel } from './types.ts';

/** Balance of `address` in `asset` just before `row` (direction-aware), for a slot opened late. */
export type BalanceBefore = (asset: number, address: number, row: number) => number;

export interface ContextOptions {
  addresses: number;
  model: Model;
  maxHops: number;
  minValue: number;
  maxTransfers: number;
  forward: boolean;
  stopAt: ((id: number) => TraceLabel | undefined) | undefined;
  balanceBefore: BalanceBefore;
}

export class ScanContext {
  readonly books: (Book | undefined)[] = [];
  readonly seed: Uint8Array;
  /** The seeds' address ids, in the order given. */
  readonly seedIds: number[] = [];
  /** Per address: 1 once it is a seed or holds a slot in any ledger; one byte keeps the hot check in cache. */
  readonly touched: Uint8Array;
  readonly labels = new Map<number, TraceLabel>();
  /** Per address: 0 not asked, 1 a stop, 2 not. */
  private readonly stopKnown: Uint8Array;
  readonly seeded: number[] = [];
  readonly fees: number[] = [];
  readonly below: number[] = [];
  /**
   * Per address: 1 while parked — no taint in any ledger, so the frontier stops walking its rows and
   * its balance is not kept; `wake` replays them when taint arrives again (ethereum-dormancy.ts).
   */
  readonly parked: Uint8Array;
  wake: ((address: number, row: number) => void) | undefined;
  logRow = new Int32Array(1024);
  logAsset = new Int32Array(1024);
  logTaint = new Float64Array(1024);
  logged = 0;
  count = 0;
  examined = 0;

  readonly addresses: number;
  readonly model: Model;
  readonly maxHops: number;
  readonly minValue: number;
  readonly maxTransfers: number;
  readonly forward: boolean;
  readonly balanceBefore: BalanceBefore;
  private readonly stopAt: ((id: number) => TraceLabel | undefined) | undefined;

  constructor(o: ContextOptions) {
    this.addresses = o.addresses;
    this.model = o.model;
    this.maxHops = o.maxHops;
    this.minValue = o.minValue;
    this.maxTransfers = o.maxTransfers;
    this.forward = o.forward;
    this.stopAt = o.stopAt;
    this.balanceBefore = o.balanceBefore;
    this.seed = new Uint8Array(o.addresses);
    this.touched = new Uint8Array(o.addresses);
    this.stopKnown = new Uint8Array(o.addresses);
    this.parked = new Uint8Array(o.addresses);
  }

  /** True when no ledger holds taint at `address` (it may hold a balance). */
  dry(address: number): boolean {
    for (const b of this.books) {
      if (!b) continue;
      const s = b.slotOf[address]!;
      if (s >= 0 && b.taint(s) > 0) return false;
    }
    return true;
  }

  book(asset: number): Book {
    let b = this.books[asset];
    if (!b) {
      b = new Book(this.addresses, this.model, this.maxHops);
      this.books[asset] = b;
      this.seeded[asset] = 0;
      this.fees[asset] = 0;
      this.below[asset] = 0;
    }
    return b;
  }

  private isStop(address: number): boolean {
    const k = this.stopKnown[address]!;
    if (k !== 0) return k === 1;
    const label = this.seed[address] ? undefined : this.stopAt?.(address);
    if (label) this.labels.set(address, label);
    this.stopKnown[address] = label ? 1 : 2;
    return label !== undefined;
  }

  /** True when a slot of `address` was opened as a stop: nothing leaves it, its own balance is never reported. */
  stopped(address: number): boolean {
    return this.stopKnown[address] === 1;
  }

  /** The slot of a seed in `asset`, opened at `row`. */
  seedSlot(asset: number, address: number, row: number): number {
    const b = this.book(asset);
    const s = b.slotOf[address]!;
    this.touched[address] = 1;
    return s >= 0 ? s : b.open(address, this.balanceBefore(asset, address, row), 0, SEED);
  }

  /**
   * A transfer of v in `asset` at `row` from slot `src` (or -1) to address `to`, carrying taint t
   * from an address reached at hop `hop`. Opens the payee's slot when taint arrives.
   */
  move(asset: number, row: number, v: number, t: number, from: number, to: number, hop: number): void {
    // forward, all a seed receives is stolen value; what was tainted already is not seeded twice
    if (this.forward && this.seed[to] === 1) {
      const s = this.seedSlot(asset, to, row);
      this.seeded[asset] = this.seeded[asset]! + v - t;
      this.books[asset]!.credit(s, v, v, from, 0);
      this.log(row, asset, v);
      return;
    }
    const b = this.books[asset];
    if (!b) return;
    let d = b.slotOf[to]!;
    if (t > 0 && t < this.minValue) {
      this.below[asset] = this.below[asset]! + t;
      t = 0;
    }
    if (d >= 0 && this.parked[to] === 1) {
      if (t <= 0) return; // replayed when it wakes
      this.wake!(to, row);
    }
    if (d < 0) {
      if (t <= 0) return;
      this.touched[to] = 1;
      // a stop's balance is never read (nothing leaves it): no look-back over a busy service's history
      const stop = this.isStop(to);
      d = b.open(to, stop ? 0 : this.balanceBefore(asset, to, row), hop + 1, stop ? STOP : 0);
    }
    b.credit(d, v, t, from, hop + 1);
    if (t > 0) this.log(row, asset, t);
  }

  /**
   * Taint carried out of slot s (of `address`: given, so the hot path loads no slot address) by a
   * transfer of v; backward, a seed's every receipt is wanted whole.
   */
  take(asset: number, s: number, v: number, address: number): number {
    const b = this.books[asset]!;
    if (this.parked[address] === 1) return 0; // no taint; the balance is replayed when it wakes
    if (!this.forward && (b.flag(s) & SEED) !== 0) {
      this.seeded[asset] = this.seeded[asset]! + v;
      b.addReceived(s, v);
      return v;
    }
    return b.debit(s, v);
  }

  log(row: number, asset: number, t: number): void {
    this.count++;
    if (this.logged >= this.maxTransfers) return;
    if (this.logged === this.logRow.length) {
      const n = this.logged * 2;
      const r = new Int32Array(n);
      r.set(this.logRow);
      this.logRow = r;
      const a = new Int32Array(n);
      a.set(this.logAsset);
      this.logAsset = a;
      const x = new Float64Array(n);
      x.set(this.logTaint);
      this.logTaint = x;
    }
    this.logRow[this.logged] = row;
    this.logAsset[this.logged] = asset;
    this.logTaint[this.logged++] = t;
  }
}
