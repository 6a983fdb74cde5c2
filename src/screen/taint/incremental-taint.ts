/**
 * Haircut taint from flagged sources within k hops, kept current as blocks arrive: `advance` reads
 * only the Ethereum rows appended since the cursor (the graph's row count when it last ran), so the
 * state after any sequence of increments is the state of one scan from the first row — the
 * forward haircut `trace()` of the same sources — and a screen is a lookup in it.
 */
import type { EthereumTable, Graph } from '../../chain/index.ts';
import { Ledger, SEED, STOP } from './ledger.ts';
import { MixerPools } from './mixer-pools.ts';

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;
const ASSET_MASK = 0x1fff;

/**
 * Called when a row carries taint into a watched address (freeze alerts): an account chain's payment
 * row, or a UTXO chain's output row (asset 0; `from` the other input address that gave the most
 * taint, or the payee itself when it alone gave taint).
 */
export type TaintArrival = (row: number, to: number, asset: number, taint: number, from: number) => void;

export interface TaintCursor {
  /** Rows processed (of the state's chain). */
  rows: number;
  /** Blocks processed, and the hash of the last one (a reorganisation below it resets the state). */
  blocks: number;
  lastHash: string;
  /** UTXO chains: transactions processed, and pending-input patches seen (utxo-taint.ts). */
  txs?: number;
  patches?: number;
}

/** Deposits older than this cannot fund a mixer withdrawal (default of `TaintOptions.windowSeconds`). */
export const MIXER_WINDOW_SECONDS = 7 * 86_400;

export interface TaintOptions {
  /**
   * Labelled mixers (account chains): stops whose withdrawals carry taint only by the trace engine's
   * deposit/withdrawal matching (amount and time, with a confidence; mixer-pools.ts).
   */
  mixers?: readonly string[];
  /** How long before a withdrawal a deposit can fund it (default 7 days). */
  windowSeconds?: number;
}

/** How far a state has read against the graph's head, when it has not read all of it. */
export interface TaintLag {
  /** Height of the last block read (null: none yet, or unknown). */
  through: number | null;
  head: number | null;
}

export class IncrementalTaint {
  readonly chain: 'ethereum' | 'bitcoin' = 'ethereum';
  readonly sources: readonly string[];
  readonly hops: number;
  ledgers: (Ledger | undefined)[] = [];
  seed = new Uint8Array(0);
  touched = new Uint8Array(0);
  /** Per address: 1 when arrivals there are reported. */
  watch = new Uint8Array(0);
  cursor: TaintCursor = { rows: 0, blocks: 0, lastHash: '' };
  /** Labelled mixers (not sources), sorted; per address 1 for a mixer; their deposit pools. */
  readonly mixers: readonly string[];
  mixer = new Uint8Array(0);
  pools: MixerPools;
  protected unresolved: string[];
  private unresolvedMixers: string[];

  constructor(sources: readonly string[], hops: number, options: TaintOptions = {}) {
    // account addresses are case-insensitive hex; base58 Bitcoin addresses are not
    const norm = (list: readonly string[]) =>
      [...new Set(list.map((s) => (/^0x/i.test(s) ? s.toLowerCase() : s)))].sort();
    this.sources = norm(sources);
    this.hops = hops;
    this.unresolved = [...this.sources];
    this.mixers = norm(options.mixers ?? []).filter((m) => !this.sources.includes(m));
    this.unresolvedMixers = [...this.mixers];
    this.pools = new MixerPools(options.windowSeconds ?? MIXER_WINDOW_SECONDS);
  }

