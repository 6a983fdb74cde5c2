/** Public surface of trace/: value tracing over the transaction-graph store. */
export type { Model } from './book.ts';
export {
  type BridgeEvent,
  type BridgeLink,
  type MixerLink,
  matchBridge,
  matchMixer,
  traceThroughMixers,
} from './mixers.ts';
export { type PathOptions, type PathStep, paths } from './paths.ts';
export { amount } from './result.ts';
export { chainOf, trace } from './trace.ts';
export type {
  Chain,
  Destination,
  Direction,
  Endpoint,
  TracedAddress,
  TracedTransfer,
  TraceLabel,
  TraceOptions,
  TraceResult,
} from './types.ts';
