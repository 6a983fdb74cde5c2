/**
 * Path search between two addresses: the k best time-ordered paths along which value could have
 * moved (paths-search.ts holds the engine and its ranking rule), with hop limit, `since` and, on
 * Ethereum, one asset. On Bitcoin a step is address → transaction → address.
 */
import type { Graph } from '../chain/index.ts';
import { BulwarkError } from '../errors/index.ts';
import { type FoundPath, searchPaths } from './paths-search.ts';
import { chainOf } from './trace.ts';
import type { Chain } from './types.ts';

export const DEFAULT_PATHS = 5;
export const MAX_PATHS = 100;
export const MAX_PATH_HOPS = 64;
/** Partial paths one search may make (38 bytes each, 4 more in the heap): ~42 MB at most. */
export const DEFAULT_PATH_STATES = 1_000_000;

export interface PathStep {
  from: string;
  to: string;
  /** The row that paid `to` (Ethereum transfer or Bitcoin output). */
  row: number;
}

export interface PathOptions {
  graph: Graph;
  from: string;
  to: string;
  maxHops: number;
  chain?: Chain;
  /** Paths wanted (default DEFAULT_PATHS, at most MAX_PATHS). */
  k?: number;
  /** Ethereum: 'ETH' or a token contract; every path stays in one asset either way. */
  asset?: string;
  /** Unix seconds: transfers before are not used. */
  since?: number;
  maxStates?: number;
}

export interface PathSearch {
  chain: Chain;
  src: number;
  dst: number;
  paths: FoundPath[];
  truncated: boolean;
  states: number;
  examined: number;
}

function idOf(g: Graph, text: string): number {
  const id = g.addressId(chainOf(text) === 'ethereum' ? text.toLowerCase() : text);
  if (id < 0) {
    throw new BulwarkError('TRACE_ADDRESS', `address ${text} is not in the transaction graph`, {
      hint: 'Check the address, or ingest the blocks that hold its transfers first',
    });
  }
  return id;
}

function usage(message: string, hint: string): BulwarkError {
  return new BulwarkError('USAGE', message, { hint });
}

/** Asset index to keep to: -1 any (one per path), -2 a token that never moved (no path). */
function assetIndex(g: Graph, chain: Chain, asset: string | undefined): number {
  if (asset === undefined) return -1;
  if (chain === 'bitcoin') {
    if (asset.toUpperCase() === 'BTC') return -1;
    throw usage(
      `asset ${asset} is not a Bitcoin asset`,
      "Bitcoin paths are in BTC: leave the asset out or give 'BTC'",
    );
  }
  if (asset.toUpperCase() === 'ETH') return 0;
  const id = idOf(g, asset);
  const e = g.ethereum;
  for (let k = 1; k <= e.c.assetAddr.length; k++) if (e.assetAddress(k) === id) return k;
  return -2;
}

/** First row of the first block at or after `since` (blocks are in time order). */
function startRow(g: Graph, chain: Chain, since: number | undefined): number {
  const c = chain === 'ethereum' ? g.ethereum.c : g.bitcoin.c;
  if (since === undefined) return 0;
  let lo = 0;
  let hi = c.blocks;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.blockTime.data[mid]! < since) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= c.blocks) return c.rows;
  const tx = c.blockTx.data[lo]!;
  return tx < c.txs ? c.txRow.data[tx]! : c.rows;
}

/** The k best paths from `from` to `to` (none when there is no time-ordered path within the hops). */
export function findPaths(o: PathOptions): PathSearch {
  const g = o.graph;
  const k = o.k ?? DEFAULT_PATHS;
  if (!Number.isInteger(o.maxHops) || o.maxHops < 1 || o.maxHops > MAX_PATH_HOPS)
    throw usage(`hops must be a whole number from 1 to ${MAX_PATH_HOPS}, not ${o.maxHops}`, 'e.g. --hops 6');
  if (!Number.isInteger(k) || k < 1 || k > MAX_PATHS)
    throw usage(`k must be a whole number from 1 to ${MAX_PATHS}, not ${k}`, 'e.g. --k 5');
  const chain = o.chain ?? chainOf(o.from);
  const src = idOf(g, o.from);
  const dst = idOf(g, o.to);
  const asset = assetIndex(g, chain, o.asset);
  const none = { chain, src, dst, paths: [], truncated: false, states: 0, examined: 0 };
  if (asset === -2) return none;
  const found = searchPaths({
    graph: g,
    chain,
    src,
    dst,
    maxHops: o.maxHops,
    k,
    startRow: startRow(g, chain, o.since),
    asset,
    maxStates: o.maxStates ?? DEFAULT_PATH_STATES,
  });
  return { chain, src, dst, ...found };
}

/** The steps of the best path (fewest hops, then largest bottleneck), or undefined when there is none. */
export function paths(o: PathOptions): PathStep[] | undefined {
  if (chainOf(o.from) === chainOf(o.to) && o.from === o.to) return [];
  const found = findPaths({ ...o, k: 1 });
  const best = found.paths[0];
  if (best === undefined) return undefined;
  return best.steps.map((s) => ({
    from: o.graph.addressOf(s.from),
    to: o.graph.addressOf(s.to),
    row: s.row,
  }));
}
