/**
 * The answer of POST /api/v1/trace: the `trace --json` shape of DESIGN.md (amounts are decimal strings
 * in the chain's base unit), as src/trace/types.ts defines it. The console keeps its own copy because
 * web/ imports nothing from the server.
 */
export type Model = 'poison' | 'haircut' | 'fifo';
export type Direction = 'forward' | 'backward';
export type Chain = 'bitcoin' | 'ethereum';

export interface TracedAddress {
  address: string;
  asset: string;
  received: string;
  holding: string;
  hops: number;
  labels: string[];
}

export interface TracedTransfer {
  chain?: Chain;
  row?: number;
  tx: string;
  from: string;
  to: string;
  asset: string;
  value: string;
  taint: string;
  /** Unix seconds. */
  time: number;
}

export interface Endpoint {
  address: string;
  asset: string;
  category: string;
  name: string;
  received: string;
  hops: number;
  path: string[];
}

/** "Where it ended up": traced value by destination. */
export interface Destination {
  category: string;
  name: string;
  asset: string;
  value: string;
  addresses: number;
  paths?: { to: string; value: string; path: string[] }[];
}

export interface TraceResult {
  model: Model;
  direction?: Direction;
  chain?: Chain;
  seeds: string[];
  addresses: TracedAddress[];
  transfers: TracedTransfer[];
  endpoints: Endpoint[];
  totals?: { asset: string; seeded: string; fees: string; belowThreshold: string }[];
  summary?: Destination[];
}

export interface TraceRequest {
  seeds: string[];
  model?: Model;
  hops?: number;
  direction?: Direction;
  min_value?: number;
  chain?: Chain;
}
