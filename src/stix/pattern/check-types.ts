import type { ComparisonExpression } from './ast.ts';
import { patternError } from './syntax-error.ts';

const MIXED = null;

/**
 * STIX 2.1 (as the reference library enforces it): every comparison joined by AND inside one
 * observation expression references the same object type, since together they describe one object.
 * OR may mix types. Returns the single type of `expr`, or null when it mixes types under OR.
 */
export function checkSameTypeInAnd(text: string, expr: ComparisonExpression): string | null {
  if (expr.kind === 'comparison' || expr.kind === 'exists') return expr.path.objectType;
  const left = checkSameTypeInAnd(text, expr.left);
  const right = checkSameTypeInAnd(text, expr.right);
  if (expr.kind === 'or') return left === right ? left : MIXED;
  if (left !== MIXED && left === right) return left;
  const culprit = left === MIXED ? expr.left : expr.right;
  const types = left === MIXED || right === MIXED ? 'more than one object type' : `'${left}' and '${right}'`;
  throw patternError(
    text,
    culprit.start,
    `comparisons joined by AND use ${types}`,
    'and-same-type',
    'Comparisons joined by AND describe one object; put other object types in their own observation: [a:x = 1] AND [b:y = 2].',
  );
}
