import type { ComparisonExpression, Literal, PatternExpression } from './ast.ts';
import { formatSteps } from './format.ts';
import { parsePattern } from './parse.ts';

export interface PatternValue {
  readonly objectType: string;
  /** The path after the colon, canonical: `value`, `hashes.'SHA-256'`, `dst_ref.value`. */
  readonly path: string;
  readonly value: string;
}

/**
 * Every (object type, path, literal) an indicator looks for by equality: `=` and `IN` members, and
 * LIKE without wildcards, none negated. The store and the hub index indicators by them. Never throws:
 * a pattern that does not parse has no values. Mixed object types under AND are tolerated here.
 */
export function patternValues(text: string): PatternValue[] {
  let expression: PatternExpression;
  try {
    expression = parsePattern(text, { sameTypeInAnd: false }).expression;
  } catch {
    return [];
  }
  const out: PatternValue[] = [];
  const seen = new Set<string>();
  const add = (objectType: string, path: string, literal: Literal): void => {
    const value = literalText(literal);
    const key = `${objectType}\u0000${path}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ objectType, path, value });
  };
  walkObservations(expression, (c) => collect(c, add));
  return out;
}

type Add = (objectType: string, path: string, literal: Literal) => void;

function walkObservations(e: PatternExpression, visit: (c: ComparisonExpression) => void): void {
  if (e.kind === 'observation') visit(e.comparison);
  else if (e.kind === 'qualified') walkObservations(e.expression, visit);
  else {
    walkObservations(e.left, visit);
    walkObservations(e.right, visit);
  }
}

function collect(c: ComparisonExpression, add: Add): void {
  if (c.kind === 'exists') return;
  if (c.kind !== 'comparison') {
    collect(c.left, add);
    collect(c.right, add);
    return;
  }
  if (c.negated) return;
  const path = formatSteps(c.path);
  const value = c.value;
  if (Array.isArray(value)) {
    if (c.operator === 'IN')
      for (const member of value as readonly Literal[]) add(c.path.objectType, path, member);
    return;
  }
  const literal = value as Literal;
  if (c.operator === '=') add(c.path.objectType, path, literal);
  else if (c.operator === 'LIKE' && literal.kind === 'string' && !/[%_]/.test(literal.value)) {
    add(c.path.objectType, path, literal);
  }
}

/** The value as the indexed property would hold it: strings and timestamps as written, numbers in decimal. */
function literalText(l: Literal): string {
  switch (l.kind) {
    case 'bool':
      return l.value ? 'true' : 'false';
    case 'int':
    case 'float':
      return String(l.value);
    default:
      return l.value;
  }
}
