import { sigmaError } from './sigma-error.ts';

/** A parsed Sigma condition. `of` with `pattern: undefined` is `… of them`. */
export type Condition =
  | { readonly t: 'id'; readonly name: string }
  | { readonly t: 'of'; readonly quantity: 'all' | number; readonly pattern: string | undefined }
  | { readonly t: 'not'; readonly e: Condition }
  | { readonly t: 'and' | 'or'; readonly l: Condition; readonly r: Condition };

interface Token {
  readonly kind: 'word' | 'num' | '(' | ')' | 'end';
  readonly text: string;
  readonly at: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all']);
const MAX_DEPTH = 200;
const TOKEN = /\s*(?:([A-Za-z_*][A-Za-z0-9_*.-]*)|(\d+)|([()])|(\S))/y;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length;
    if (m[1] !== undefined) out.push({ kind: 'word', text: m[1], at });
    else if (m[2] !== undefined) out.push({ kind: 'num', text: m[2], at });
    else if (m[3] !== undefined) out.push({ kind: m[3] as '(' | ')', text: m[3], at });
    else {
      const c = m[4] as string;
      const hint =
        c === '|'
          ? 'Aggregations (`| count() …`) are deprecated: write a Sigma correlation rule instead'
          : 'A condition uses identifiers, and/or/not, `1 of`/`all of`, and parentheses';
      throw conditionError(`unexpected '${c}'`, text, at, hint);
    }
    if (TOKEN.lastIndex >= text.length) break;
  }
  out.push({ kind: 'end', text: '', at: text.length });
  return out;
}

function conditionError(message: string, text: string, at: number, hint?: string) {
  return sigmaError(`condition: ${message} at offset ${at}`, {
    offset: at,
    column: at + 1,
    rule: 'condition',
    ...(hint ? { hint } : {}),
    details: { condition: text },
  });
}

/** Parses a condition: or < and < not < `x of` < parentheses, as the specification orders them. */
export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] as Token;
  const isWord = (tok: Token, w: string): boolean => tok.kind === 'word' && tok.text.toLowerCase() === w;
  const describe = (tok: Token): string => (tok.kind === 'end' ? 'end of condition' : `'${tok.text}'`);

  const parseOr = (): Condition => {
    let l = parseAnd();
    while (isWord(peek(), 'or')) {
      pos++;
      l = { t: 'or', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): Condition => {
    let l = parseNot();
    while (isWord(peek(), 'and')) {
      pos++;
      l = { t: 'and', l, r: parseNot() };
    }
    return l;
  };
  const parseNot = (): Condition => {
    if (!isWord(peek(), 'not')) return parsePrimary();
    pos++;
    if (++depth > MAX_DEPTH) throw conditionError('nested too deeply', text, peek().at);
    const e = parseNot();
    depth--;
    return { t: 'not', e };
  };
  const parsePrimary = (): Condition => {
    const tok = peek();
    if (tok.kind === '(') {
      pos++;
      if (++depth > MAX_DEPTH) throw conditionError('nested too deeply', text, tok.at);
      const e = parseOr();
      depth--;
      const close = peek();
      if (close.kind !== ')')
        throw conditionError(`expected ')' but found ${describe(close)}`, text, close.at);
      pos++;
      return e;
    }
    if (tok.kind === 'num' || isWord(tok, 'all')) return parseOf(tok);
    if (tok.kind === 'word' && !KEYWORDS.has(tok.text.toLowerCase())) {
      if (tok.text.includes('*'))
        throw conditionError(`wildcard identifier '${tok.text}' needs '1 of' or 'all of'`, text, tok.at);
      pos++;
      return { t: 'id', name: tok.text };
    }
    throw conditionError(
      `expected an identifier, 'not', 'x of' or '(' but found ${describe(tok)}`,
      text,
      tok.at,
    );
  };
  const parseOf = (tok: Token): Condition => {
    pos++;
    const quantity = tok.kind === 'num' ? Number(tok.text) : 'all';
    if (quantity === 0) throw conditionError("'0 of' never holds; write 'not 1 of'", text, tok.at);
    if (!isWord(peek(), 'of'))
      throw conditionError(`expected 'of' but found ${describe(peek())}`, text, peek().at);
    pos++;
    const target = peek();
    if (isWord(target, 'them')) {
      pos++;
      return { t: 'of', quantity, pattern: undefined };
    }
    if (target.kind !== 'word' || KEYWORDS.has(target.text.toLowerCase())) {
      throw conditionError(
        `expected 'them' or an identifier pattern but found ${describe(target)}`,
        text,
        target.at,
      );
    }
    pos++;
    return { t: 'of', quantity, pattern: target.text };
  };

  const result = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') throw conditionError(`unexpected ${describe(rest)}`, text, rest.at);
  return result;
}

const PRECEDENCE = { or: 1, and: 2, not: 3, of: 4, id: 4 } as const;

/** Writes a condition back with the fewest parentheses that keep its tree. */
export function formatCondition(c: Condition): string {
  switch (c.t) {
    case 'id':
      return c.name;
    case 'of':
      return `${c.quantity} of ${c.pattern ?? 'them'}`;
    case 'not':
      return `not ${wrap(c.e, PRECEDENCE.not)}`;
    default: {
      const p = PRECEDENCE[c.t];
      // Left-associative: a right child of equal precedence needs parentheses.
      return `${wrap(c.l, p)} ${c.t} ${wrap(c.r, p + 1)}`;
    }
  }
}

function wrap(c: Condition, min: number): string {
  const s = formatCondition(c);
  return PRECEDENCE[c.t] < min ? `(${s})` : s;
}

/** The identifiers an `x of pattern` names (`them`: all not starting with `_`). */
export function identifiersOf(pattern: string | undefined, names: readonly string[]): string[] {
  if (pattern === undefined) return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.split('*').map(escapeRe).join('.*')}$`);
  return names.filter((n) => re.test(n));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Checks that every identifier and pattern of a condition names at least one search. */
export function checkReferences(c: Condition, names: readonly string[], text: string): void {
  switch (c.t) {
    case 'id':
      if (!names.includes(c.name))
        throw conditionErrorAt(`unknown search identifier '${c.name}'`, text, c.name);
      return;
    case 'of':
      if (identifiersOf(c.pattern, names).length === 0) {
        throw conditionErrorAt(
          `'${c.pattern ?? 'them'}' matches no search identifier`,
          text,
          c.pattern ?? 'them',
        );
      }
      return;
    case 'not':
      checkReferences(c.e, names, text);
      return;
    default:
      checkReferences(c.l, names, text);
      checkReferences(c.r, names, text);
  }
}

function conditionErrorAt(message: string, text: string, word: string) {
  const at =
    new RegExp(`(?<![A-Za-z0-9_*.\\-])${escapeRe(word)}(?![A-Za-z0-9_*.\\-])`).exec(text)?.index ?? 0;
  return conditionError(message, text, at, `Define it under detection, or fix the name`);
}
