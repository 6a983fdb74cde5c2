/** STIX pattern evaluation over observations: single-observation tests and a streaming matcher. */
export { type CompiledPattern, compilePattern, matchesObservation, type Plan } from './compile.ts';
export { type ObservationLeaf, observationLeaves } from './leaves.ts';
export { type MatcherOptions, PatternMatcher } from './matcher.ts';
export type { Match, Observation, ObservedObjects } from './observation.ts';
