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
  /**
   * Forward: rows whose carried taint is given (mixer and bridge links, see through-services.ts;
   * on Bitcoin, output rows). With links, `seeds` may be empty (a continuation on another chain).
   */
  links?: ReadonlyMap<number, Link>;
  /** At most this many transfers listed (all are counted); default 10,000. */
  maxTransfers?: number;
}

/** A row's given taint: what a matched mixer withdrawal or bridge release carries. */
export interface Link {
  /** Base units of the row's asset. */
  taint: number;
  /**
   * Address id the taint comes from, the payee's parent in paths: the mixer, or the bridge address
   * the deposit went into. By default the row's payer.
   */
  via?: number;
  /** Hops of `via` when it has no slot in this trace (a deposit on another chain). */
  hop?: number;
}

/** One matched crossing of a mixer or bridge, as the result lists it. */
export interface ServiceLink {
  kind: 'mixer' | 'bridge';
  /** The service's name, as the reader's label gives it. */
  service: string;
  /** The tainted deposits the match rests on (a mixer's: those in the withdrawal's anonymity set). */
  deposits: {
    chain: Chain;
    row: number;
    tx: string;
    to: string;
    asset: string;
    value: string;
    taint: string;
    time: number;
  }[];
  /** The withdrawal (mixer) or release (bridge) the trace continues from. */
  withdrawal: {
    chain: Chain;
    row: number;
    tx: string;
    from: string;
    to: string;
    asset: string;
    value: string;
    time: number;
  };
  /** Deposits (mixer: of the denomination, in the window) or releases (bridge) that could match. */
  candidates: number;
  /** Mixer: the tainted share of the anonymity set; bridge: 1 / candidate releases. */
  confidence: number;
  /** value × confidence (bridge: × the deposit's tainted share), base units of the withdrawal's asset. */
  carried: string;
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
  /** A matched mixer withdrawal or bridge release: the link's kind and confidence. */
  link?: { kind: 'mixer' | 'bridge'; confidence: number };
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
  /** Steps of `path` that cross a mixer or bridge by a matched link (path[at − 1] → path[at]). */
  crossings?: Crossing[];
}

export interface Crossing {
  at: number;
  kind: 'mixer' | 'bridge';
  confidence: number;
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
  /**
   * A mixer or bridge the trace went through: of `received` (all that went in), `value` stayed
   * and `passedOn` left by matched links (counted again where it went).
   */
  received?: string;
  passedOn?: string;
  paths: { to: string; value: string; path: string[]; crossings?: Crossing[] }[];
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
  /** Matched crossings of mixers and bridges (empty unless the trace went through them). */
  links: ServiceLink[];
  /** Rows examined by the scan. */
  examined: number;
  transferCount: number;
}
