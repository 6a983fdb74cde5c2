/**
 * The taint ledger of one asset: a slot per address the trace touched (dense address id → slot),
 * with balance, taint, received, hops and the largest source, all in growable typed arrays so the
 * scan allocates nothing per transfer. Both chains' scans drive it through `open`, `debit` and
 * `credit`; the models differ only here.
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

export class Book {
  readonly model: Model;
  readonly maxHops: number;
  /** Address id → slot, -1 when untouched. */
  readonly slotOf: Int32Array;
  n = 0;
  addr = new Int32Array(64);
  flag = new Uint8Array(64);
  hop = new Int32Array(64);
  parent = new Int32Array(64);
  best = new Float64Array(64);
  balance = new Float64Array(64);
  taint = new Float64Array(64);
  received = new Float64Array(64);
  /** Taint that would have left an address at the hop limit: followed no further. */
  blocked = new Float64Array(64);
  // FIFO: received and spent positions, and a list of tainted intervals in received coordinates.
  inPos = new Float64Array(64);
  outPos = new Float64Array(64);
  head = new Int32Array(64);
  tail = new Int32Array(64);
  private lots = new Lots();

  constructor(addresses: number, model: Model, maxHops: number) {
    this.slotOf = new Int32Array(addresses).fill(-1);
    this.model = model;
    this.maxHops = maxHops;
  }

  /** A slot for `address` holding `balance` before the current transfer. */
  open(address: number, balance: number, hop: number, flag: number): number {
    if (this.n === this.addr.length) this.grow();
    const s = this.n++;
    this.slotOf[address] = s;
    this.addr[s] = address;
    this.flag[s] = flag | OPEN;
    this.hop[s] = hop;
    this.parent[s] = -1;
    this.best[s] = 0;
    this.balance[s] = Math.max(balance, 0);
    this.taint[s] = 0;
    this.received[s] = 0;
    this.blocked[s] = 0;
    this.inPos[s] = this.balance[s]!;
    this.outPos[s] = 0;
    this.head[s] = -1;
    this.tail[s] = -1;
    return s;
  }

  /** Taint carried out by a transfer of v from slot s (balance and taint updated). */
  debit(s: number, v: number): number {
    const f = this.flag[s]!;
    const b = this.balance[s]!;
    const nb = Math.max(b - v, 0);
    this.balance[s] = nb;
    if ((f & STOP) !== 0) return 0;
    const taint = this.taint[s]!;
    let t = 0;
    if (taint > 0) {
      if (this.model === 'haircut') t = b > 0 ? Math.floor((v * taint) / b) : 0;
      else if (this.model === 'poison') t = v;
      else t = this.fifoTake(s, v);
      if (t > taint && this.model !== 'poison') t = taint;
    } else if (this.model === 'fifo') this.outPos[s] = this.outPos[s]! + v;
    let left = this.model === 'poison' ? (taint > 0 ? nb : 0) : taint - t;
    if (left > nb) left = nb;
    if (left < nb * RESIDUE || left < 0.5) left = 0;
    this.taint[s] = left;
    if (t > 0 && this.hop[s]! >= this.maxHops) {
      this.blocked[s] = this.blocked[s]! + t;
      return 0;
    }
    return t;
  }

  /** A transfer of v carrying taint t into slot s from address `from` reached at hop `hop`. */
  credit(s: number, v: number, t: number, from: number, hop: number): void {
    this.balance[s] = this.balance[s]! + v;
    if (this.model === 'fifo') {
      const at = this.inPos[s]!;
      if (t > 0) this.pushLot(s, at, at + t);
      this.inPos[s] = at + v;
    }
    if (t <= 0) return;
    this.received[s] = this.received[s]! + t;
    if ((this.flag[s]! & STOP) === 0)
      this.taint[s] = this.model === 'poison' ? this.balance[s]! : this.taint[s]! + t;
    if (hop < this.hop[s]!) this.hop[s] = hop;
    if (t > this.best[s]!) {
      this.best[s] = t;
      this.parent[s] = from;
    }
  }

  /** What `debit` does to a slot holding no taint: a parked slot catching up (ethereum-dormancy.ts). */
  replayDebit(s: number, v: number): void {
    const b = this.balance[s]! - v;
    this.balance[s] = b > 0 ? b : 0;
    if (this.model === 'fifo') this.outPos[s] = this.outPos[s]! + v;
  }

  /** What `credit` does with no taint. */
  replayCredit(s: number, v: number): void {
    this.balance[s] = this.balance[s]! + v;
    if (this.model === 'fifo') this.inPos[s] = this.inPos[s]! + v;
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
    const n = this.addr.length * 2;
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
    const flag = new Uint8Array(n);
    flag.set(this.flag);
    this.flag = flag;
    this.addr = i32(this.addr);
    this.hop = i32(this.hop);
    this.parent = i32(this.parent);
    this.head = i32(this.head);
    this.tail = i32(this.tail);
    this.best = f64(this.best);
    this.balance = f64(this.balance);
    this.taint = f64(this.taint);
    this.received = f64(this.received);
    this.blocked = f64(this.blocked);
    this.inPos = f64(this.inPos);
    this.outPos = f64(this.outPos);
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
