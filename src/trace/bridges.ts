/**
 * Through bridges: a tainted deposit into one of a bridge's addresses is matched to releases from
 * the same bridge on its other side — another asset on Ethereum (ether in, a wrapped token out, as a
 * bridge contract or a wrapped asset does), or Ethereum when the deposit was on Bitcoin (the graph
 * store holds both chains, one address dictionary; and Bitcoin when the deposit was on Ethereum) —
 * of the same amount less a fee tolerance, after
 * the deposit and within a time window. Each candidate release gets confidence 1 / candidates and
 * carries its value × the deposit's tainted share × the confidence.
 *
 * Amounts of different assets are compared in whole units: base units ÷ 10^decimals (ether 18,
 * bitcoin 8, a token what its contract said at ingest). A token whose decimals the ingest could not
 * read is never matched: its amounts cannot be compared. Doubles suffice for a comparison within a
 * fee tolerance; the carried taint is computed in the release's own base units.
 *
 * A release is a row paid by an address the reader sees labelled `bridge` with the deposit's bridge
 * name, or a mint (paid by the zero address) of a token whose contract carries that label; on
 * Bitcoin (for a deposit made on Ethereum), an output of a transaction spending from such an address
 * to one that is not the bridge's (not its change).
 */
import type { Graph } from '../chain/index.ts';
import { NO_ADDRESS } from '../chain/index.ts';
import type { Chain, TraceLabel, TraceResult } from './types.ts';

export interface BridgeEvent {
  /** Chain and asset ('ethereum:ETH', 'bitcoin:BTC', 'ethereum:0x…'): a release is on another side. */
  side: string;
  ref: string;
  time: number;
  /** Whole units (base units ÷ 10^decimals), comparable across sides. */
  value: number;
  /** Base units of its asset (by default `value`): what the carried taint is computed in. */
  amount?: number;
  /** Deposits: the tainted part of `amount`. */
  taint: number;
  /** On the same chain a release must come after the deposit in row order, not just in time. */
  chain?: Chain;
  row?: number;
  /** Releases: the bridge address (graph id) that paid it (a mint: the zero address). */
  from?: number;
}

/** Rounding of whole units across scales (1e8 · 1e-8 against 1e18 · 1e-18): equal within it. */
const SAME = 1e-12;

export interface BridgeLink {
  deposit: BridgeEvent;
  release: BridgeEvent;
  confidence: number;
  /** Carried taint in the release's base units. */
  taint: number;
  /** Releases that could match the deposit. */
  candidates: number;
}

/** Deposits on one side to releases on the other: same amount within `feeShare`, after it within the window. */
export function matchBridge(
  deposits: readonly BridgeEvent[],
  releases: readonly BridgeEvent[],
  windowSeconds: number,
  feeShare = 0.01,
): BridgeLink[] {
  const links: BridgeLink[] = [];
  for (const d of deposits) {
    if (d.taint <= 0) continue;
    const candidates = releases.filter(
      (r) =>
        r.side !== d.side &&
        r.time >= d.time &&
        r.time - d.time <= windowSeconds &&
        !(r.chain !== undefined && r.chain === d.chain && (r.row ?? 0) <= (d.row ?? 0)) &&
        r.value <= d.value * (1 + SAME) &&
        r.value >= d.value * (1 - feeShare),
    );
    const share = d.taint / (d.amount ?? d.value);
    for (const r of candidates) {
      const confidence = 1 / candidates.length;
      const taint = Math.floor((r.amount ?? r.value) * share * confidence);
      links.push({ deposit: d, release: r, confidence, taint, candidates: candidates.length });
    }
  }
  return links;
}

/**
 * 10^-decimals of each Ethereum asset index (NaN: decimals unknown), from the token columns as ids
 * and integers (no string per token: mainnet holds millions). An ERC-20's decimals is a uint8; the
 * store writes 2^32 − 1 for a token whose decimals could not be read.
 */
export function assetScales(g: Graph): Float64Array {
  const c = g.ethereum.c;
  const count = c.assetAddr.length + 1;
  const scales = new Float64Array(count).fill(Number.NaN);
  scales[0] = 1e-18;
  const decimals = new Map<number, number>();
  for (let i = 0; i < c.tokenAddr.length; i++) {
    const d = c.tokenDecimals.data[i]!;
    if (d <= 255) decimals.set(c.tokenAddr.data[i]!, d);
  }
  for (let k = 1; k < count; k++) {
    const d = decimals.get(c.assetAddr.data[k - 1]!);
    if (d !== undefined) scales[k] = 10 ** -d;
  }
  return scales;
}