  /** Grows the per-address arrays to the dictionary and marks sources that now have an id. */
  protected reserve(g: Graph): void {
    const n = g.dict.count;
    if (n > this.seed.length) {
      const grow = (a: Uint8Array) => {
        const b = new Uint8Array(Math.max(n, a.length * 2));
        b.set(a);
        return b;
      };
      this.seed = grow(this.seed);
      this.touched = grow(this.touched);
      this.watch = grow(this.watch);
      this.mixer = grow(this.mixer);
      for (const l of this.ledgers) {
        if (!l) continue;
        l.reserve(this.seed.length);
        // a restored state: its slots' addresses are where rows must be looked at
        for (let s = 0; s < l.n; s++) this.touched[l.addr[s]!] = 1;
      }
    }
    // every row of a mixer is looked at: untainted deposits are part of the anonymity set
    this.unresolvedMixers = this.unresolvedMixers.filter((m) => {
      const id = g.addressId(m);
      if (id < 0) return true;
      this.mixer[id] = 1;
      this.touched[id] = 1;
      return false;
    });
    if (this.unresolved.length === 0) return;
    this.unresolved = this.unresolved.filter((s) => {
      const id = g.addressId(s);
      if (id < 0) return true;
      this.seed[id] = 1;
      this.touched[id] = 1;
      return false;
    });
  }

  /** Marks addresses whose taint arrivals `advance` reports (resolved now; call again after growth). */
  watchAddresses(g: Graph, addresses: readonly string[]): void {
    this.reserve(g);
    this.watch.fill(0);
    for (const a of addresses) {
      // account hex is case-insensitive; base58 Bitcoin addresses are not (bech32 comes lower-cased)
      const id = g.addressId(/^0x/i.test(a) ? a.toLowerCase() : a);
      if (id >= 0) this.watch[id] = 1;
    }
  }

  ledger(asset: number): Ledger {
    let l = this.ledgers[asset];
    if (!l) {
      l = new Ledger(this.seed.length, this.hops);
      this.ledgers[asset] = l;
    }
    return l;
  }

  /**
   * Processes the rows appended since the cursor, up to block `toBlock` (exclusive; default the
   * head: a long first scan can go in slices, as UtxoTaint's); false (nothing done) when the chain
   * below the cursor changed (a reorganisation): the caller starts a fresh state. A row reads only
   * rows before it, so stopping at a block is the state of a chain that ends there.
   */
  advance(g: Graph, onArrival?: TaintArrival, toBlock = g.ethereum.c.blocks): boolean {
    const e = g.ethereum;
    const c = e.c;
    if (!this.consistent(e)) return false;
    this.reserve(g);
    const blocks = Math.max(this.cursor.blocks, Math.min(toBlock, c.blocks));
    const end = blocks < c.blocks ? firstRowOf(e, blocks) : c.rows;
    // columns and per-address arrays stay the same objects for the whole loop (reserve ran above)
    const from = c.rowFrom.data;
    const to = c.rowTo.data;
    const touched = this.touched;
    const n = this.seed.length;
    for (let r = this.cursor.rows; r < end; r++) {
      const src = from[r]!;
      const dst = to[r]!;
      if (src < n && dst < n && touched[src] !== 1 && touched[dst] !== 1) continue;
      this.row(e, r, src, dst, onArrival);
    }
    this.cursor = {
      rows: end,
      blocks,
      lastHash: blocks > 0 ? hashHex(e, blocks - 1) : '',
    };
    return true;
  }

  /** A fresh state for the same sources and hops (after a reorganisation below the cursor). */
  fresh(): IncrementalTaint {
    return new IncrementalTaint(this.sources, this.hops, this.options());
  }

  /** The options this state was made with. */
  options(): TaintOptions {
    return { mixers: this.mixers, windowSeconds: this.pools.windowSeconds };
  }

  /** Undefined when the state has read every row of the graph; else how far it has. */
  lag(g: Graph): TaintLag | undefined {
    const c = g.ethereum.c;
    if (this.cursor.rows >= c.rows) return undefined;
    const height = (blocks: number) => (blocks > 0 ? c.blockHeight.data[blocks - 1]! : null);
    return { through: height(this.cursor.blocks), head: height(c.blocks) };
  }

  /** The stored chain still holds the last block processed, at the same position. */
  private consistent(e: EthereumTable): boolean {
    const k = this.cursor;
    if (k.blocks === 0) return k.rows === 0;
    if (e.c.blocks < k.blocks || e.c.rows < k.rows) return false;
    return hashHex(e, k.blocks - 1) === k.lastHash;
  }

