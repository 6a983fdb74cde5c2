/**
 * The haircut ledger of one asset, kept between increments: a slot per address taint reached, with
 * balance, taint, tainted and total value received, hop and the largest source, in growable typed
 * arrays (nothing allocated per transfer). The arithmetic is the trace engine's haircut model,
 * step for step (floored carried taint, residue below 2^-40 of a balance dropped, taint leaving an
 * address at the hop limit blocked), so the incremental state equals a `trace()` from the start.
 */

/** A labelled mixer: what goes in is counted, nothing leaves but matched withdrawals (mixer-pools.ts). */
export const STOP = 2;
export const SEED = 4;
const RESIDUE = 2 ** -40;

export class Ledger {
  readonly maxHops: number;
  /** Address id → slot, -1 when untouched; grows with the address dictionary. */
  slotOf: Int32Array;
  n = 0;
  addr = new Int32Array(16);
  flag = new Uint8Array(16);
  hop = new Int32Array(16);
  parent = new Int32Array(16);
  best = new Float64Array(16);
  balance = new Float64Array(16);
  taint = new Float64Array(16);
  received = new Float64Array(16);
  /** All value received (tainted or not), for the tainted share. */
  total = new Float64Array(16);
  blocked = new Float64Array(16);
  /** Confidence of the mixer match that brought the largest share (`parent` is then the mixer); 0 none. */
  via = new Float64Array(16);
  /** The second and third largest single payments from other payers (-1 / 0: none): the other top paths. */
  parent2 = new Int32Array(16);
  best2 = new Float64Array(16);
  via2 = new Float64Array(16);
  parent3 = new Int32Array(16);
  best3 = new Float64Array(16);
  via3 = new Float64Array(16);
  /**
   * The payer of the first tainted payment (-1: none), that payment's taint and mixer confidence. Its
   * own taint is older than that payment, so following `first` always ends at a source: a route's
   * way out when the three largest payers all lead back into it (taint-route.ts).
   */
  first = new Int32Array(16);
  bestFirst = new Float64Array(16);
  viaFirst = new Float64Array(16);

  constructor(addresses: number, maxHops: number) {
    this.slotOf = new Int32Array(addresses).fill(-1);
    this.maxHops = maxHops;
  }

  /** Makes room for address ids below `addresses` (the dictionary grew). */
  reserve(addresses: number): void {
    if (addresses <= this.slotOf.length) return;
    const next = new Int32Array(Math.max(addresses, this.slotOf.length * 2)).fill(-1);
    next.set(this.slotOf);
    this.slotOf = next;
  }

  /** A slot for `address` holding `balance` and having received `received` before the current row. */
  open(address: number, balance: number, received: number, hop: number, flag: number): number {
    if (this.n === this.addr.length) this.grow(this.n * 2);
    const s = this.n++;
    this.slotOf[address] = s;
    this.addr[s] = address;
    this.flag[s] = flag;
    this.hop[s] = hop;
    this.parent[s] = -1;
    this.best[s] = 0;
    this.balance[s] = Math.max(balance, 0);
    this.taint[s] = 0;
    this.received[s] = 0;
    this.total[s] = received;
    this.blocked[s] = 0;
    this.via[s] = 0;
    this.parent2[s] = -1;
    this.best2[s] = 0;
    this.via2[s] = 0;
    this.parent3[s] = -1;
    this.best3[s] = 0;
    this.via3[s] = 0;
    this.first[s] = -1;
    this.bestFirst[s] = 0;
    this.viaFirst[s] = 0;
    return s;
  }

  /** Taint carried out by a payment of v from slot s. */
  debit(s: number, v: number): number {
    const b = this.balance[s]!;
    const nb = Math.max(b - v, 0);
    this.balance[s] = nb;
    if ((this.flag[s]! & STOP) !== 0) return 0;
    const taint = this.taint[s]!;
    let t = 0;
    if (taint > 0) {
      t = b > 0 ? Math.floor((v * taint) / b) : 0;
      if (t > taint) t = taint;
    }
    let left = taint - t;
    if (left > nb) left = nb;
    if (left < nb * RESIDUE || left < 0.5) left = 0;
    this.taint[s] = left;
    if (t > 0 && this.hop[s]! >= this.maxHops) {
      this.blocked[s] = this.blocked[s]! + t;
      return 0;
    }
    return t;
  }

