/**
 * The UTXO scan: transactions in append order from the start block (backward: in reverse, outputs
 * acting as inputs). A transaction is a node: the taint its inputs carry in (address-level haircut,
 * FIFO or poison, see book.ts) is spread over its outputs by the model — in proportion (haircut),
 * in order (FIFO: the tainted stretch of the input stream lands on the outputs it overlaps), or
 * wholly (poison) — and what no output takes is the tainted fee. A linked output (bridges) takes
 * its link's taint instead; the share the model would have given it goes to the other outputs' fee.
 */
import type { UtxoTable } from '../chain/index.ts';
import type { ScanContext } from './scan-context.ts';
import type { Link } from './types.ts';

export interface BitcoinScan {
  table: UtxoTable;
  ctx: ScanContext;
  startBlock: number;
  /**
   * Forward: output rows whose taint is given (a bridge's release on Bitcoin of a deposit made on
   * Ethereum). The output gets the link's taint from `via` instead of its share of the inputs'.
   */
  links?: ReadonlyMap<number, Link>;
}

// the tainted stretches of one transaction's input stream (FIFO), reused across transactions
let lotStart = new Float64Array(256);
let lotEnd = new Float64Array(256);

export function scanBitcoin(s: BitcoinScan): void {
  const c = s.table.c;
  const first = s.startBlock < c.blocks ? c.blockTx.data[s.startBlock]! : c.txs;
  s.ctx.book(0);
  if (s.ctx.forward) for (let tx = first; tx < c.txs; tx++) spread(s, tx, true);
  else for (let tx = c.txs - 1; tx >= first; tx--) spread(s, tx, false);
}

function spread(s: BitcoinScan, tx: number, forward: boolean): void {
  const c = s.table.c;
  const ctx = s.ctx;
  const b = ctx.books[0]!;
  const addr = c.rowAddr.data;
  const value = c.rowValue.data;
  const n = ctx.addresses;
  const r0 = c.txRow.data[tx]!;
  const mid = c.txOut.data[tx]!;
  const r1 = tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
  const i0 = forward ? r0 : mid;
  const i1 = forward ? mid : r1;
  const o0 = forward ? mid : r0;
  const o1 = forward ? r1 : mid;
  ctx.examined += r1 - r0;
  let taintIn = 0;
  let sumIn = 0;
  let lots = 0;
  let best = 0;
  let from = -1;
  let hop = 0x7fffffff;
  for (let r = i0; r < i1; r++) {
    const v = value[r]!;
    if (!(v > 0)) continue;
    const a = addr[r]!;
    if (a >= n || ctx.touched[a] !== 1) {
      sumIn += v;
      continue;
    }
    let ss = b.slotOf[a]!;
    if (ss < 0 && !forward && ctx.seed[a] === 1) ss = ctx.seedSlot(0, a, r);
    if (ss >= 0) {
      const t = ctx.take(0, ss, v, a);
      if (t > 0) {
        if (ctx.model === 'fifo') lots = pushLot(lots, sumIn, sumIn + t);
        taintIn += t;
        if (t > best) {
          best = t;
          from = a;
        }
        if (b.hop(ss) < hop) hop = b.hop(ss);
      }
    }
    sumIn += v;
  }
  const links = forward && s.links !== undefined && s.links.size > 0 ? s.links : undefined;
  if (taintIn === 0) {
    // nothing tainted went in: only payees already touched (balances, seeds' receipts) matter
    const touched = ctx.touched;
    // every transaction of the chain comes here: without links, the loop as it was
    if (links === undefined) {
      for (let r = o0; r < o1; r++) {
        const a = addr[r]!;
        if (a < n && touched[a] === 1 && value[r]! > 0) ctx.move(0, r, value[r]!, 0, from, a, hop);
      }
      return;
    }
    for (let r = o0; r < o1; r++) {
      const a = addr[r]!;
      const link = links.get(r);
      if (link !== undefined && a < n && value[r]! > 0) linked(ctx, r, value[r]!, a, link);
      else if (a < n && touched[a] === 1 && value[r]! > 0) ctx.move(0, r, value[r]!, 0, from, a, hop);
    }
    return;
  }
  let sumOut = 0;
  for (let r = o0; r < o1; r++) if (value[r]! > 0) sumOut += value[r]!;
  const den = Math.max(sumIn, sumOut);
  let given = 0;
  let pos = 0;
  let lot = 0;
  for (let r = o0; r < o1; r++) {
    const v = value[r]!;
    if (!(v > 0)) continue;
    let t = 0;
    if (taintIn > 0) {
      if (ctx.model === 'poison') t = v;
      else if (ctx.model === 'haircut') t = Math.floor((taintIn * v) / den);
      else {
        while (lot < lots && lotEnd[lot]! <= pos) lot++;
        for (let k = lot; k < lots && lotStart[k]! < pos + v; k++)
          t += Math.min(lotEnd[k]!, pos + v) - Math.max(lotStart[k]!, pos);
      }
      given += t;
    }
    pos += v;
    const a = addr[r]!;
    const link = links?.get(r);
    if (link !== undefined && a < n) {
      given -= t; // its model share is the fee's: the link says where this output's value came from
      linked(ctx, r, v, a, link);
    } else if (a < n) ctx.move(0, r, v, t, from, a, hop);
    else if (t > 0) ctx.fees[0] = ctx.fees[0]! + t;
  }
  if (taintIn > given && ctx.model !== 'poison') ctx.fees[0] = ctx.fees[0]! + taintIn - given;
}

/** A linked output: the link's taint from `via`, one hop after it (its hops here, or the link's). */
function linked(ctx: ScanContext, r: number, v: number, a: number, link: Link): void {
  const via = link.via ?? -1;
  const b = ctx.books[0]!;
  const slot = via >= 0 && via < ctx.addresses ? b.slotOf[via]! : -1;
  const hop = slot >= 0 ? b.hop(slot) : (link.hop ?? 0);
  ctx.move(0, r, v, link.taint, via, a, hop);
}

function pushLot(n: number, start: number, end: number): number {
  if (n === lotStart.length) {
    const a = new Float64Array(n * 2);
    a.set(lotStart);
    lotStart = a;
    const e = new Float64Array(n * 2);
    e.set(lotEnd);
    lotEnd = e;
  }
  lotStart[n] = start;
  lotEnd[n] = end;
  return n + 1;
}

/** Balance before row r from the address's own rows (backward: what it will spend, less receive). */
export function bitcoinBalance(table: UtxoTable, forward: boolean) {
  return (_asset: number, address: number, r: number): number => {
    const value = table.c.rowValue.data;
    const ins = table.inEdges(address);
    const outs = table.outEdges(address);
    let sum = 0;
    const add = (x: number, sign: number) => {
      const v = value[x]!;
      if (v > 0) sum += sign * v;
    };
    if (forward) {
      for (let i = 0; i < ins.length && ins[i]! < r; i++) add(ins[i]!, 1);
      for (let i = 0; i < outs.length && outs[i]! < r; i++) add(outs[i]!, -1);
    } else {
      for (let i = outs.length - 1; i >= 0 && outs[i]! > r; i--) add(outs[i]!, 1);
      for (let i = ins.length - 1; i >= 0 && ins[i]! > r; i--) add(ins[i]!, -1);
    }
    return sum;
  };
}
