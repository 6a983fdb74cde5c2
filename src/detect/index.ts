/** Public surface of detect/. */

export {
  type IndicatorInput,
  IndicatorMatcher,
  type MatcherStats,
} from './matcher/index.ts';
export {
  type CompiledPattern,
  compilePattern,
  type Match,
  type MatcherOptions,
  matchesObservation,
  type Observation,
  type ObservedObjects,
  PatternMatcher,
  type Plan,
} from './pattern/index.ts';
export {
  BatchScanner,
  DEFAULT_MAPPING_FILE,
  type IndicatorSighting,
  loadMapping,
  type Mapping,
  type RuleSources,
  readChunks,
  type ScanOptions,
  type ScanSummary,
  type SharedRule,
  scanLines,
  sightingObjects,
  sigmaIndicator,
} from './scan/index.ts';
export {
  type CorrelationAlert,
  Correlator,
  compileRules,
  loadSigmaRule,
  loadSigmaRules,
  loadSigmaText,
  logsourceOf,
  type SigmaCorrelation,
  type SigmaEngine,
  type SigmaEvent,
  type SigmaMatch,
  type SigmaRule,
} from './sigma/index.ts';
