/**
 * The taint ledger of one asset: a slot per address the trace touched (dense address id → slot),
 * with balance, taint, received, hops and the largest source, one 64-byte record per slot in a
 * growable typed array so the scan allocates nothing per transfer. Both chains' scans drive it
 * through `open`, `debit` and `credit` and read it through the accessors; the models differ only
 * here. Exported from index.ts for other ledgers of the same arithmetic (screen/taint keeps one).
 *
 * Amounts are doubles in base units. Satoshi are exact; wei above 2^53 carry a relative rounding
 * error of ~1e-16 per operation. Carried taint is floored to whole base units (the integer division
 * of the ground truth) and a taint below 2^-40 of its balance is dropped as rounding residue, so
 * rounding never marks an address the exact computation would leave clean.
 */

export type Model = 'poison' | 'haircut' | 'fifo';

export const OPEN = 1;
export const STOP = 2;
export const SEED = 4;
const RESIDUE = 2 ** -40;

/**
 * One slot is one 64-byte record of SLOT doubles, so a transfer touches one cache line of a slot
 * instead of one per field: a poison trace opens ~10^5 slots, and eight parallel arrays of them
 * outgrow the cache (docs/BENCHMARKS.md). The last two doubles hold int32 pairs (hop, parent) and
 * (flag, address); FIFO's positions and lot lists, read by FIFO only, stay in arrays of their own.
 */
const SLOT = 8;
const BALANCE = 0;
const TAINT = 1;
const RECEIVED = 2;
const BEST = 3;
const BLOCKED = 4;
/** int32 positions within a slot (×2 of the double index). */
const HOP = 10;
const PARENT = 11;
const FLAG = 12;
const ADDR = 13;

export class Book {
  readonly model: Model;
  readonly maxHops: number;
  /** Address id → slot, -1 when untouched. */
  readonly slotOf: Int32Array;
  n = 0;
  /** The slots' records (see SLOT); `i` views the same memory. */
  private f = new Float64Array(64 * SLOT);
  private i = new Int32Array(this.f.buffer);
  // FIFO: received and spent positions, and a list of tainted intervals in received coordinates.
  private inPos = new Float64Array(0);
  private outPos = new Float64Array(0);
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private lots = new Lots();
  private readonly fifo: boolean;
  private readonly poison: boolean;

  constructor(addresses: number, model: Model, maxHops: number) {
    this.slotOf = new Int32Array(addresses).fill(-1);
    this.model = model;
    this.maxHops = maxHops;
    this.fifo = model === 'fifo';
    this.poison = model === 'poison';
    if (this.fifo) this.growFifo(64);
  }

  /** The address of slot s. */
  address(s: number): number {
    return this.i[s * 2 * SLOT + ADDR]!;
  }
  /** OPEN, and STOP or SEED as opened. */
  flag(s: number): number {
    return this.i[s * 2 * SLOT + FLAG]!;
  }
  /** Fewest hops from a seed taint took to reach slot s. */
  hop(s: number): number {
    return this.i[s * 2 * SLOT + HOP]!;
  }
  /** The address the largest single taint came from, or -1. */
  parent(s: number): number {
    return this.i[s * 2 * SLOT + PARENT]!;
  }
  balance(s: number): number {
    return this.f[s * SLOT + BALANCE]!;
  }
  taint(s: number): number {
    return this.f[s * SLOT + TAINT]!;
  }
  /** All taint received. */
  received(s: number): number {
    return this.f[s * SLOT + RECEIVED]!;
  }
  /** Taint that would have left an address at the hop limit: followed no further. */
  blocked(s: number): number {
    return this.f[s * SLOT + BLOCKED]!;
  }

  /** Backward, a seed's receipt counted whole. */
  addReceived(s: number, v: number): void {
    const k = s * SLOT + RECEIVED;
    this.f[k] = this.f[k]! + v;
  }

  /** Value paid into slot s with no taint and no FIFO position (a payment into a swap pool). */
  addBalance(s: number, v: number): void {
    const k = s * SLOT + BALANCE;
    this.f[k] = this.f[k]! + v;
  }

  /** A slot for `address` holding `balance` before the current transfer. */
  open(address: number, balance: number, hop: number, flag: number): number {
    if (this.n * SLOT === this.f.length) this.grow();
    const s = this.n++;
    this.slotOf[address] = s;
    const k = s * SLOT;
    const f = this.f;
    const i = this.i;
    const b = Math.max(balance, 0);
    f[k + BALANCE] = b;
    f[k + TAINT] = 0;
    f[k + RECEIVED] = 0;
    f[k + BEST] = 0;
    f[k + BLOCKED] = 0;
    i[2 * k + HOP] = hop;
    i[2 * k + PARENT] = -1;
    i[2 * k + FLAG] = flag | OPEN;
    i[2 * k + ADDR] = address;
    if (this.fifo) {
      this.inPos[s] = b;
      this.outPos[s] = 0;
      this.head[s] = -1;
      this.tail[s] = -1;
    }
    return s;
  }

