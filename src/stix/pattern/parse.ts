import type { Pattern, PatternExpression, Qualifier } from './ast.ts';
import { checkSameTypeInAnd } from './check-types.ts';
import { Lexer } from './lexer.ts';
import { type Budget, enter, nest, parseComparisonOr } from './parse-comparison.ts';
import { compareTimestamps } from './timestamp.ts';

export interface ParseOptions {
  /**
   * Enforce that comparisons joined by AND inside one `[…]` use one object type (default true). Off
   * only where a malformed but readable pattern is still useful, e.g. indexing its values.
   */
  readonly sameTypeInAnd?: boolean;
}

/**
 * Parses a STIX 2.1 pattern into its AST, or throws BulwarkError('PATTERN_SYNTAX') with the offset.
 * Precedence between observations, loosest first: FOLLOWEDBY, OR, AND, then postfix qualifiers
 * (which bind to the observation or group just before them, as the spec's grammar says).
 */
export function parsePattern(text: string, options: ParseOptions = {}): Pattern {
  const lx = new Lexer(text);
  const parser: State = { lx, budget: { used: 0, depth: 0 }, sameType: options.sameTypeInAnd !== false };
  const expression = parseFollowedBy(parser);
  if (lx.kind !== 'eof') {
    throw lx.error(
      lx.start,
      `unexpected '${lx.text.slice(lx.start, lx.end)}' after the pattern`,
      'pattern',
      'Join observation expressions with AND, OR or FOLLOWEDBY.',
    );
  }
  return { kind: 'pattern', expression, start: expression.start, end: expression.end };
}

interface State {
  readonly lx: Lexer;
  readonly budget: Budget;
  readonly sameType: boolean;
}

