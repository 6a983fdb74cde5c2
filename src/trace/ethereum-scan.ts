/**
 * The account-chain scan: every row from the start block on, in chain order (backward: in reverse,
 * payer and payee swapped). Value cannot flow back in time because taint only moves along rows
 * after it arrived. A row costs a few typed-array loads unless one of its ends holds a slot.
 */
import type { EthereumTable } from '../chain/index.ts';
import type { ScanContext } from './scan-context.ts';

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;
const ASSET_MASK = 0x1fff;

export interface EthereumScan {
  table: EthereumTable;
  ctx: ScanContext;
  startBlock: number;
  /** Asset index to follow, or -1 for every asset. */
  asset: number;
  /** Per address: 1 for a swap pool. */
  swap: Uint8Array | undefined;
  links: ReadonlyMap<number, number> | undefined;
}

export function scanEthereum(s: EthereumScan): void {
  const c = s.table.c;
  const txs = c.txs;
  const first = s.startBlock < c.blocks ? c.blockTx.data[s.startBlock]! : txs;
  if (s.ctx.forward && !s.swap) {
    forwardRows(s, first < txs ? c.txRow.data[first]! : c.rows);
  } else if (s.ctx.forward) {
    for (let tx = first; tx < txs; tx++) forwardTx(s, tx);
  } else {
    for (let tx = txs - 1; tx >= first; tx--) backwardTx(s, tx);
  }
}

/**
 * The hot loop: rows in order, skipped after two loads unless an end holds a slot (or is a seed).
 * Columns are read-only while a reader holds the graph, so they are hoisted out of the loop.
 */
function forwardRows(s: EthereumScan, start: number): void {
  const ctx = s.ctx;
  const c = s.table.c;
  const from = c.rowFrom.data;
  const to = c.rowTo.data;
  const asset = c.rowAsset.data;
  const seed = ctx.seed;
  const books = ctx.books;
  const n = ctx.addresses;
  const rows = c.rows;
  const touched = ctx.touched;
  for (let r = start; r < rows; r++) {
    const src = from[r]!;
    const dst = to[r]!;
    if (touched[src] !== 1 && touched[dst] !== 1 && src < n && dst < n) continue;
    const a = asset[r]! & ASSET_MASK;
    const b = a === ASSET_MASK ? undefined : books[a];
    if (b !== undefined && src < n && dst < n && b.slotOf[src]! < 0 && b.slotOf[dst]! < 0 && seed[dst] !== 1)
      continue;
    if (b === undefined && a !== ASSET_MASK && dst < n && seed[dst] !== 1) continue;
    row(s, r, src, dst, false);
  }
  ctx.examined += rows > start ? rows - start : 0;
}

function txEnd(s: EthereumScan, tx: number): number {
  const c = s.table.c;
  return tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
}

function rowValue(s: EthereumScan, r: number): number {
  const c = s.table.c;
  const h = c.rowValueHi.data[r]!;
  return h < DECIMAL ? h * TWO32 + c.rowValueLo.data[r]! : s.table.approxValue(r);
}

function assetOf(s: EthereumScan, r: number): number {
  const a = s.table.c.rowAsset.data[r]! & ASSET_MASK;
  return a === ASSET_MASK ? s.table.assetOf(r) : a;
}

/** Payments into swap pools first (the payout's taint depends on them), then the other rows. */
function forwardTx(s: EthereumScan, tx: number): void {
  const r0 = s.table.c.txRow.data[tx]!;
  const r1 = txEnd(s, tx);
  s.ctx.examined += r1 - r0;
  const from = s.table.c.rowFrom.data;
  const to = s.table.c.rowTo.data;
  const swap = s.swap;
  let paid = 0;
  let paidTaint = 0;
  let payer = -1;
  let payerHop = 0;
  if (swap) {
    for (let r = r0; r < r1; r++) {
      if (swap[to[r]!] !== 1) continue;
      const q = row(s, r, from[r]!, to[r]!, true);
      paid += q.v;
      paidTaint += q.t;
      if (q.t > 0) {
        payer = from[r]!;
        payerHop = q.hop;
      }
    }
  }
  for (let r = r0; r < r1; r++) {
    const a = from[r]!;
    const b = to[r]!;
    if (swap && swap[b] === 1) continue;
    if (swap && swap[a] === 1 && paidTaint > 0) {
      const asset = assetOf(s, r);
      if (s.asset >= 0 && asset !== s.asset) continue;
      const v = rowValue(s, r);
      const t = b === payer ? Math.floor((v * paidTaint) / paid) : 0;
      s.ctx.book(asset);
      s.ctx.move(asset, r, v, t, payer, b, payerHop);
      continue;
    }
    row(s, r, a, b, false);
  }
}