  private row(e: EthereumTable, r: number, src: number, dst: number, onArrival?: TaintArrival): void {
    const n = this.seed.length;
    const a = assetOf(e, r);
    let l = this.ledgers[a];
    if (src >= n || dst >= n) {
      // no payee (or payer): taint paid into it is a fee, and leaves the payer
      if (l && src < n && l.slotOf[src]! >= 0) l.debit(l.slotOf[src]!, rowValue(e, r));
      return;
    }
    const mixing = a === 0 && (this.mixer[dst] === 1 || this.mixer[src] === 1);
    if (!l) {
      if (this.seed[dst] !== 1 && this.seed[src] !== 1 && !mixing) return;
      l = this.ledger(a);
    }
    const ss = l.slotOf[src]!;
    if (!mixing && ss < 0 && l.slotOf[dst]! < 0 && this.seed[dst] !== 1 && this.seed[src] !== 1) return;
    const v = rowValue(e, r);
    if (v === 0) return;
    let t = ss >= 0 ? l.debit(ss, v) : 0;
    const hop = ss >= 0 ? l.hop[ss]! : 0;
    let via = 0;
    if (mixing) {
      const time = e.c.blockTime.data[e.blockOfTx(e.txOfRow(r))]!;
      if (this.mixer[src] === 1) {
        // a withdrawal: a mixer passes nothing on by haircut, only what the matching gives it
        const confidence = this.pools.withdraw(src, time, v);
        const x = ss >= 0 && confidence > 0 ? Math.floor(v * confidence) : 0;
        if (x > 0 && hop >= this.hops) l.blocked[ss] = l.blocked[ss]! + x;
        else if (x > 0) {
          t = x;
          via = confidence;
        }
      }
      if (this.mixer[dst] === 1) this.pools.deposit(dst, time, v, t);
    }
    if (this.seed[dst] === 1) {
      // all a source receives is flagged value
      let s = l.slotOf[dst]!;
      if (s < 0) s = this.open(e, l, a, dst, r, 0, SEED);
      l.credit(s, v, v, src, 0);
      return;
    }
    let d = l.slotOf[dst]!;
    if (d < 0) {
      if (t <= 0) return;
      d = this.open(e, l, a, dst, r, hop + 1, this.mixer[dst] === 1 ? STOP : 0);
    }
    l.credit(d, v, t, src, hop + 1, via);
    if (t > 0 && this.watch[dst] === 1) onArrival?.(r, dst, a, t, src);
  }

  private open(
    e: EthereumTable,
    l: Ledger,
    a: number,
    id: number,
    r: number,
    hop: number,
    flag: number,
  ): number {
    this.touched[id] = 1;
    const received = sumBefore(e, e.inEdges(id), r, a);
    return l.open(id, received - sumBefore(e, e.outEdges(id), r, a), received, hop, flag);
  }
}

function assetOf(e: EthereumTable, r: number): number {
  const a = e.c.rowAsset.data[r]! & ASSET_MASK;
  return a === ASSET_MASK ? e.assetOf(r) : a;
}

function rowValue(e: EthereumTable, r: number): number {
  const h = e.c.rowValueHi.data[r]!;
  return h < DECIMAL ? h * TWO32 + e.c.rowValueLo.data[r]! : e.approxValue(r);
}

/** Sum of the asset's values over the sorted rows below r. */
function sumBefore(e: EthereumTable, rows: Uint32Array, r: number, asset: number): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    if (x >= r) break;
    if (assetOf(e, x) === asset) total += rowValue(e, x);
  }
  return total;
}

/** First row of a block below the head (blocks without transfers own no rows). */
function firstRowOf(e: EthereumTable, block: number): number {
  const tx = e.c.blockTx.data[block]!;
  return tx < e.c.txs ? e.c.txRow.data[tx]! : e.c.rows;
}

function hashHex(e: EthereumTable, block: number): string {
  return Buffer.from(e.c.blockHash.data.subarray(block * 32, block * 32 + 32)).toString('hex');
}
