import type { ComparisonExpression, ObservationExpression, PatternExpression } from '../../stix/index.ts';
import type { CompiledPattern, Plan } from './compile.ts';
import type { Observation } from './observation.ts';

/** One `[…]` of a pattern: its comparisons and the compiled test the streaming matcher runs for it. */
export interface ObservationLeaf {
  readonly observation: ObservationExpression;
  readonly test: (obs: Observation) => boolean;
  /** The object types its comparisons read; an observation with none of them cannot satisfy it. */
  readonly types: readonly string[];
}

/**
 * The observations of a compiled pattern, in source order. Only an observation that satisfies one of
 * them can take part in a match (every match node is built over these leaves), which is what lets a
 * scan feed a streaming matcher the events that pass one leaf and skip the rest.
 */
export function observationLeaves(compiled: CompiledPattern): ObservationLeaf[] {
  const out: ObservationLeaf[] = [];
  walk(compiled.pattern.expression, compiled.plan, out);
  return out;
}

// compilePlan mirrors the expression tree node for node, so the two are walked together
function walk(e: PatternExpression, plan: Plan, out: ObservationLeaf[]): void {
  if (e.kind === 'observation' && plan.kind === 'leaf') {
    out.push({ observation: e, test: plan.test, types: [...typesOf(e.comparison, new Set())] });
  } else if (e.kind === 'qualified' && 'inner' in plan) walk(e.expression, plan.inner, out);
  else if ((e.kind === 'obs-and' || e.kind === 'obs-or' || e.kind === 'followedby') && 'left' in plan) {
    walk(e.left, plan.left, out);
    walk(e.right, plan.right, out);
  } else throw new Error(`compiled plan ${plan.kind} does not mirror expression ${e.kind}`);
}

function typesOf(c: ComparisonExpression, into: Set<string>): Set<string> {
  if (c.kind === 'comparison' || c.kind === 'exists') into.add(c.path.objectType);
  else {
    typesOf(c.left, into);
    typesOf(c.right, into);
  }
  return into;
}
