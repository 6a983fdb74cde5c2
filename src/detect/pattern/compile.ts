import type { Pattern, PatternExpression } from '../../stix/index.ts';
import { parsePattern, timestampMillis } from '../../stix/index.ts';
import { compileComparisons } from './compile-comparison.ts';
import type { Observation } from './observation.ts';

/** Compiled observation-expression tree: the shape the matcher and the single-observation test walk. */
export type Plan =
  | { readonly kind: 'leaf'; readonly test: (obs: Observation) => boolean }
  | { readonly kind: 'and' | 'or' | 'followedby'; readonly left: Plan; readonly right: Plan }
  | { readonly kind: 'within'; readonly ms: number; readonly inner: Plan }
  | { readonly kind: 'repeats'; readonly times: number; readonly inner: Plan }
  | { readonly kind: 'start-stop'; readonly start: number; readonly stop: number; readonly inner: Plan };

export interface CompiledPattern {
  readonly pattern: Pattern;
  readonly plan: Plan;
  /** True when one observation alone can satisfy the pattern (no AND/FOLLOWEDBY between observations, no REPEATS > 1). */
  readonly singleObservation: boolean;
  /** Does this one observation, by itself, satisfy the whole pattern? */
  readonly test: (obs: Observation) => boolean;
}

/**
 * Parses (if given text) and compiles a pattern once; throws PATTERN_SYNTAX like the parser. Given a
 * tree, pass its `source` text too so an error can show where it is.
 */
export function compilePattern(pattern: string | Pattern, source?: string): CompiledPattern {
  const tree = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  const text = typeof pattern === 'string' ? pattern : (source ?? '');
  const plan = compilePlan(text, tree.expression);
  return { pattern: tree, plan, singleObservation: canBeSingle(plan), test: singleTest(plan) };
}

/** Does `obs` alone satisfy the compiled pattern? The common indicator case; allocates nothing. */
export function matchesObservation(compiled: CompiledPattern, obs: Observation): boolean {
  return compiled.test(obs);
}

function compilePlan(text: string, e: PatternExpression): Plan {
  switch (e.kind) {
    case 'observation':
      return { kind: 'leaf', test: compileComparisons(text, e.comparison) };
    case 'obs-and':
    case 'obs-or':
    case 'followedby': {
      const kind = e.kind === 'obs-and' ? 'and' : e.kind === 'obs-or' ? 'or' : 'followedby';
      return { kind, left: compilePlan(text, e.left), right: compilePlan(text, e.right) };
    }
    case 'qualified': {
      const inner = compilePlan(text, e.expression);
      const q = e.qualifier;
      if (q.kind === 'within') return { kind: 'within', ms: q.seconds * 1000, inner };
      if (q.kind === 'repeats') return { kind: 'repeats', times: q.times, inner };
      return {
        kind: 'start-stop',
        start: timestampMillis(q.startTime),
        stop: timestampMillis(q.stopTime),
        inner,
      };
    }
  }
}

function canBeSingle(plan: Plan): boolean {
  switch (plan.kind) {
    case 'leaf':
      return true;
    case 'and':
    case 'followedby':
      return false;
    case 'or':
      return canBeSingle(plan.left) || canBeSingle(plan.right);
    case 'repeats':
      return plan.times === 1 && canBeSingle(plan.inner);
    default:
      return canBeSingle(plan.inner);
  }
}

/** AND and FOLLOWEDBY need distinct observations, so one observation never satisfies them. */
function singleTest(plan: Plan): (obs: Observation) => boolean {
  switch (plan.kind) {
    case 'leaf':
      return plan.test;
    case 'and':
    case 'followedby':
      return () => false;
    case 'or': {
      const left = singleTest(plan.left);
      const right = singleTest(plan.right);
      return (obs) => left(obs) || right(obs);
    }
    case 'within':
      return singleTest(plan.inner);
    case 'repeats':
      return plan.times === 1 ? singleTest(plan.inner) : () => false;
    case 'start-stop': {
      const inner = singleTest(plan.inner);
      const { start, stop } = plan;
      return (obs) => obs.time >= start && obs.time < stop && inner(obs);
    }
  }
}
