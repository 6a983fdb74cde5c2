/** Public surface of screen/taint: incremental haircut taint from flagged sources, as screening exposure. */
export {
  IncrementalTaint,
  MIXER_WINDOW_SECONDS,
  type TaintArrival,
  type TaintCursor,
  type TaintLag,
  type TaintOptions,
} from './incremental-taint.ts';
export { MixerPools } from './mixer-pools.ts';
export { type FlaggedSources, sourcesOfIndex, sourcesOfLabels } from './sources.ts';
export { loadTaint, saveTaint } from './state-file.ts';
export {
  amount,
  DEFAULT_THRESHOLDS,
  type IndirectReason,
  type MixerStep,
  mixerStepsTo,
  pathTo,
  riskOfShare,
  type ShareThresholds,
  type TaintPath,
  taintExposure,
} from './taint-exposure.ts';
export { type RegistryArrival, TaintRegistry, type TaintRegistryOptions } from './taint-registry.ts';
export { routeBack, sourceOf, type TaintRoute } from './taint-route.ts';
export { newTaint, UtxoTaint } from './utxo-taint.ts';
