import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  Pattern,
  PatternExpression,
  Qualifier,
} from './ast.ts';
import { BARE_KEY, KEYWORDS } from './keywords.ts';

/**
 * Canonical text of a pattern: single spaces, `=` and `!=` spellings, parentheses only where
 * precedence needs them. `parsePattern(formatPattern(p))` gives back `p` (offsets aside).
 */
export function formatPattern(pattern: Pattern | PatternExpression): string {
  return pattern.kind === 'pattern' ? expression(pattern.expression) : expression(pattern);
}

const OBS_PRECEDENCE = { followedby: 1, 'obs-or': 2, 'obs-and': 3 } as const;
const OBS_WORD = { followedby: 'FOLLOWEDBY', 'obs-or': 'OR', 'obs-and': 'AND' } as const;

function expression(e: PatternExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${comparison(e.comparison)}]`;
    case 'qualified':
      return qualified(e);
    default: {
      const p = OBS_PRECEDENCE[e.kind];
      const left = expression(e.left);
      const right = expression(e.right);
      const l = e.left.kind in OBS_PRECEDENCE && obsPrecedence(e.left) < p ? `(${left})` : left;
      const r = e.right.kind in OBS_PRECEDENCE && obsPrecedence(e.right) <= p ? `(${right})` : right;
      return `${l} ${OBS_WORD[e.kind]} ${r}`;
    }
  }
}

function obsPrecedence(e: PatternExpression): number {
  return e.kind === 'observation' || e.kind === 'qualified' ? 4 : OBS_PRECEDENCE[e.kind];
}

/**
 * A run of qualifiers prints after its base. Junctions need parentheses; so does a qualifier kind
 * repeated directly on `[…]`, which the grammar's checker accepts only on a group.
 */
function qualified(e: PatternExpression): string {
  const chain: Qualifier[] = [];
  let base = e;
  while (base.kind === 'qualified') {
    chain.push(base.qualifier);
    base = base.expression;
  }
  let text = base.kind === 'observation' ? expression(base) : `(${expression(base)})`;
  let seen: Set<string> | undefined = base.kind === 'observation' ? new Set() : undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const q = chain[i]!;
    if (seen?.has(q.kind)) {
      text = `(${text})`;
      seen = undefined;
    }
    seen?.add(q.kind);
    text = `${text} ${qualifier(q)}`;
  }
  return text;
}

function qualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${plainNumber(q.seconds, Number.isInteger(q.seconds))} SECONDS`;
    case 'repeats':
      return `REPEATS ${plainNumber(q.times, true)} TIMES`;
    case 'start-stop':
      return `START t'${q.startTime}' STOP t'${q.stopTime}'`;
  }
}

function comparison(c: ComparisonExpression): string {
  switch (c.kind) {
    case 'exists':
      return `EXISTS ${formatPath(c.path)}`;
    case 'comparison': {
      const value = Array.isArray(c.value)
        ? `(${c.value.map(formatLiteral).join(', ')})`
        : formatLiteral(c.value as Literal);
      return `${formatPath(c.path)} ${c.negated ? 'NOT ' : ''}${c.operator} ${value}`;
    }
    default: {
      const left = comparison(c.left);
      const right = comparison(c.right);
      if (c.kind === 'or') return `${left} OR ${c.right.kind === 'or' ? `(${right})` : right}`;
      const l = c.left.kind === 'or' ? `(${left})` : left;
      const r = c.right.kind === 'or' || c.right.kind === 'and' ? `(${right})` : right;
      return `${l} AND ${r}`;
    }
  }
}

/** `type:key.'quoted key'[0][*]` */
export function formatPath(path: ObjectPath): string {
  return `${path.objectType}:${formatSteps(path)}`;
}

/** The path after the colon. */
export function formatSteps(path: ObjectPath): string {
  let out = '';
  for (let i = 0; i < path.steps.length; i++) {
    const step = path.steps[i]!;
    if (step.kind === 'index') out += `[${step.index}]`;
    else {
      const name = BARE_KEY.test(step.name) && !KEYWORDS.has(step.name) ? step.name : quote(step.name);
      out += i === 0 ? name : `.${name}`;
    }
  }
  return out;
}

export function formatLiteral(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return quote(l.value);
    case 'int':
      return plainNumber(l.value, true);
    case 'float':
      return plainNumber(l.value, false);
    case 'bool':
      return l.value ? 'true' : 'false';
    case 'hex':
      return `h'${l.value}'`;
    case 'binary':
      return `b'${l.value}'`;
    case 'timestamp':
      return `t'${l.value}'`;
  }
}

/** A string literal: only `'` and `\` are escaped, as the grammar allows nothing else. */
export function quote(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/** Decimal digits without exponent (the grammar has none); floats always show a '.'. */
export function plainNumber(value: number, integer: boolean): string {
  if (integer) return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  const text = expand(String(value));
  return text.includes('.') ? text : `${text}.0`;
}

function expand(text: string): string {
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
