/**
 * Public surface of trace/: value tracing over the transaction-graph store.
 *
 * - `trace` visits the chain's rows in time order from `since` (backward: in reverse), keeping a
 *   ledger slot per address taint reached (book.ts); on Ethereum only the rows of reached addresses
 *   (a time-ordered frontier over the adjacency, ethereum-frontier.ts).
 * - `traceRequest` is the one entry of the CLI and the REST API: defaults, reader-visible labels,
 *   and (forward) on through the mixers and bridges among them (through-services.ts). Ethereum and Bitcoin differ only in the scan
 *   (ethereum-scan.ts: rows; bitcoin-scan.ts: a transaction node spreading its inputs' taint over
 *   its outputs); both report through ScanContext.move.
 * - Amounts are doubles in base units, strings only in the result: exact for satoshi and for wei
 *   below 2^53; above, ~1e-16 relative per operation (the heist scenario agrees with the bigint
 *   ground truth to 4e-16). Carried taint is floored like the truth's integer division, and residue
 *   below 2^-40 of a balance is dropped so rounding never marks a clean address.
 * - Backward haircut is an approximation (the reversed balance is what the address later sends
 *   less what it later receives); backward poison is exact reachability in time order.
 */
// the taint ledger of one asset (interleaved slot records), reusable outside the trace scans
export { Book, type Model, OPEN, SEED, STOP } from './book.ts';
export { type BridgeEvent, type BridgeLink, matchBridge } from './bridges.ts';
export * as cluster from './cluster/index.ts';
export { buildClusters, type ClusterBuild, ClusterView, openClusters } from './cluster/index.ts';
export { type MixerLink, matchMixer } from './mixers.ts';
export {
  DEFAULT_PATHS,
  findPaths,
  MAX_PATH_HOPS,
  MAX_PATHS,
  type PathOptions,
  type PathSearch,
  type PathStep,
  paths,
} from './paths.ts';
export { type PathAnswer, type PathTransfer, pathRequest } from './paths-request.ts';
export { compareRank, type FoundPath, type FoundStep } from './paths-search.ts';
export { amount } from './result.ts';
export { type ThroughServices, traceThroughMixers, traceThroughServices } from './through-services.ts';
export { chainOf, trace } from './trace.ts';
export {
  DEFAULT_BRIDGE_FEE,
  DEFAULT_BRIDGE_WINDOW,
  DEFAULT_HOPS,
  DEFAULT_MIXER_WINDOW,
  type DirectScreener,
  type LabelsOf,
  labelsFromScreener,
  STOP_CATEGORIES,
  type TraceRequest,
  traceRequest,
} from './trace-request.ts';
export type {
  Chain,
  Crossing,
  Destination,
  Direction,
  Endpoint,
  Link,
  ServiceLink,
  TracedAddress,
  TracedTransfer,
  TraceLabel,
  TraceOptions,
  TraceResult,
} from './types.ts';