/** The bridge (its label's name) an address id belongs to, for the reader; cached per id. */
export type BridgeOf = (id: number) => string | undefined;

export function bridgeLookup(g: Graph, labelOf: (address: string) => TraceLabel | undefined): BridgeOf {
  const known = new Map<number, string | undefined>();
  return (id: number) => {
    if (id < 0 || id >= g.dict.count) return undefined;
    if (known.has(id)) return known.get(id);
    const label = labelOf(g.addressOf(id));
    const name = label?.category === 'bridge' ? label.name : undefined;
    known.set(id, name);
    return name;
  };
}

/** A tainted deposit into a bridge, from a trace result (the bridge address was a stop). */
export interface Deposit {
  event: BridgeEvent;
  bridge: string;
  /** Graph address id of the bridge address it went into, and that address's hops. */
  into: number;
  hops: number;
  asset: string;
  tx: string;
}

/** Whole bitcoins per satoshi (8 decimals). */
const BTC_SCALE = 1e-8;

/** The tainted transfers of `r` into addresses labelled `bridge` (with the label's name). */
export function depositsOf(g: Graph, r: TraceResult, bridgeOf: BridgeOf, scales: Float64Array): Deposit[] {
  const hops = new Map<string, number>();
  for (const e of r.endpoints) if (e.category === 'bridge') hops.set(e.address, e.hops);
  const out: Deposit[] = [];
  let assets: Map<number, number> | undefined;
  for (const t of r.transfers) {
    if (!hops.has(t.to) || t.taint === '0') continue;
    const into = g.addressId(t.to);
    const bridge = bridgeOf(into);
    if (bridge === undefined) continue;
    assets ??= assetIndexes(g);
    const token = t.asset === 'ETH' ? NO_ADDRESS : g.addressId(t.asset);
    const scale = t.chain === 'bitcoin' ? BTC_SCALE : (scales[assets.get(token) ?? -1] ?? Number.NaN);
    if (Number.isNaN(scale)) continue;
    const amount = Number(t.value);
    out.push({
      event: {
        side: `${t.chain}:${t.asset}`,
        ref: `${t.chain}:${t.row}`,
        time: t.time,
        value: amount * scale,
        amount,
        taint: Number(t.taint),
        chain: t.chain,
        row: t.row,
      },
      bridge,
      into,
      hops: hops.get(t.to)!,
      asset: t.asset,
      tx: t.tx,
    });
  }
  return out;
}

/** Ethereum asset index by token contract address id (ether: NO_ADDRESS). */
function assetIndexes(g: Graph): Map<number, number> {
  const c = g.ethereum.c;
  const byToken = new Map<number, number>([[NO_ADDRESS, 0]]);
  for (let k = 1; k <= c.assetAddr.length; k++) byToken.set(c.assetAddr.data[k - 1]!, k);
  return byToken;
}

/**
 * Ethereum rows that could release `deposits` of one bridge: in the time window after a deposit,
 * of an amount some deposit could become less the fee, paid by the bridge (or minted by its token).
 */
export function releasesOf(
  g: Graph,
  deposits: readonly Deposit[],
  bridgeOf: BridgeOf,
  scales: Float64Array,
  windowSeconds: number,
  feeShare: number,
): BridgeEvent[] {
  if (deposits.length === 0) return [];
  const bridge = deposits[0]!.bridge;
  const values = deposits.map((d) => d.event.value).sort((a, b) => a - b);
  const zero = g.addressId(`0x${'0'.repeat(40)}`);
  const out: BridgeEvent[] = [];
  const toBitcoin = deposits.some((d) => d.event.chain !== 'bitcoin');
  for (const [first, last] of windows(deposits, windowSeconds)) {
    const [start, end] = rowsBetween(g.ethereum.c, first, last);
    for (let r = start; r < end; r++) {
      const release = releaseAt(g, r, values, bridge, bridgeOf, scales, feeShare, zero);
      if (release) out.push(release);
    }
    if (!toBitcoin) continue; // Bitcoin deposits are released on the other side only
    const [from, to] = rowsBetween(g.bitcoin.c, first, last);
    bitcoinReleases(g, from, to, values, bridge, bridgeOf, feeShare, out);
  }
  return out;
}