  /**
   * A payment of v carrying taint t into slot s from address `from` (-1: no payer to rank, as when
   * the caller ranks the payers itself with `payer`), reached at hop `hop`; `via` is the confidence
   * of the mixer match when `from` is a mixer paying a matched withdrawal.
   */
  credit(s: number, v: number, t: number, from: number, hop: number, via = 0): void {
    this.balance[s] = this.balance[s]! + v;
    this.total[s] = this.total[s]! + v;
    if (t <= 0) return;
    this.received[s] = this.received[s]! + t;
    // a mixer holds no taint of its own to pass on: only matched withdrawals carry it out
    if ((this.flag[s]! & STOP) === 0) this.taint[s] = this.taint[s]! + t;
    if (hop < this.hop[s]!) this.hop[s] = hop;
    if (from >= 0) this.payer(s, t, from, via);
  }

  /**
   * Address `from` paid slot s a tainted share t: a candidate for its top three payers. An address
   * paying itself (Bitcoin change, an account's self-transfer) is not one — it only carries its own
   * taint forward, and as its own largest payer it would end every route back to a source there.
   */
  payer(s: number, t: number, from: number, via = 0): void {
    if (from === this.addr[s] || !(t > 0)) return;
    if (this.first[s]! < 0) {
      this.first[s] = from;
      this.bestFirst[s] = t;
      this.viaFirst[s] = via;
    }
    // every change of the top three (a new payer, or a listed one paying more) passes the third
    if (t > this.best3[s]!) this.rank(s, t, from, via);
  }

  /** Keeps the three largest single payments from distinct payers, largest first. */
  private rank(s: number, t: number, from: number, via: number): void {
    const { parent, best, parent2, best2, via2, parent3, best3, via3 } = this;
    if (parent[s] === from) {
      if (t > best[s]!) {
        best[s] = t;
        this.via[s] = via;
      }
      return;
    }
    if (parent2[s] === from) {
      if (t <= best2[s]!) return;
      // drop its entry: the third moves up, and `from` is placed again below
      parent2[s] = parent3[s]!;
      best2[s] = best3[s]!;
      via2[s] = via3[s]!;
      parent3[s] = -1;
      best3[s] = 0;
      via3[s] = 0;
    }
    // (a listed third payer paying more is overwritten below, wherever it lands)
    if (t > best[s]!) {
      this.down(s);
      parent2[s] = parent[s]!;
      best2[s] = best[s]!;
      via2[s] = this.via[s]!;
      parent[s] = from;
      best[s] = t;
      this.via[s] = via;
    } else if (t > best2[s]!) {
      this.down(s);
      parent2[s] = from;
      best2[s] = t;
      via2[s] = via;
    } else {
      parent3[s] = from;
      best3[s] = t;
      via3[s] = via;
    }
  }

  /** The second entry of slot s becomes the third. */
  private down(s: number): void {
    this.parent3[s] = this.parent2[s]!;
    this.best3[s] = this.best2[s]!;
    this.via3[s] = this.via2[s]!;
  }

  /** The slot arrays, in a fixed order, for the state file. */
  columns(): (Int32Array | Uint8Array | Float64Array)[] {
    const { addr, flag, hop, parent, best, balance, taint, received, total, blocked, via } = this;
    const { parent2, best2, via2, parent3, best3, via3, first, bestFirst, viaFirst } = this;
    return [
      ...[addr, flag, hop, parent, best, balance, taint, received, total, blocked, via],
      ...[parent2, best2, via2, parent3, best3, via3, first, bestFirst, viaFirst],
    ];
  }

  /** Restores `n` slots from columns in the order of `columns()`. */
  restore(n: number, cols: readonly ArrayBufferView[]): void {
    this.grow(Math.max(16, n));
    this.n = n;
    const mine = this.columns();
    mine.forEach((col, i) => {
      const src = cols[i]!;
      new Uint8Array(col.buffer, col.byteOffset, n * col.BYTES_PER_ELEMENT).set(
        new Uint8Array(src.buffer, src.byteOffset, n * col.BYTES_PER_ELEMENT),
      );
    });
    for (let s = 0; s < n; s++) this.slotOf[this.addr[s]!] = s;
  }

  private grow(size: number): void {
    if (size <= this.addr.length) return;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const flag = new Uint8Array(size);
    flag.set(this.flag);
    this.flag = flag;
    this.addr = i32(this.addr);
    this.hop = i32(this.hop);
    this.parent = i32(this.parent);
    this.best = f64(this.best);
    this.balance = f64(this.balance);
    this.taint = f64(this.taint);
    this.received = f64(this.received);
    this.total = f64(this.total);
    this.blocked = f64(this.blocked);
    this.via = f64(this.via);
    this.parent2 = i32(this.parent2);
    this.best2 = f64(this.best2);
    this.via2 = f64(this.via2);
    this.parent3 = i32(this.parent3);
    this.best3 = f64(this.best3);
    this.via3 = f64(this.via3);
    this.first = i32(this.first);
    this.bestFirst = f64(this.bestFirst);
    this.viaFirst = f64(this.viaFirst);
  }
}
