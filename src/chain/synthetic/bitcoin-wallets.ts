/**
 * Who holds which unspent outputs in a generated UTXO chain. A wallet keeps its coins in a small
 * fixed slab (users: 8, exchanges: 4,096), so the inputs of a transaction come from one wallet — the
 * premise of the multi-input heuristic — in memory bounded by the number of wallets. A coin that
 * arrives at a full wallet stays unspent, as forgotten coins do.
 */

export const USER_SLOTS = 8;
export const EXCHANGE_SLOTS = 4096;
const RING = 1 << 21;

export class Wallets {
  count = 0;
  /** Per wallet: its last address (population index), for address reuse and change. */
  lastAddress = new Uint32Array(1 << 14);
  held = new Uint16Array(1 << 14);
  /** Output rows: exchanges' slabs first (EXCHANGE_SLOTS each), then users' (USER_SLOTS each). */
  private userCoins = new Uint32Array((1 << 14) * USER_SLOTS);
  private readonly exchangeCoins: Uint32Array;
  readonly exchanges: number;
  private readonly ring = new Uint32Array(RING);
  private ringSize = 0;
  private ringAt = 0;

  constructor(exchanges: number) {
    this.exchanges = exchanges;
    this.exchangeCoins = new Uint32Array(exchanges * EXCHANGE_SLOTS);
  }

  create(address: number): number {
    const w = this.count++;
    if (w === this.held.length) this.grow();
    this.lastAddress[w] = address;
    this.held[w] = 0;
    return w;
  }

  private grow(): void {
    const n = this.held.length * 2;
    const last = new Uint32Array(n);
    last.set(this.lastAddress);
    this.lastAddress = last;
    const held = new Uint16Array(n);
    held.set(this.held);
    this.held = held;
    const coins = new Uint32Array(n * USER_SLOTS);
    coins.set(this.userCoins);
    this.userCoins = coins;
  }

  capacity(w: number): number {
    return w < this.exchanges ? EXCHANGE_SLOTS : USER_SLOTS;
  }

  /** Gives wallet w the output at `row`; false (the coin stays unspent) when the wallet is full. */
  give(w: number, row: number): boolean {
    const h = this.held[w]!;
    if (h === this.capacity(w)) return false;
    if (w < this.exchanges) this.exchangeCoins[w * EXCHANGE_SLOTS + h] = row;
    else this.userCoins[(w - this.exchanges) * USER_SLOTS + h] = row;
    this.held[w] = h + 1;
    if (w >= this.exchanges) {
      this.ring[this.ringAt] = w;
      this.ringAt = (this.ringAt + 1) & (RING - 1);
      if (this.ringSize < RING) this.ringSize++;
    }
    return true;
  }

  /** Takes the coin wallet w received last (-1 if it holds none). */
  take(w: number): number {
    const h = this.held[w]!;
    if (h === 0) return -1;
    this.held[w] = h - 1;
    return w < this.exchanges
      ? this.exchangeCoins[w * EXCHANGE_SLOTS + h - 1]!
      : this.userCoins[(w - this.exchanges) * USER_SLOTS + h - 1]!;
  }

  /** A user wallet that received lately and holds coins, drawn by how often it received; -1 if none. */
  active(random: () => number): number {
    for (let k = 0; k < 4 && this.ringSize > 0; k++) {
      const w = this.ring[Math.floor(random() * this.ringSize)]!;
      if (this.held[w]! > 0) return w;
    }
    return -1;
  }
}
