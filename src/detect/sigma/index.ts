/** Public surface of the Sigma engine. */

export { type Condition, formatCondition, parseCondition } from './condition.ts';
export type { CorrelationType, CountCondition, SigmaCorrelation } from './correlation-shape.ts';
export {
  type CorrelationAlert,
  type CorrelationInput,
  type CorrelationPart,
  Correlator,
  eventTime,
} from './correlator.ts';
export { type CompileOptions, compileRules, type SigmaEngine } from './engine.ts';
export { loadSigmaRules } from './load-dir.ts';
export { loadSigmaRule, loadSigmaText, type SigmaLoadResult } from './load-rule.ts';
export { logsourceAccepts, logsourceOf } from './logsource.ts';
export type {
  FieldClause,
  Logsource,
  Search,
  SigmaEvent,
  SigmaMatch,
  SigmaRule,
  SigmaScalar,
} from './types.ts';