  /**
   * Taint carried out by a transfer of v from slot s (balance and taint updated). This and `credit`
   * run for every row of a spread trace: kept small enough for the compiler to inline them into the
   * scans (FIFO's bookkeeping apart), since a call that is not inlined boxes its double arguments and
   * result — 18 MB of garbage per poison trace at 1 M transfers.
   */
  debit(s: number, v: number): number {
    if (this.fifo) return this.debitFifo(s, v);
    const f = this.f;
    const k = s * SLOT;
    const b = f[k + BALANCE]!;
    const nb = Math.max(b - v, 0);
    f[k + BALANCE] = nb;
    if ((this.i[2 * k + FLAG]! & STOP) !== 0) return 0;
    const taint = f[k + TAINT]!;
    let t = 0;
    let left = 0;
    if (taint > 0) {
      if (this.poison) {
        t = v;
        left = nb;
      } else {
        t = b > 0 ? Math.floor((v * taint) / b) : 0;
        if (t > taint) t = taint;
        left = taint - t;
      }
    }
    return this.leave(k, nb, left, t);
  }

  private debitFifo(s: number, v: number): number {
    const f = this.f;
    const k = s * SLOT;
    const nb = Math.max(f[k + BALANCE]! - v, 0);
    f[k + BALANCE] = nb;
    if ((this.i[2 * k + FLAG]! & STOP) !== 0) return 0;
    const taint = f[k + TAINT]!;
    let t = 0;
    if (taint > 0) {
      t = this.fifoTake(s, v);
      if (t > taint) t = taint;
    } else this.outPos[s] = this.outPos[s]! + v;
    return this.leave(k, nb, taint - t, t);
  }

  /** Taint `left` at the slot at record k (rounding residue dropped); t leaves unless at the hop limit. */
  private leave(k: number, nb: number, left: number, t: number): number {
    let l = Math.min(left, nb);
    if (l < nb * RESIDUE || l < 0.5) l = 0;
    const f = this.f;
    f[k + TAINT] = l;
    if (t > 0 && this.i[2 * k + HOP]! >= this.maxHops) {
      f[k + BLOCKED] = f[k + BLOCKED]! + t;
      return 0;
    }
    return t;
  }

  /** A transfer of v carrying taint t into slot s from address `from` reached at hop `hop`. */
  credit(s: number, v: number, t: number, from: number, hop: number): void {
    const f = this.f;
    const k = s * SLOT;
    const balance = f[k + BALANCE]! + v;
    f[k + BALANCE] = balance;
    if (this.fifo) this.creditFifo(s, v, t);
    if (t <= 0) return;
    f[k + RECEIVED] = f[k + RECEIVED]! + t;
    const i = this.i;
    if ((i[2 * k + FLAG]! & STOP) === 0) f[k + TAINT] = this.poison ? balance : f[k + TAINT]! + t;
    if (hop < i[2 * k + HOP]!) i[2 * k + HOP] = hop;
    if (t > f[k + BEST]!) {
      f[k + BEST] = t;
      i[2 * k + PARENT] = from;
    }
  }

  private creditFifo(s: number, v: number, t: number): void {
    const at = this.inPos[s]!;
    if (t > 0) this.pushLot(s, at, at + t);
    this.inPos[s] = at + v;
  }

  /** What `debit` does to a slot holding no taint: a parked slot catching up (ethereum-dormancy.ts). */
  replayDebit(s: number, v: number): void {
    const k = s * SLOT + BALANCE;
    const b = this.f[k]! - v;
    this.f[k] = Math.max(b, 0);
    if (this.fifo) this.outPos[s] = this.outPos[s]! + v;
  }

  /** What `credit` does with no taint. */
  replayCredit(s: number, v: number): void {
    const k = s * SLOT + BALANCE;
    this.f[k] = this.f[k]! + v;
    if (this.fifo) this.inPos[s] = this.inPos[s]! + v;
  }

  private fifoTake(s: number, v: number): number {
    const from = this.outPos[s]!;
    const to = from + v;
    this.outPos[s] = to;
    const L = this.lots;
    let i = this.head[s]!;
    while (i >= 0 && L.end[i]! <= from) i = L.next[i]!;
    this.head[s] = i;
    if (i < 0) this.tail[s] = -1;
    let t = 0;
    for (let j = i; j >= 0 && L.start[j]! < to; j = L.next[j]!) {
      const a = Math.max(L.start[j]!, from);
      const b = Math.min(L.end[j]!, to);
      if (b > a) t += b - a;
    }
    return t;
  }

  private pushLot(s: number, start: number, end: number): void {
    const i = this.lots.add(start, end);
    if (this.tail[s]! >= 0) this.lots.next[this.tail[s]!] = i;
    else this.head[s] = i;
    this.tail[s] = i;
  }

  private grow(): void {
    const f = new Float64Array(this.f.length * 2);
    f.set(this.f);
    this.f = f;
    this.i = new Int32Array(f.buffer);
    if (this.fifo) this.growFifo(this.n * 2);
  }

  private growFifo(n: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.inPos = f64(this.inPos);
    this.outPos = f64(this.outPos);
    this.head = i32(this.head);
    this.tail = i32(this.tail);
  }
}

/** FIFO intervals in a pool: start, end, next (-1 ends a list). */
class Lots {
  n = 0;
  start = new Float64Array(64);
  end = new Float64Array(64);
  next = new Int32Array(64);

  add(start: number, end: number): number {
    if (this.n === this.start.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const m = this.n * 2;
      this.start = grow(this.start, new Float64Array(m));
      this.end = grow(this.end, new Float64Array(m));
      this.next = grow(this.next, new Int32Array(m));
    }
    const i = this.n++;
    this.start[i] = start;
    this.end[i] = end;
    this.next[i] = -1;
    return i;
  }
}
