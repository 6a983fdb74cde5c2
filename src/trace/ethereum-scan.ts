/**
 * The account-chain scan in time order (backward: in reverse, payer and payee swapped). Value cannot
 * flow back in time because taint only moves along rows after it arrived. Rows are visited by the
 * time-ordered frontier over the touched addresses' adjacency (ethereum-frontier.ts), which hands
 * over to a linear pass once the trace has spread widely; with swap pools, transactions are scanned
 * whole, pool payments first.
 */
import type { EthereumTable } from '../chain/index.ts';
import { below, EdgeCache } from './edge-cache.ts';
import { frontierScan } from './ethereum-frontier.ts';
import {
  ASSET_MASK,
  assetOf,
  type EthereumScan,
  forwardWanted,
  linkRows,
  row,
  rowValue,
  txEnd,
} from './ethereum-rows.ts';
import { RunningBalance } from './running-balance.ts';

export type { EthereumScan } from './ethereum-rows.ts';

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;

export function scanEthereum(scan: EthereumScan): void {
  const s =
    scan.links !== undefined && scan.linkRows === undefined
      ? { ...scan, linkRows: linkRows(scan.links, scan.table.c.rows) }
      : scan;
  const c = s.table.c;
  const txs = c.txs;
  const first = s.startBlock < c.blocks ? c.blockTx.data[s.startBlock]! : txs;
  const lo = first < txs ? c.txRow.data[first]! : c.rows;
  if (s.ctx.forward && s.swap) {
    for (let tx = first; tx < txs; tx++) forwardTx(s, tx);
    return;
  }
  const edges = s.edges ?? new EdgeCache(s.table, s.ctx.addresses);
  const at = frontierScan(s, edges, lo, c.rows);
  if (at < 0) return;
  if (s.ctx.forward) {
    // widely spread: most addresses will open a slot; their balances are kept in one pass instead
    edges.running = new RunningBalance(s.table, s.ctx, Math.max(s.asset, 0));
    forwardRows(s, at, c.rows);
    edges.running = undefined;
  } else backwardRows(s, at, lo);
}

/**
 * The linear pass: rows in order, skipped after two loads unless an end is touched. It runs in
 * blocks of CHUNK rows, each block a call: a trace calls this pass once, and a loop entered once
 * runs in the unoptimised tiers until on-stack replacement compiles it — tens of ms of every trace
 * (boxing each double it passes) — while a function called hundreds of times stays compiled.
 */
function forwardRows(s: EthereumScan, start: number, end: number): void {
  s.ctx.examined += end > start ? end - start : 0;
  // linked rows go through `row` one by one (their ends may be untouched); the chunks run between them
  const linked = s.linkRows;
  let at = start;
  if (linked !== undefined) {
    const from = s.table.c.rowFrom.data;
    const to = s.table.c.rowTo.data;
    for (let i = below(linked, start); i < linked.length && linked[i]! < end; i++) {
      const r = linked[i]!;
      chunks(s, at, r);
      row(s, r, from[r]!, to[r]!, false);
      at = r + 1;
    }
  }
  chunks(s, at, end);
}

function chunks(s: EthereumScan, start: number, end: number): void {
  for (let r = start; r < end; r += CHUNK) forwardChunk(s, r, Math.min(r + CHUNK, end));
}

const CHUNK = 4096;

/**
 * Rows start..end-1 of the linear pass. Columns are read-only while a reader holds the graph, so
 * they are hoisted out of the loop.
 */
function forwardChunk(s: EthereumScan, start: number, end: number): void {
  const ctx = s.ctx;
  const c = s.table.c;
  const from = c.rowFrom.data;
  const to = c.rowTo.data;
  const hi = c.rowValueHi.data;
  const lo = c.rowValueLo.data;
  const assets = c.rowAsset.data;
  const n = ctx.addresses;
  const touched = ctx.touched;
  const seed = ctx.seed;
  const parked = ctx.parked;
  const books = ctx.books;
  const only = s.asset;
  const minValue = ctx.minValue;
  for (let r = start; r < end; r++) {
    const src = from[r]!;
    const dst = to[r]!;
    if (src < n && dst < n) {
      if (touched[src] !== 1 && touched[dst] !== 1) continue;
      // The common row of a widely spread trace, as `row` and `ScanContext.move` take it, inline:
      // an asset with a ledger, a whole-unit value, no seed or parked end (linked rows never come
      // here: forwardRows hands them to `row` between the chunks). Calls and
      // re-checks were half the pass; anything else goes the general way below.
      const a = assets[r]! & ASSET_MASK;
      const b = books[a];
      const h = hi[r]!;
      if (
        b !== undefined &&
        a !== ASSET_MASK &&
        h < DECIMAL &&
        (only < 0 || a === only) &&
        seed[src] !== 1 &&
        seed[dst] !== 1 &&
        parked[src] !== 1 &&
        parked[dst] !== 1
      ) {
        const ss = b.slotOf[src]!;
        const d = b.slotOf[dst]!;
        if (ss < 0 && d < 0) continue;
        const v = h * TWO32 + lo[r]!;
        if (v === 0) continue;
        let t = ss >= 0 ? b.debit(ss, v) : 0;
        const hop = ss >= 0 ? b.hop(ss) : 0;
        if (t > 0 && t < minValue) {
          ctx.below[a] = ctx.below[a]! + t;
          t = 0;
        }
        if (d < 0) {
          if (t > 0) ctx.move(a, r, v, t, src, dst, hop); // opens the payee's slot
          continue;
        }
        b.credit(d, v, t, src, hop + 1);
        if (t > 0) ctx.log(r, a, t);
        continue;
      }
    }
    if (forwardWanted(s, r, src, dst)) row(s, r, src, dst, false);
  }
}

/** The linear pass backward: rows from `start` down to `lo`, payee as the source. */
function backwardRows(s: EthereumScan, start: number, lo: number): void {
  const ctx = s.ctx;
  const c = s.table.c;
  const from = c.rowFrom.data;
  const to = c.rowTo.data;
  const n = ctx.addresses;
  const touched = ctx.touched;
  for (let r = start; r >= lo; r--) {
    const src = to[r]!;
    const dst = from[r]!;
    if (touched[src] !== 1 && touched[dst] !== 1 && src < n && dst < n) continue;
    row(s, r, src, dst, false);
  }
  ctx.examined += start >= lo ? start - lo + 1 : 0;
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

/**
 * Balance before row r from the address's own rows in the asset (backward: what it will send, less
 * receive). The rows come from `edges`, the frontier's cache, so a slot opened late costs no gather.
 */
export function ethereumBalance(table: EthereumTable, forward: boolean, edges: EdgeCache) {
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
    const run = edges.running;
    if (forward && run !== undefined && asset === run.asset && r >= run.upTo) return run.at(address, r);
    const ins = edges.inOf(address);
    const outs = edges.outOf(address);
    if (forward) return sum(ins, 0, below(ins, r), asset) - sum(outs, 0, below(outs, r), asset);
    return sum(outs, below(outs, r + 1), outs.length, asset) - sum(ins, below(ins, r + 1), ins.length, asset);
  };
}
