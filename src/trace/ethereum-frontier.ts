/**
 * The account-chain scan as a time-ordered frontier: instead of every row from the start block, only
 * the rows of addresses the trace touched (seeds, and each address from the row that opened its
 * slot), merged in row order from their adjacency lists by a heap (row-heap.ts). A row with no
 * touched end changes nothing (ethereum-rows.ts), so visiting the rows with a touched end, in the
 * same order, gives the linear scan's ledgers bit for bit — time order included: an address's rows
 * are only walked from the row that touched it on. Two kinds of touched address are not walked:
 * stops (their own balance is never read) and parked addresses (dry: ethereum-dormancy.ts).
 *
 * When the lists still to walk outgrow what is left of the chain (a trace that spread widely), the
 * heap costs more than a plain pass, so the scan finishes linearly from the current row.
 */
import { below, type EdgeCache } from './edge-cache.ts';
import { replay } from './ethereum-dormancy.ts';
import { type EthereumScan, forwardWanted, row } from './ethereum-rows.ts';
import { RowHeap } from './row-heap.ts';

/**
 * Finish linearly when, over the last WINDOW rows visited, the frontier visited more than one row
 * in SWITCH of the chain: a frontier row costs a heap sift and scattered loads, a linear row two
 * sequential loads and two byte lookups. Measured, not predicted: a busy address that joins the
 * frontier may soon be parked.
 */
const SWITCH = 8;
const WINDOW = 4096;

class Cursors {
  rows: Uint32Array[] = [];
  pos = new Int32Array(64);
  end = new Int32Array(64);
  owner = new Int32Array(64);
  gen = new Int32Array(64);
  n = 0;

  add(list: Uint32Array, pos: number, end: number, owner: number, gen: number): number {
    if (this.n === this.pos.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pos = grow(this.pos);
      this.end = grow(this.end);
      this.owner = grow(this.owner);
      this.gen = grow(this.gen);
    }
    const c = this.n++;
    this.rows.push(list);
    this.pos[c] = pos;
    this.end[c] = end;
    this.owner[c] = owner;
    this.gen[c] = gen;
    return c;
  }
}

/**
 * Rows lo..hi-1 (forward ascending, backward descending) through `row`; returns the row to go on
 * from linearly, or -1 when the frontier finished the range.
 */
export function frontierScan(s: EthereumScan, edges: EdgeCache, lo: number, hi: number): number {
  const ctx = s.ctx;
  const forward = ctx.forward;
  const n = ctx.addresses;
  const from = s.table.c.rowFrom.data;
  const to = s.table.c.rowTo.data;
  const touched = ctx.touched;
  const parked = ctx.parked;
  const queued = new Uint8Array(n);
  const gen = new Int32Array(n);
  const syncRow = new Int32Array(n);
  const heap = new RowHeap();
  const cur = new Cursors();
  const factor = s.switchFactor ?? SWITCH;
  const window = s.switchWindow ?? WINDOW;
  // a mixer link carries taint out of a stop or a dry address: with links all are walked
  const parking = s.links === undefined || s.links.size === 0;
  let walking = true;
  const open = (list: Uint32Array, address: number, after: number): void => {
    const p = forward ? below(list, after + 1) : below(list, after) - 1;
    const end = forward ? list.length : below(list, lo);
    const count = forward ? end - p : p - end + 1;
    if (count <= 0) return;
    heap.push(forward ? list[p]! : ~list[p]!, cur.add(list, p, end, address, gen[address]!));
  };
  const enqueue = (address: number, after: number): void => {
    queued[address] = 1;
    open(edges.outOf(address), address, after);
    open(edges.inOf(address), address, after);
  };
  ctx.wake = (address: number, r: number): void => {
    replay(s, edges, address, syncRow[address]!, r);
    parked[address] = 0;
    gen[address]!++;
    if (walking) enqueue(address, r);
  };
  for (const id of ctx.seedIds) if (queued[id] === 0) enqueue(id, forward ? lo - 1 : hi);
  // Linked rows (forward) are visited even when neither end is touched yet (a bridge's release
  // address the trace never reached): one more cursor over them. Its owner is never parked, as
  // nothing parks while links are given, so any address serves.
  if (forward && s.linkRows !== undefined) open(s.linkRows, 0, lo - 1);
  let last = -1;
  let examined = 0;
  let windowStart = forward ? lo : hi - 1;
  let windowCount = 0;
  while (heap.size > 0) {
    const c = heap.cur[0]!;
    const owner = cur.owner[c]!;
    const list = cur.rows[c]!;
    const p0 = cur.pos[c]!;
    if (parked[owner] === 1 || cur.gen[c] !== gen[owner]) {
      // its owner is parked (or was, and walks anew from where it woke): drop the cursor
      heap.popTop();
      continue;
    }
    const r = list[p0]!;
    const p = p0 + (forward ? 1 : -1);
    cur.pos[c] = p;
    if (forward ? p < cur.end[c]! : p >= cur.end[c]!) heap.replaceTop(forward ? list[p]! : ~list[p]!);
    else heap.popTop();
    if (r === last) continue; // the row is in both its ends' lists
    last = r;
    examined++;
    const src = forward ? from[r]! : to[r]!;
    const dst = forward ? to[r]! : from[r]!;
    if (!forward || forwardWanted(s, r, src, dst)) row(s, r, src, dst, false);
    if (parking && src < n && queued[src] === 1 && parked[src] === 0 && ctx.seed[src] !== 1 && ctx.dry(src)) {
      parked[src] = 1;
      syncRow[src] = r;
    }
    // A stop's own rows change only its balance, which nothing reads: its rows with a touched
    // counterpart are in that address's lists, so a stop (an exchange, a builder) is never walked.
    if (dst < n && touched[dst] === 1 && queued[dst] === 0 && !(parking && ctx.stopped(dst))) enqueue(dst, r);
    if (factor > 0 && ++windowCount >= window) {
      if (windowCount * factor > (forward ? r - windowStart : windowStart - r)) {
        walking = false;
        edges.caching = false;
        ctx.examined += examined;
        return forward ? r + 1 : r - 1;
      }
      windowCount = 0;
      windowStart = r;
    }
  }
  walking = false;
  ctx.examined += examined;
  return -1;
}
