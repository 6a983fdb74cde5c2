/** Public surface of screen/: hub labels, the screening index and the in-process screening API. */
export { type ClusterReason, clusterExposureFor } from './cluster-exposure.ts';
export { type GraphLabels, graphLabelOf, labelsOnGraph } from './graph-labels.ts';
export { AddressTable } from './index/address-table.ts';
export { riskOfLabel } from './index/risk.ts';
export { ScreeningIndex } from './index/screening-index.ts';
export { buildLabelSet, labelsOf } from './labels/build-labels.ts';
export { LABEL_SOURCE_TYPES } from './labels/hub-objects.ts';
export {
  LABEL_CATEGORIES,
  type Label,
  type LabelCategory,
  type LabelEntity,
  type LabelSet,
} from './labels/types.ts';
export {
  buildScreeningIndex,
  buildScreeningIndexForScope,
  Screener,
  type ScreenerOptions,
} from './screener.ts';
export { ScreenerCache, type ScreenerCacheOptions } from './screener-cache.ts';
export * from './taint/index.ts';
export {
  type ExposureProvider,
  RISKS,
  type Risk,
  riskRank,
  type ScreenReason,
  type ScreenResult,
} from './types.ts';
