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

export class UtxoTaint extends IncrementalTaint {
  override readonly chain = 'bitcoin' as const;

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

  /** One transaction: its inputs' taint over its outputs (bitcoin-scan.ts `spread`, haircut, forward). */
  private spread(t: UtxoTable, l: Ledger, tx: number, onArrival?: TaintArrival): void {
    const c = t.c;
    const addr = c.rowAddr.data;
    const value = c.rowValue.data;
    const touched = this.touched;
    const n = this.seed.length;
    const r0 = c.txRow.data[tx]!;
    const mid = c.txOut.data[tx]!;
    const r1 = tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
    let taintIn = 0;
    let sumIn = 0;
    let best = 0;
    let from = -1;
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
      if (x > best) {
        best = x;
        from = a;
      }
      if (l.hop[ss]! < hop) hop = l.hop[ss]!;
    }
    if (taintIn === 0) {
      // nothing tainted went in: only payees already touched (balances, sources' receipts) change
      for (let r = mid; r < r1; r++) {
        const a = addr[r]!;
        if (a < n && touched[a] === 1 && value[r]! > 0) this.pay(t, l, r, value[r]!, 0, from, a, hop);
      }
      return;
    }
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
      this.pay(t, l, r, v, x, from, a, hop);
      // as on account chains, a source's receipts are not arrivals: all it holds is flagged already
      if (x > 0 && this.watch[a] === 1 && this.seed[a] !== 1) onArrival?.(r, a, 0, x, from);
    }
  }

  /** Output row r pays v carrying taint x to `to` (scan-context.ts `move`, forward, no stops). */
  private pay(
    t: UtxoTable,
    l: Ledger,
    r: number,
    v: number,
    x: number,
    from: number,
    to: number,
    hop: number,
  ) {
    if (this.seed[to] === 1) {
      // all a source receives is flagged value
      let s = l.slotOf[to]!;
      if (s < 0) s = this.openAt(t, l, to, r, 0, SEED);
      l.credit(s, v, v, from, 0);
      return;
    }
    let d = l.slotOf[to]!;
    if (d < 0) {
      if (x <= 0) return;
      d = this.openAt(t, l, to, r, hop + 1, 0);
    }
    l.credit(d, v, x, from, hop + 1);
  }

  /** A slot for `id` with what it received and held before row r (bitcoin-scan.ts `bitcoinBalance`). */
  private openAt(t: UtxoTable, l: Ledger, id: number, r: number, hop: number, flag: number): number {
    this.touched[id] = 1;
    const received = sumBefore(t, t.inEdges(id), r);
    return l.open(id, received - sumBefore(t, t.outEdges(id), r), received, hop, flag);
  }
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
