/**
 * The addresses of a generated chain: a local index per address in creation order, its id in the
 * graph's dictionary and its ether balance, plus a ring of recent receivers. Drawing a counterparty
 * from the ring is preferential attachment with a memory: an address is drawn in proportion to how
 * often it received lately, which gives the heavy-tailed degrees of real chains in bounded memory.
 */
import type { Rng } from './rng.ts';
import { scramble32 } from './rng.ts';

export interface AddressSink {
  /** The dictionary id of the 20 address bytes at src[off]. */
  account(src: Uint8Array, off: number): number;
}

const RING = 1 << 22;
const address = new Uint8Array(20);

export class Population {
  count = 0;
  /** Local index → dictionary id. */
  ids = new Uint32Array(1 << 16);
  /** Local index → ether balance in micro-ether (10^12 wei), exact as a double below 2^53. */
  balance = new Float64Array(1 << 16);
  private readonly ring = new Uint32Array(RING);
  private ringSize = 0;
  private ringAt = 0;
  private readonly salt: number;
  private readonly sink: AddressSink;

  constructor(sink: AddressSink, seed: number) {
    this.sink = sink;
    this.salt = scramble32(seed >>> 0, 0x5bd1e995);
  }

  /**
   * A fresh address: its bytes are a bijection of the local index (so they never repeat) followed by
   * words derived from it, which look like the hashes real addresses are.
   */
  create(): number {
    const i = this.count++;
    if (i === this.ids.length) this.grow();
    for (let w = 0; w < 5; w++) {
      const x = scramble32(w === 0 ? i : scramble32(i, this.salt + w), this.salt ^ w);
      address[w * 4] = x >>> 24;
      address[w * 4 + 1] = (x >>> 16) & 0xff;
      address[w * 4 + 2] = (x >>> 8) & 0xff;
      address[w * 4 + 3] = x & 0xff;
    }
    this.ids[i] = this.sink.account(address, 0);
    this.balance[i] = 0;
    return i;
  }

  private grow(): void {
    const ids = new Uint32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const balance = new Float64Array(this.balance.length * 2);
    balance.set(this.balance);
    this.balance = balance;
  }

  /** Remembers that `i` received (users only: services are drawn by their own rules). */
  received(i: number): void {
    this.ring[this.ringAt] = i;
    this.ringAt = (this.ringAt + 1) & (RING - 1);
    if (this.ringSize < RING) this.ringSize++;
  }

  /** A recent receiver, drawn in proportion to how often it received lately; -1 if none yet. */
  recent(rng: Rng): number {
    return this.ringSize === 0 ? -1 : this.ring[rng.int(this.ringSize)]!;
  }

  /** A recent receiver holding at least `min` micro-ether, or -1 after a few draws. */
  funded(rng: Rng, min: number): number {
    for (let k = 0; k < 4; k++) {
      const i = this.recent(rng);
      if (i >= 0 && this.balance[i]! >= min) return i;
    }
    return -1;
  }
}
