/**
 * Test oracle: the account-chain scan as it was before the frontier — every row from the start block
 * in chain order (backward: every transaction in reverse), no adjacency. The property tests check
 * that the frontier scan gives exactly its ledgers. Not used by the product.
 */
import { ASSET_MASK, assetOf, type EthereumScan, row, rowValue, txEnd } from './ethereum-rows.ts';

export function linearScanEthereum(s: EthereumScan): void {
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
  const links = s.links;
  for (let r = start; r < rows; r++) {
    const src = from[r]!;
    const dst = to[r]!;
    if (links?.has(r)) {
      row(s, r, src, dst, false);
      continue;
    }
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
