/** `bulwark scan`'s engine: log formats mapped to STIX observations, matched against many indicators. */

export type { IndicatorInput } from '../matcher/index.ts';
export type { CorrelationSighting, IndicatorSighting } from './aggregate.ts';
export { buildObservation } from './build-observation.ts';
export { EventMapper } from './event-mapper.ts';
export { DEFAULT_MAPPING_FILE, type LogFormat, loadMapping, type Mapping, readMapping } from './mapping.ts';
export { readChunks } from './read-chunks.ts';
export type { RuleSources, SharedRule } from './rule-sources.ts';
export { type BatchResult, BatchScanner, type EventHit } from './scan-batch.ts';
export { type ScanOptions, type ScanSummary, scanLines, scanThreads } from './scanner.ts';
export { SIGMA_INDICATOR_NAMESPACE, sigmaIndicator } from './sigma-indicator.ts';
export { sightingObjects } from './stix-output.ts';
