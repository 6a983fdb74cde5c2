/**
 * Parked addresses. An address whose every ledger holds no taint can pass none on: its rows change
 * only its own balance (and FIFO positions) until taint reaches it again. A busy address — a
 * contract paying thousands — is parked as soon as it runs dry, so the frontier stops walking it;
 * when taint arrives again (`ScanContext.move`), its rows since it was parked are replayed in order,
 * exactly as `debit` and `credit` would have applied them with no taint, clamp included.
 */
import { below, type EdgeCache } from './edge-cache.ts';
import { assetOf, type EthereumScan, rowValue } from './ethereum-rows.ts';

/**
 * Applies `address`'s rows strictly between `from` and `to` (scan order: backward, from > to) to
 * its ledgers. Forward it pays on its out-rows (any payee) and is paid on its in-rows from an
 * address; backward the roles swap.
 */
export function replay(s: EthereumScan, edges: EdgeCache, address: number, from: number, to: number): void {
  const ctx = s.ctx;
  const forward = ctx.forward;
  const n = ctx.addresses;
  const c = s.table.c;
  // pays: rows where the address is the scan's source; paid: where it is the payee
  const pays = forward ? edges.outOf(address) : edges.inOf(address);
  const paid = forward ? edges.inOf(address) : edges.outOf(address);
  const other = forward ? c.rowFrom.data : c.rowTo.data;
  if (forward) {
    let i = below(pays, from + 1);
    let j = below(paid, from + 1);
    const iEnd = below(pays, to);
    const jEnd = below(paid, to);
    while (i < iEnd || j < jEnd) {
      // a row paying itself is a debit, then a credit
      if (j >= jEnd || (i < iEnd && pays[i]! <= paid[j]!)) apply(s, pays[i++]!, address, true);
      else {
        const r = paid[j++]!;
        if (other[r]! < n) apply(s, r, address, false);
      }
    }
    return;
  }
  let i = below(pays, from) - 1;
  let j = below(paid, from) - 1;
  const iEnd = below(pays, to + 1);
  const jEnd = below(paid, to + 1);
  while (i >= iEnd || j >= jEnd) {
    if (j < jEnd || (i >= iEnd && pays[i]! >= paid[j]!)) apply(s, pays[i--]!, address, true);
    else {
      const r = paid[j--]!;
      if (other[r]! < n) apply(s, r, address, false);
    }
  }
}

function apply(s: EthereumScan, r: number, address: number, debit: boolean): void {
  const asset = assetOf(s, r);
  if (s.asset >= 0 && asset !== s.asset) return;
  const b = s.ctx.books[asset];
  if (!b) return;
  const slot = b.slotOf[address]!;
  if (slot < 0) return;
  const v = rowValue(s, r);
  if (v === 0) return;
  if (debit) b.replayDebit(slot, v);
  else b.replayCredit(slot, v);
}