/**
 * Outputs of Bitcoin transactions in rows [start, end) that spend from the bridge (an input address
 * labelled with its name), to an address that is not the bridge's (change), of a deposit's amount.
 */
function bitcoinReleases(
  g: Graph,
  start: number,
  end: number,
  values: readonly number[],
  bridge: string,
  bridgeOf: BridgeOf,
  feeShare: number,
  out: BridgeEvent[],
): void {
  const t = g.bitcoin;
  const c = t.c;
  const addr = c.rowAddr.data;
  const amounts = c.rowValue.data;
  if (start >= end) return;
  for (let tx = c.rowTx.data[start]!; tx < c.txs; tx++) {
    const r0 = c.txRow.data[tx]!;
    if (r0 >= end) break;
    const mid = c.txOut.data[tx]!;
    const r1 = t.txEnd(tx);
    let payer = -1;
    for (let r = mid; r < r1; r++) {
      const amount = amounts[r]!;
      const value = amount * BTC_SCALE;
      if (!(amount > 0) || !fits(values, value, feeShare)) continue;
      if (payer === -1) {
        payer = -2;
        for (let i = r0; i < mid; i++) if (bridgeOf(addr[i]!) === bridge) payer = addr[i]!;
      }
      if (payer < 0) break;
      if (bridgeOf(addr[r]!) === bridge) continue; // change back to the bridge
      const time = c.blockTime.data[t.blockOf(tx)]!;
      out.push({
        side: 'bitcoin:BTC',
        ref: `bitcoin:${r}`,
        time,
        value,
        amount,
        taint: 0,
        chain: 'bitcoin',
        row: r,
        from: payer,
      });
    }
  }
}

/** Some deposit d with d·(1 − fee) ≤ value ≤ d. */
function fits(values: readonly number[], value: number, feeShare: number): boolean {
  const i = lowerBound(values, value * (1 - SAME));
  return i < values.length && values[i]! * (1 - feeShare) <= value;
}

/** Row r as a release of `bridge`, or undefined: the amount test first, so few rows cost a label lookup. */
function releaseAt(
  g: Graph,
  r: number,
  values: readonly number[],
  bridge: string,
  bridgeOf: BridgeOf,
  scales: Float64Array,
  feeShare: number,
  zero: number,
): BridgeEvent | undefined {
  const e = g.ethereum;
  const asset = e.assetOf(r);
  const scale = scales[asset] ?? Number.NaN;
  if (Number.isNaN(scale)) return undefined;
  const amount = e.approxValue(r);
  const value = amount * scale;
  if (!fits(values, value, feeShare)) return undefined;
  const from = e.c.rowFrom.data[r]!;
  const releasedBy =
    from === zero && zero >= 0
      ? bridgeOf(e.assetAddress(asset))
      : from === NO_ADDRESS
        ? undefined
        : bridgeOf(from);
  if (releasedBy !== bridge) return undefined;
  return {
    side: `ethereum:${asset === 0 ? 'ETH' : g.addressOf(e.assetAddress(asset))}`,
    ref: `ethereum:${r}`,
    time: e.transfer(r).time,
    value,
    amount,
    taint: 0,
    chain: 'ethereum',
    row: r,
    from,
  };
}

/** The deposits' windows [time, time + window], overlapping ones merged: rows are scanned once, only there. */
function windows(deposits: readonly Deposit[], windowSeconds: number): [number, number][] {
  const times = deposits.map((d) => d.event.time).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const t of times) {
    const last = out[out.length - 1];
    if (last && t <= last[1]) last[1] = Math.max(last[1], t + windowSeconds);
    else out.push([t, t + windowSeconds]);
  }
  return out;
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows [from, to) of a chain's blocks with time in [t0, t1] (both tables keep these columns). */
function rowsBetween(
  c: {
    blocks: number;
    txs: number;
    rows: number;
    blockTime: { data: Uint32Array };
    blockTx: { data: Uint32Array };
    txRow: { data: Uint32Array };
  },
  t0: number,
  t1: number,
): [number, number] {
  const time = c.blockTime.data;
  const blockAt = (t: number) => {
    let lo = 0;
    let hi = c.blocks;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rowOfBlock = (b: number) => {
    if (b >= c.blocks) return c.rows;
    const tx = c.blockTx.data[b]!;
    return tx < c.txs ? c.txRow.data[tx]! : c.rows;
  };
  return [rowOfBlock(blockAt(t0)), rowOfBlock(blockAt(t1 + 1))];
}