function parseFollowedBy(s: State): PatternExpression {
  let left = parseOr(s);
  while (s.lx.kind === 'word' && s.lx.str === 'FOLLOWEDBY') {
    enter(s.lx, s.budget);
    s.lx.next();
    const right = parseOr(s);
    left = { kind: 'followedby', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseOr(s: State): PatternExpression {
  let left = parseAnd(s);
  while (s.lx.kind === 'word' && s.lx.str === 'OR') {
    enter(s.lx, s.budget);
    s.lx.next();
    const right = parseAnd(s);
    left = { kind: 'obs-or', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseAnd(s: State): PatternExpression {
  let left = parseQualified(s);
  while (s.lx.kind === 'word' && s.lx.str === 'AND') {
    enter(s.lx, s.budget);
    s.lx.next();
    const right = parseQualified(s);
    left = { kind: 'obs-and', left, right, start: left.start, end: right.end };
  }
  return left;
}

/** `[…]` or `(…)`, then any qualifiers. */
function parseQualified(s: State): PatternExpression {
  const lx = s.lx;
  let expression: PatternExpression;
  const bracketed = lx.kind === '[';
  if (bracketed) expression = parseObservation(s);
  else if (lx.kind === '(') expression = parseGroup(s);
  else {
    const found = lx.kind === 'eof' ? 'the end' : `'${lx.text.slice(lx.start, lx.end)}'`;
    throw lx.error(
      lx.start,
      `expected '[' or '(', found ${found}`,
      'observation',
      "Put comparisons in square brackets: [file:name = 'a.exe'].",
    );
  }
  // The reference validator rejects a qualifier type repeated directly on […]; a group may repeat one.
  const seen = new Set<string>();
  for (;;) {
    const at = lx.start;
    const qualifier = parseQualifier(s);
    if (qualifier === undefined) return expression;
    if (bracketed && seen.has(qualifier.kind)) {
      throw lx.error(
        at,
        `duplicate ${qualifier.kind.toUpperCase()} qualifier`,
        'duplicate-qualifier',
        'Keep one qualifier of each kind on an observation, or group it with parentheses first.',
      );
    }
    seen.add(qualifier.kind);
    enter(lx, s.budget);
    expression = { kind: 'qualified', expression, qualifier, start: expression.start, end: qualifier.end };
  }
}

function parseObservation(s: State): PatternExpression {
  const lx = s.lx;
  const start = lx.start;
  lx.next();
  const comparison = parseComparisonOr(lx, s.budget);
  if (lx.kind !== ']') {
    const found = lx.kind === 'eof' ? 'the end' : `'${lx.text.slice(lx.start, lx.end)}'`;
    throw lx.error(
      lx.start,
      `expected ']', found ${found}`,
      'observation',
      "Close the observation expression with ']', joining comparisons with AND or OR.",
    );
  }
  const end = lx.end;
  lx.next();
  if (s.sameType) checkSameTypeInAnd(lx.text, comparison);
  return { kind: 'observation', comparison, start, end };
}

function parseGroup(s: State): PatternExpression {
  const lx = s.lx;
  nest(lx, s.budget);
  enter(lx, s.budget);
  lx.next();
  const inner = parseFollowedBy(s);
  if (lx.kind !== ')') {
    const found = lx.kind === 'eof' ? 'the end' : `'${lx.text.slice(lx.start, lx.end)}'`;
    throw lx.error(
      lx.start,
      `expected ')', found ${found}`,
      'observation',
      "Close every '(' around observation expressions with ')'.",
    );
  }
  lx.next();
  s.budget.depth -= 1;
  return inner;
}

function parseQualifier(s: State): Qualifier | undefined {
  const lx = s.lx;
  if (lx.kind !== 'word') return undefined;
  const start = lx.start;
  if (lx.str === 'WITHIN') {
    lx.next();
    const seconds = positive(s, 'WITHIN', true);
    expectWord(s, 'SECONDS', 'WITHIN takes a time in seconds: WITHIN 300 SECONDS.');
    return { kind: 'within', seconds, start, end: lx.previousEnd };
  }
  if (lx.str === 'REPEATS') {
    lx.next();
    const times = positive(s, 'REPEATS', false);
    expectWord(s, 'TIMES', 'Write REPEATS n TIMES.');
    return { kind: 'repeats', times, start, end: lx.previousEnd };
  }
  if (lx.str === 'START') return parseStartStop(s);
  return undefined;
}

function parseStartStop(s: State): Qualifier {
  const lx = s.lx;
  const start = lx.start;
  lx.next();
  const startTime = timestamp(s, 'START');
  expectWord(s, 'STOP', "Write START t'…' STOP t'…'.");
  const stopAt = lx.start;
  const stopTime = timestamp(s, 'STOP');
  if (compareTimestamps(startTime, stopTime) >= 0) {
    throw lx.error(
      stopAt,
      'STOP is not later than START',
      'start-before-stop',
      'Give a STOP time after the START time.',
    );
  }
  return { kind: 'start-stop', startTime, stopTime, start, end: lx.previousEnd };
}

function positive(s: State, keyword: string, fractional: boolean): number {
  const lx = s.lx;
  const ok = lx.kind === 'int' || (fractional && lx.kind === 'float');
  if (!ok || lx.str.startsWith('-') || lx.num <= 0 || !Number.isFinite(lx.num)) {
    const kind = fractional ? 'a positive number' : 'a positive integer';
    throw lx.error(
      lx.start,
      `expected ${kind} after ${keyword}`,
      'qualifier',
      `${keyword} takes ${kind}, e.g. ${keyword} 5 ${fractional ? 'SECONDS' : 'TIMES'}.`,
    );
  }
  const value = lx.num;
  lx.next();
  return value;
}

function timestamp(s: State, keyword: string): string {
  const lx = s.lx;
  if (lx.kind !== 'timestamp') {
    throw lx.error(
      lx.start,
      `expected a timestamp after ${keyword}`,
      'qualifier',
      "Write times as t'2016-01-01T00:00:00Z'.",
    );
  }
  const value = lx.str;
  lx.next();
  return value;
}

function expectWord(s: State, word: string, hint: string): void {
  const lx = s.lx;
  if (lx.kind !== 'word' || lx.str !== word) {
    throw lx.error(lx.start, `expected ${word}`, 'qualifier', hint);
  }
  lx.next();
}
