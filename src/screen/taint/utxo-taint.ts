/**
 * Haircut taint on a UTXO chain (Bitcoin), kept current as blocks arrive. A transaction is a node
 * (docs/graph-store.md): its inputs give up taint from their addresses' ledgers (address-level
 * haircut, as for accounts), the sum is spread over its outputs in proportion to value against
 * max(inputs, outputs), and what no output takes is the fee, which leaves the traced value. This
 * is the trace engine's forward haircut (src/trace/bitcoin-scan.ts) step for step, in append
 * (time) order, so the state after any split of the chain into increments equals one scan from the
 * first transaction, and equals `trace()` of the same seeds and hops.
 *
 * `advance` reads only the transactions appended since its cursor: a block costs the rows it
 * creates (one load per row to see whether an end is touched) plus, for an output reached for the
 * first time, the address's earlier rows (its balance before). A pending input resolved later
 * (a patch) changes a transaction already spread: a patch below the cursor refuses the advance, and
 * the registry rescans, as it does after a reorganisation.
 */
import type { Graph, UtxoTable } from '../../chain/index.ts';
import {
  IncrementalTaint,
  type TaintArrival,
  type TaintLag,
  type TaintOptions,
} from './incremental-taint.ts';
import { type Ledger, SEED } from './ledger.ts';

const UNKNOWN = 0xffffffff;
const FAR = 0x7fffffff;

/** Input addresses a transaction's payers are chosen from: the three largest, and one an output may be. */
const PAYERS = 4;

export class UtxoTaint extends IncrementalTaint {
  override readonly chain = 'bitcoin' as const;
  /** Per slot, the taint its address gave the transaction being spread (0 outside `spread`). */
  private gave = new Float64Array(16);
  /** The slots that gave taint to the transaction being spread, in input order. */
  private givers = new Int32Array(16);
  /** Its PAYERS largest givers (slots), largest first; -1 past the last. */
  private top = new Int32Array(PAYERS);

  override fresh(): UtxoTaint {
    return new UtxoTaint(this.sources, this.hops);
  }

  override lag(g: Graph): TaintLag | undefined {
    const c = g.bitcoin.c;
    if ((this.cursor.txs ?? 0) >= c.txs) return undefined;
    const height = (blocks: number) => {
      const h = blocks > 0 ? c.blockHeight.data[blocks - 1]! : UNKNOWN;
      return h === UNKNOWN ? null : h;
    };
    return { through: height(this.cursor.blocks), head: height(c.blocks) };
  }

  /**
   * Spreads the transactions appended since the cursor, up to block `toBlock` (exclusive; default
   * the head: a caller catching up a long chain can go in slices); false when the chain below the
   * cursor changed. Nothing here reads a row after the one it spreads, so stopping at a block is
   * the state of a chain that ends there.
   */
  override advance(g: Graph, onArrival?: TaintArrival, toBlock = g.bitcoin.c.blocks): boolean {
    const t = g.bitcoin;
    const c = t.c;
    if (!this.holds(t)) return false;
    this.reserve(g);
    const l = this.ledger(0);
    const blocks = Math.max(this.cursor.blocks, Math.min(toBlock, c.blocks));
    const end = blocks < c.blocks ? c.blockTx.data[blocks]! : c.txs;
    for (let tx = this.cursor.txs ?? 0; tx < end; tx++) this.spread(t, l, tx, onArrival);
    this.cursor = {
      rows: end < c.txs ? c.txRow.data[end]! : c.rows,
      blocks,
      lastHash: blocks > 0 ? hashHex(t, blocks - 1) : '',
      txs: end,
      patches: c.patchRow.length,
    };
    return true;
  }

  /** The last block read is still there, and no input below the cursor was resolved since. */
  private holds(t: UtxoTable): boolean {
    const k = this.cursor;
    const c = t.c;
    if (k.blocks === 0) return k.rows === 0 && (k.txs ?? 0) === 0;
    if (c.blocks < k.blocks || c.txs < (k.txs ?? 0) || c.rows < k.rows) return false;
    if (hashHex(t, k.blocks - 1) !== k.lastHash) return false;
    const rows = c.patchRow.data;
    for (let p = k.patches ?? 0; p < c.patchRow.length; p++) if (rows[p]! < k.rows) return false;
    return true;
  }

