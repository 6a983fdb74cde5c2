import type { ComparisonExpression, ComparisonOperator, Literal } from './ast.ts';
import type { Lexer } from './lexer.ts';
import { type LiteralClass, parseLiteral, parseSet } from './parse-literal.ts';
import { parsePath } from './parse-path.ts';

/**
 * Counts operators and groups. The tree is binary, so this bounds its depth: hostile input gets a
 * syntax error instead of exhausting the stack of the parser, the formatter or the evaluator.
 */
export interface Budget {
  used: number;
  /** Parentheses open now; recursion in the parser itself grows with it. */
  depth: number;
}

export const MAX_OPERATORS = 1000;
export const MAX_NESTING = 500;

export function nest(lx: Lexer, budget: Budget): void {
  budget.depth += 1;
  if (budget.depth > MAX_NESTING) {
    throw lx.error(
      lx.start,
      `parentheses nested deeper than ${MAX_NESTING}`,
      'size',
      'Remove redundant parentheses.',
    );
  }
}

export function enter(lx: Lexer, budget: Budget): void {
  budget.used += 1;
  if (budget.used > MAX_OPERATORS) {
    throw lx.error(
      lx.start,
      `more than ${MAX_OPERATORS} operators and groups`,
      'size',
      'Split the pattern into several indicators.',
    );
  }
}

/** comparison OR comparison …, with AND binding tighter. */
export function parseComparisonOr(lx: Lexer, budget: Budget): ComparisonExpression {
  enter(lx, budget);
  let left = parseComparisonAnd(lx, budget);
  while (lx.kind === 'word' && lx.str === 'OR') {
    lx.next();
    enter(lx, budget);
    const right = parseComparisonAnd(lx, budget);
    left = { kind: 'or', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseComparisonAnd(lx: Lexer, budget: Budget): ComparisonExpression {
  let left = parseComparisonPrimary(lx, budget);
  while (lx.kind === 'word' && lx.str === 'AND') {
    lx.next();
    enter(lx, budget);
    const right = parseComparisonPrimary(lx, budget);
    left = { kind: 'and', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseComparisonPrimary(lx: Lexer, budget: Budget): ComparisonExpression {
  const start = lx.start;
  if (lx.kind === '(') {
    nest(lx, budget);
    lx.next();
    const inner = parseComparisonOr(lx, budget);
    budget.depth -= 1;
    if ((lx.kind as string) !== ')') {
      throw lx.error(
        lx.start,
        "expected ')' to close the comparison group",
        'comparison',
        "Close every '(' inside the brackets with ')'.",
      );
    }
    lx.next();
    return inner;
  }
  if (lx.kind === 'word' && lx.str === 'EXISTS') {
    lx.next();
    const path = parsePath(lx);
    return { kind: 'exists', path, start, end: path.end };
  }
  const path = parsePath(lx);
  let negated = false;
  if (lx.kind === 'word' && lx.str === 'NOT') {
    negated = true;
    lx.next();
  }
  const operator = parseOperator(lx);
  let value: Literal | Literal[];
  if (operator === 'IN') value = parseSet(lx);
  else value = parseLiteral(lx, LITERAL_CLASS[operator], operator);
  return { kind: 'comparison', path, operator, negated, value, start, end: lx.previousEnd };
}

const LITERAL_CLASS: Record<Exclude<ComparisonOperator, 'IN'>, LiteralClass> = {
  '=': 'primitive',
  '!=': 'primitive',
  '<': 'orderable',
  '>': 'orderable',
  '<=': 'orderable',
  '>=': 'orderable',
  LIKE: 'string',
  MATCHES: 'string',
  ISSUBSET: 'string',
  ISSUPERSET: 'string',
};

const WORD_OPERATORS: ReadonlySet<string> = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

function parseOperator(lx: Lexer): ComparisonOperator {
  const k = lx.kind;
  if (k === '=' || k === '!=' || k === '<' || k === '>' || k === '<=' || k === '>=') {
    lx.next();
    return k;
  }
  if (k === 'word' && WORD_OPERATORS.has(lx.str)) {
    const op = lx.str as ComparisonOperator;
    lx.next();
    return op;
  }
  throw lx.error(
    lx.start,
    'expected a comparison operator',
    'operator',
    'Use one of = != < > <= >= IN LIKE MATCHES ISSUBSET ISSUPERSET, optionally after NOT.',
  );
}
