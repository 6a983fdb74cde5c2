/**
 * One account-chain row through the ledgers: what every Ethereum scan order (the frontier, the
 * linear scans, the swap-aware transaction scan) does with a row it cannot skip. Kept apart from
 * the orders so they provably share it.
 */
import type { EthereumTable } from '../chain/index.ts';
import type { EdgeCache } from './edge-cache.ts';
import type { ScanContext } from './scan-context.ts';
import type { Link } from './types.ts';

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;
export const ASSET_MASK = 0x1fff;

export interface EthereumScan {
  table: EthereumTable;
  ctx: ScanContext;
  startBlock: number;
  /** Asset index to follow, or -1 for every asset. */
  asset: number;
  /** Per address: 1 for a swap pool. */
  swap: Uint8Array | undefined;
  /** Forward only: rows whose carried taint is given (mixer and bridge links); every scan order visits them. */
  links: ReadonlyMap<number, Link> | undefined;
  /** The links' rows, ascending (made by `linkRows`). */
  linkRows?: Uint32Array;
  /** Rows of touched addresses, shared with the late-balance lookup. */
  edges?: EdgeCache;
  /** The frontier hands over to a linear pass when it visits more than one row in this many; 0 never. */
  switchFactor?: number;
  /** Rows visited between two checks of that density (default 4,096). */
  switchWindow?: number;
}

export function txEnd(s: EthereumScan, tx: number): number {
  const c = s.table.c;
  return tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows;
}

export function rowValue(s: EthereumScan, r: number): number {
  const c = s.table.c;
  const h = c.rowValueHi.data[r]!;
  return h < DECIMAL ? h * TWO32 + c.rowValueLo.data[r]! : s.table.approxValue(r);
}

export function assetOf(s: EthereumScan, r: number): number {
  const a = s.table.c.rowAsset.data[r]! & ASSET_MASK;
  return a === ASSET_MASK ? s.table.assetOf(r) : a;
}

/**
 * Forward, a row with a touched end is still skipped when no ledger of its asset holds either end
 * and the payee is no seed: `row` would change nothing (or, for a seed paying in an asset nothing
 * was traced in yet, open an empty ledger the result would then list).
 */
export function forwardWanted(s: EthereumScan, r: number, src: number, dst: number): boolean {
  if (s.links?.has(r)) return true;
  const ctx = s.ctx;
  const n = ctx.addresses;
  if (src >= n || dst >= n) return true;
  const a = s.table.c.rowAsset.data[r]! & ASSET_MASK;
  if (a === ASSET_MASK) return true;
  const b = ctx.books[a];
  if (b === undefined) return ctx.seed[dst] === 1;
  return b.slotOf[src]! >= 0 || b.slotOf[dst]! >= 0 || ctx.seed[dst] === 1;
}

const out = { v: 0, t: 0, hop: 0 };

/** One row from `src` to `dst`; `into` for a payment into a swap pool (the pool takes no taint). */
export function row(s: EthereumScan, r: number, src: number, dst: number, into: boolean): typeof out {
  const ctx = s.ctx;
  out.v = 0;
  out.t = 0;
  const asset = assetOf(s, r);
  if (s.asset >= 0 && asset !== s.asset) return out;
  if (src >= ctx.addresses || dst >= ctx.addresses) return burn(s, r, src, asset);
  if (ctx.forward && s.links !== undefined) {
    const link = s.links.get(r);
    if (link !== undefined) return linked(s, r, asset, src, dst, link);
  }
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
  const t = ss >= 0 ? ctx.take(asset, ss, v, src) : 0;
  const hop = ss >= 0 ? b.hop(ss) : 0;
  out.v = v;
  out.t = t;
  out.hop = hop;
  if (into) {
    if (t > 0) ctx.log(r, asset, t);
    const d = b.slotOf[dst]!;
    if (d >= 0) b.addBalance(d, v);
    return out;
  }
  ctx.move(asset, r, v, t, src, dst, hop);
  return out;
}

/**
 * A linked row: its payee gets the link's taint, whatever the payer holds. The payer (a mixer or a
 * bridge: a stop) still pays the row from its balance; the taint comes from `via` (the mixer, or the
 * bridge address the matched deposit went into — perhaps in another asset's ledger), so the payee's
 * path runs through it, one hop after it.
 */
function linked(s: EthereumScan, r: number, asset: number, src: number, dst: number, link: Link): typeof out {
  const ctx = s.ctx;
  const b = ctx.book(asset);
  const v = rowValue(s, r);
  const ss = b.slotOf[src]!;
  if (ss >= 0) ctx.take(asset, ss, v, src);
  const via = link.via ?? src;
  let hop = link.hop ?? 0;
  for (const book of ctx.books) {
    const x = book === undefined || via >= ctx.addresses ? -1 : book.slotOf[via]!;
    if (x >= 0) {
      hop = book!.hop(x);
      break;
    }
  }
  out.v = v;
  out.t = link.taint;
  out.hop = hop;
  ctx.move(asset, r, v, link.taint, via, dst, hop);
  return out;
}

/** The rows of `links` the table holds, ascending: the scans visit them even when neither end is touched. */
export function linkRows(
  links: ReadonlyMap<number, Link> | undefined,
  rows: number,
): Uint32Array | undefined {
  if (links === undefined || links.size === 0) return undefined;
  return Uint32Array.from([...links.keys()].filter((r) => Number.isInteger(r) && r >= 0 && r < rows)).sort();
}

/** A row without a payee (or payer) address: taint paid into it is a fee. */
function burn(s: EthereumScan, r: number, src: number, asset: number): typeof out {
  const ctx = s.ctx;
  const b = ctx.books[asset];
  const ss = b && src < ctx.addresses ? b.slotOf[src]! : -1;
  if (ss < 0) return out;
  const t = ctx.take(asset, ss, rowValue(s, r), src);
  ctx.fees[asset] = ctx.fees[asset]! + t;
  return out;
}