  /**
   * One transaction: its inputs' taint over its outputs (bitcoin-scan.ts `spread`, haircut, forward).
   * An output's payers are the input addresses other than its own, each credited with its share of
   * what the output carries (the address-level haircut says what each address gave): change paid
   * back to an input address is no payment from it, and when that address alone gave taint, the
   * change carries its own taint forward and its payers stay as they were.
   */
  private spread(t: UtxoTable, l: Ledger, tx: number, onArrival?: TaintArrival): void {
    const c = t.c;
    const addr = c.rowAddr.data;
    const value = c.rowValue.data;
    const touched = this.touched;
    const n = this.seed.length;
    const r0 = c.txRow.data[tx]!;
    const mid = c.txOut.data[tx]!;
    const r1 = tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
    if (this.gave.length < l.n) this.gave = grown(this.gave, l.n);
    const gave = this.gave;
    let givers = 0;
    let taintIn = 0;
    let sumIn = 0;
    let hop = FAR;
    for (let r = r0; r < mid; r++) {
      const v = value[r]!;
      if (!(v > 0)) continue; // unresolved (NaN) or empty
      sumIn += v;
      const a = addr[r]!;
      if (a >= n || touched[a] !== 1) continue;
      const ss = l.slotOf[a]!;
      if (ss < 0) continue;
      const x = l.debit(ss, v);
      if (x <= 0) continue;
      taintIn += x;
      if (gave[ss] === 0) {
        if (givers === this.givers.length) this.givers = grown(this.givers, givers * 2);
        this.givers[givers++] = ss;
      }
      gave[ss] = gave[ss]! + x;
      if (l.hop[ss]! < hop) hop = l.hop[ss]!;
    }
    if (taintIn === 0) {
      // nothing tainted went in: only payees already touched (balances, sources' receipts) change
      for (let r = mid; r < r1; r++) {
        const a = addr[r]!;
        if (a < n && touched[a] === 1 && value[r]! > 0) this.pay(t, l, r, value[r]!, 0, a, hop);
      }
      return;
    }
    this.rankGivers(givers);
    let sumOut = 0;
    for (let r = mid; r < r1; r++) if (value[r]! > 0) sumOut += value[r]!;
    const den = Math.max(sumIn, sumOut);
    for (let r = mid; r < r1; r++) {
      const v = value[r]!;
      if (!(v > 0)) continue;
      const a = addr[r]!;
      // an output paying no address (OP_RETURN, non-standard) takes its share out of the trace, as fees do
      if (a >= n) continue;
      const x = Math.floor((taintIn * v) / den);
      const s = this.pay(t, l, r, v, x, a, hop);
      // as on account chains, a source's receipts are not arrivals: all it holds is flagged already
      if (x > 0 && this.watch[a] === 1 && this.seed[a] !== 1) {
        // named by the input address that gave the most, itself when it alone gave any
        const top = this.top[0]!;
        const other = l.addr[top] === a ? this.top[1]! : top;
        onArrival?.(r, a, 0, x, other >= 0 ? l.addr[other]! : a);
      }
      if (s >= 0 && (l.flag[s]! & SEED) === 0) this.credit(l, s, x, taintIn);
    }
    for (let i = 0; i < givers; i++) gave[this.givers[i]!] = 0;
  }

  /** `top`: the PAYERS slots that gave the most to this transaction, largest first (ties: input order). */
  private rankGivers(givers: number): void {
    const top = this.top;
    const gave = this.gave;
    for (let k = 0; k < PAYERS; k++) top[k] = -1;
    for (let i = 0; i < givers; i++) {
      const s = this.givers[i]!;
      const x = gave[s]!;
      // insertion into the short list: shift the smaller ones down one place
      let k = PAYERS;
      while (k > 0 && (top[k - 1]! < 0 || gave[top[k - 1]!]! < x)) k--;
      if (k === PAYERS) continue;
      for (let j = PAYERS - 1; j > k; j--) top[j] = top[j - 1]!;
      top[k] = s;
    }
  }

  /** Slot d's output carried x of the transaction's taintIn: each of the three largest other givers paid its share. */
  private credit(l: Ledger, d: number, x: number, taintIn: number): void {
    if (!(x > 0)) return;
    const self = l.addr[d]!;
    let ranked = 0;
    for (let k = 0; k < PAYERS && ranked < 3; k++) {
      const s = this.top[k]!;
      if (s < 0) break;
      const a = l.addr[s]!;
      if (a === self) continue;
      l.payer(d, (x * this.gave[s]!) / taintIn, a);
      ranked++;
    }
  }

  /**
   * Output row r pays v carrying taint x to `to` (scan-context.ts `move`, forward, no stops); the
   * slot credited (payers are ranked by the caller), -1 when none.
   */
  private pay(t: UtxoTable, l: Ledger, r: number, v: number, x: number, to: number, hop: number): number {
    if (this.seed[to] === 1) {
      // all a source receives is flagged value (its payers name no route: routes end at a source)
      let s = l.slotOf[to]!;
      if (s < 0) s = this.openAt(t, l, to, r, 0, SEED);
      l.credit(s, v, v, -1, 0);
      return s;
    }
    let d = l.slotOf[to]!;
    if (d < 0) {
      if (x <= 0) return -1;
      d = this.openAt(t, l, to, r, hop + 1, 0);
    }
    l.credit(d, v, x, -1, hop + 1);
    return d;
  }

  /** A slot for `id` with what it received and held before row r (bitcoin-scan.ts `bitcoinBalance`). */
  private openAt(t: UtxoTable, l: Ledger, id: number, r: number, hop: number, flag: number): number {
    this.touched[id] = 1;
    const received = sumBefore(t, t.inEdges(id), r);
    return l.open(id, received - sumBefore(t, t.outEdges(id), r), received, hop, flag);
  }
}

function grown<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** Sum of the positive values of the sorted rows below r. */
function sumBefore(t: UtxoTable, rows: Uint32Array, r: number): number {
  const value = t.c.rowValue.data;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    if (x >= r) break;
    const v = value[x]!;
    if (v > 0) total += v;
  }
  return total;
}

function hashHex(t: UtxoTable, block: number): string {
  return Buffer.from(t.c.blockHash.data.subarray(block * 32, block * 32 + 32)).toString('hex');
}

/** A state of either chain's kind (mixer matching is an account-chain step: see README.md). */
export function newTaint(
  chain: 'ethereum' | 'bitcoin',
  sources: readonly string[],
  hops: number,
  options: TaintOptions = {},
): IncrementalTaint {
  return chain === 'bitcoin' ? new UtxoTaint(sources, hops) : new IncrementalTaint(sources, hops, options);
}
