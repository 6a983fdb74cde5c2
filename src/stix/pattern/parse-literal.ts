import type { Literal, LiteralKind } from './ast.ts';
import type { Lexer } from './lexer.ts';

/** Which literals an operator takes, as the grammar says. */
export type LiteralClass = 'primitive' | 'orderable' | 'string';

const ALLOWED: Record<LiteralClass, ReadonlySet<LiteralKind>> = {
  primitive: new Set(['string', 'int', 'float', 'bool', 'hex', 'binary', 'timestamp']),
  orderable: new Set(['string', 'int', 'float', 'hex', 'binary', 'timestamp']),
  string: new Set(['string']),
};

const DESCRIBED: Record<LiteralClass, string> = {
  primitive: 'a literal',
  orderable: 'a string, number, hex, binary or timestamp literal',
  string: 'a string literal',
};

/** Reads the current token as a literal of the class `operator` takes, then moves past it. */
export function parseLiteral(lx: Lexer, cls: LiteralClass, operator: string): Literal {
  const literal = current(lx);
  if (literal === undefined || !ALLOWED[cls].has(literal.kind)) {
    const found = lx.kind === 'eof' ? 'the end' : `'${lx.text.slice(lx.start, lx.end)}'`;
    throw lx.error(
      lx.start,
      `expected ${DESCRIBED[cls]} after ${operator}, found ${found}`,
      'literal',
      literalHint(cls),
    );
  }
  lx.next();
  return literal;
}

/** `( literal, … )`, possibly empty. */
export function parseSet(lx: Lexer): Literal[] {
  if (lx.kind !== '(') {
    throw lx.error(lx.start, "expected '(' after IN", 'set', "Write a set as ('a', 'b').");
  }
  lx.next();
  const items: Literal[] = [];
  if ((lx.kind as string) === ')') {
    lx.next();
    return items;
  }
  for (;;) {
    items.push(parseLiteral(lx, 'primitive', 'IN'));
    if ((lx.kind as string) === ')') break;
    if ((lx.kind as string) !== ',')
      throw lx.error(
        lx.start,
        "expected ',' or ')' in set",
        'set',
        "Separate set members with commas and close with ')'.",
      );
    lx.next();
  }
  lx.next();
  return items;
}

function current(lx: Lexer): Literal | undefined {
  const span = { start: lx.start, end: lx.end };
  switch (lx.kind) {
    case 'string':
    case 'hex':
    case 'binary':
    case 'timestamp':
      return { kind: lx.kind, value: lx.str, ...span };
    case 'int':
    case 'float':
      // -0 would print as 0; normalising keeps format → parse an identity.
      return { kind: lx.kind, value: lx.num + 0, ...span };
    case 'word':
      if (lx.str === 'true' || lx.str === 'false') return { kind: 'bool', value: lx.str === 'true', ...span };
      return undefined;
    default:
      return undefined;
  }
}

function literalHint(cls: LiteralClass): string {
  if (cls === 'string') return "Quote the value with single quotes, e.g. 'a.exe'.";
  return "Quote strings with single quotes ('a'); numbers bare (42, 4.2); t'…' for times, h'…' hex, b'…' base64.";
}