function backwardTx(s: EthereumScan, tx: number): void {
  const r0 = s.table.c.txRow.data[tx]!;
  const r1 = txEnd(s, tx);
  s.ctx.examined += r1 - r0;
  const from = s.table.c.rowFrom.data;
  const to = s.table.c.rowTo.data;
  for (let r = r1 - 1; r >= r0; r--) row(s, r, to[r]!, from[r]!, false);
}

const out = { v: 0, t: 0, hop: 0 };

/** One row from `src` to `dst`; `into` for a payment into a swap pool (the pool takes no taint). */
function row(s: EthereumScan, r: number, src: number, dst: number, into: boolean): typeof out {
  const ctx = s.ctx;
  out.v = 0;
  out.t = 0;
  const asset = assetOf(s, r);
  if (s.asset >= 0 && asset !== s.asset) return out;
  if (src >= ctx.addresses || dst >= ctx.addresses) return burn(s, r, src, asset);
  let b = ctx.books[asset];
  if (!b) {
    if (ctx.seed[dst] !== 1 && ctx.seed[src] !== 1) return out;
    b = ctx.book(asset);
  }
  let ss = b.slotOf[src]!;
  if (ss < 0 && b.slotOf[dst]! < 0 && ctx.seed[dst] !== 1 && ctx.seed[src] !== 1) return out;
  const v = rowValue(s, r);
  if (v === 0) return out;
  if (ss < 0 && !ctx.forward && ctx.seed[src] === 1) ss = ctx.seedSlot(asset, src, r);
  let t = ss >= 0 ? ctx.take(asset, ss, v) : 0;
  const link = s.links?.get(r);
  if (link !== undefined && ss >= 0) t = link;
  const hop = ss >= 0 ? b.hop[ss]! : 0;
  out.v = v;
  out.t = t;
  out.hop = hop;
  if (into) {
    if (t > 0) ctx.log(r, asset, t);
    const d = b.slotOf[dst]!;
    if (d >= 0) b.balance[d] = b.balance[d]! + v;
    return out;
  }
  ctx.move(asset, r, v, t, src, dst, hop);
  return out;
}

/** A row without a payee (or payer) address: taint paid into it is a fee. */
function burn(s: EthereumScan, r: number, src: number, asset: number): typeof out {
  const ctx = s.ctx;
  const b = ctx.books[asset];
  const ss = b && src < ctx.addresses ? b.slotOf[src]! : -1;
  if (ss < 0) return out;
  const t = ctx.take(asset, ss, rowValue(s, r));
  ctx.fees[asset] = ctx.fees[asset]! + t;
  return out;
}

/** Balance before row r from the address's own rows in the asset (backward: what it will send, less receive). */
export function ethereumBalance(table: EthereumTable, forward: boolean) {
  const c = table.c;
  const hi = c.rowValueHi.data;
  const lo = c.rowValueLo.data;
  const assets = c.rowAsset.data;
  const sum = (rows: Uint32Array, from: number, to: number, asset: number): number => {
    let total = 0;
    for (let i = from; i < to; i++) {
      const x = rows[i]!;
      const a = assets[x]! & ASSET_MASK;
      if (a !== asset && (a !== ASSET_MASK || table.assetOf(x) !== asset)) continue;
      const h = hi[x]!;
      total += h < DECIMAL ? h * TWO32 + lo[x]! : table.approxValue(x);
    }
    return total;
  };
  return (asset: number, address: number, r: number): number => {
    const ins = table.inEdges(address);
    const outs = table.outEdges(address);
    if (forward) return sum(ins, 0, below(ins, r), asset) - sum(outs, 0, below(outs, r), asset);
    return sum(outs, below(outs, r + 1), outs.length, asset) - sum(ins, below(ins, r + 1), ins.length, asset);
  };
}

/** How many of the sorted rows are below r. */
function below(rows: Uint32Array, r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
