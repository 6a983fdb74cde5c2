import type { ComparisonExpression } from '../../stix/index.ts';
import type { Observation, ObservedObjects } from './observation.ts';
import { compilePath } from './path.ts';
import { compileValueTest } from './value-test.ts';

/** Is one observation matched by the comparisons of one `[…]`? */
export type ObservationTest = (obs: Observation) => boolean;

type ObjectTest = (object: object, objects: ObservedObjects) => boolean;

/**
 * Comparisons of one object type describe one object: `[file:name = 'a' AND file:size = 3]` needs a
 * single file with both. Comparisons of different types under OR are each tried over the whole
 * observation (as are mixed types under AND, which only a lenient parse lets through).
 */
export function compileComparisons(text: string, expr: ComparisonExpression): ObservationTest {
  const type = singleType(expr);
  if (type === null && (expr.kind === 'and' || expr.kind === 'or')) {
    const left = compileComparisons(text, expr.left);
    const right = compileComparisons(text, expr.right);
    return expr.kind === 'and' ? (obs) => left(obs) && right(obs) : (obs) => left(obs) || right(obs);
  }
  const test = compileObjectTest(text, expr);
  const wanted = type as string;
  return (obs) => {
    const objects = obs.objects;
    for (const key in objects) {
      const object = objects[key] as { type?: unknown };
      if (object.type === wanted && test(object, objects)) return true;
    }
    return false;
  };
}

function compileObjectTest(text: string, expr: ComparisonExpression): ObjectTest {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const left = compileObjectTest(text, expr.left);
    const right = compileObjectTest(text, expr.right);
    return expr.kind === 'and'
      ? (o, all) => left(o, all) && right(o, all)
      : (o, all) => left(o, all) || right(o, all);
  }
  if (expr.kind === 'exists') return compilePath(expr.path, 'exists');
  const steps = expr.path.steps;
  let property = '';
  for (const s of steps) if (s.kind === 'key') property = s.name;
  return compilePath(expr.path, compileValueTest(text, expr, property));
}

function singleType(expr: ComparisonExpression): string | null {
  if (expr.kind === 'comparison' || expr.kind === 'exists') return expr.path.objectType;
  const left = singleType(expr.left);
  return left !== null && left === singleType(expr.right) ? left : null;
}
