/** STIX 2.1 patterning: parser, canonical formatter and the values indicators are indexed by. */
export type {
  Comparison,
  ComparisonExpression,
  ComparisonJunction,
  ComparisonOperator,
  Exists,
  Literal,
  LiteralKind,
  ObjectPath,
  ObservationExpression,
  ObservationJunction,
  PathStep,
  Pattern,
  PatternExpression,
  Qualified,
  Qualifier,
  Span,
} from './ast.ts';
export { formatLiteral, formatPath, formatPattern, formatSteps } from './format.ts';
export { type ParseOptions, parsePattern } from './parse.ts';
export { patternError } from './syntax-error.ts';
export { compareTimestamps, timestampMillis } from './timestamp.ts';
export { isValidPattern } from './valid.ts';
export { type PatternValue, patternValues } from './values.ts';
