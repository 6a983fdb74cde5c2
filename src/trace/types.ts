/** The options and the result of a trace (the `trace --json` shape of DESIGN.md, plus fields). */
import type { Graph } from '../chain/index.ts';
import type { Model } from './book.ts';

export type { Model } from './book.ts';
export type Direction = 'forward' | 'backward';
export type Chain = 'bitcoin' | 'ethereum';

/** A service the trace stops at: what went in is counted, nothing is followed out of it. */
export interface TraceLabel {
  /** 'exchange', 'mixer', 'bridge', 'service', …: the summary groups by it. */
  category: string;
  name: string;
}

export interface TraceOptions {
  graph: Graph;
  /** Addresses (strings as the chain writes them). Forward: all they receive is tainted. */
  seeds: readonly string[];
  model: Model;
  direction: Direction;
  hops: number;
  /** Chain to trace; by default the chain of the first seed (0x… is Ethereum). */
  chain?: Chain;
  /** Transfers carrying less taint than this (base units) are not followed. */
  minValue?: number;
  stopAt?: (addressId: number) => TraceLabel | undefined;
  /** Unix seconds: value before it is not traced (the theft time). */
  since?: number;
  /** Ethereum: one asset only ('ETH' or a token contract address). */
  asset?: string;
  /** Ethereum: swap pools; taint paid in converts to what the payer gets back in the transaction. */
  swaps?: readonly string[];
  /** Ethereum: rows whose carried taint is given (mixer and bridge links, see mixers.ts). */
  links?: ReadonlyMap<number, number>;
  /** At most this many transfers listed (all are counted); default 10,000. */
  maxTransfers?: number;
}

export interface TracedAddress {
  address: string;
  /** 'ETH', a token contract, or 'BTC'. */
  asset: string;
  received: string;
  holding: string;
  hops: number;
  labels: string[];
}

export interface TracedTransfer {
  chain: Chain;
  row: number;
  tx: string;
  from: string;
  to: string;
  asset: string;
  value: string;
  taint: string;
  time: number;
}

export interface Endpoint {
  address: string;
  asset: string;
  /** A label's category, or 'hop-limit'. */
  category: string;
  name: string;
  received: string;
  hops: number;
  /** Seed → … → this address, each step the source of the largest share of its taint. */
  path: string[];
}

/** "Where did it end up": traced value by destination, with the top paths to it. */
export interface Destination {
  /** A label's category, 'held' (still at unlabelled addresses), 'fees', or 'unknown' (not followed). */
  category: string;
  /** The service's name; for the other categories the category again. */
  name: string;
  asset: string;
  value: string;
  addresses: number;
  paths: { to: string; value: string; path: string[] }[];
}

export interface TraceResult {
  model: Model;
  direction: Direction;
  chain: Chain;
  seeds: string[];
  addresses: TracedAddress[];
  transfers: TracedTransfer[];
  endpoints: Endpoint[];
  /** Totals per asset: seeded, fees (taint paid to miners or burnt), below the threshold. */
  totals: { asset: string; seeded: string; fees: string; belowThreshold: string }[];
  summary: Destination[];
  /** Rows examined by the scan. */
  examined: number;
  transferCount: number;
}
