import type { BulwarkError } from '../../errors/index.ts';
import { patternError } from './syntax-error.ts';

export type TokenKind =
  | 'eof'
  | 'word'
  | 'string'
  | 'int'
  | 'float'
  | 'hex'
  | 'binary'
  | 'timestamp'
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | '='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>=';

const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

/**
 * A pull lexer: one current token held in fields, so scanning allocates nothing but the token's text.
 * Keywords are plain words; the parser decides by context (they are case-sensitive, as in STIX 2.1).
 */
export class Lexer {
  readonly text: string;
  kind: TokenKind = 'eof';
  start = 0;
  end = 0;
  /** Word text, decoded string value or literal body; numbers use `num`. */
  str = '';
  num = 0;
  /** End of the token before the current one. */
  previousEnd = 0;
  private pos = 0;

  constructor(text: string) {
    this.text = text;
    this.next();
  }

  error(offset: number, what: string, rule: string, hint: string): BulwarkError {
    return patternError(this.text, offset, what, rule, hint);
  }

  next(): void {
    this.previousEnd = this.end;
    this.skipBlank();
    const text = this.text;
    const at = this.pos;
    this.start = at;
    this.str = '';
    if (at >= text.length) {
      this.kind = 'eof';
      this.end = at;
      return;
    }
    const c = text.charCodeAt(at);
    if (isWordStart(c)) this.word(at);
    else if (c === 39) this.string(at);
    else if (isDigit(c) || c === 43 || c === 45 || (c === 46 && isDigit(text.charCodeAt(at + 1))))
      this.number(at);
    else this.punctuation(at, c);
    this.end = this.pos;
  }

  private skipBlank(): void {
    const text = this.text;
    let p = this.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (isSpace(c)) p++;
      else if (c === 47 && text.charCodeAt(p + 1) === 42) {
        const close = text.indexOf('*/', p + 2);
        if (close < 0)
          throw this.error(
            p,
            "unterminated comment: '/*' without '*/'",
            'comment',
            "Close the comment with '*/'.",
          );
        p = close + 2;
      } else if (c === 47 && text.charCodeAt(p + 1) === 47) {
        while (p < text.length && text.charCodeAt(p) !== 10 && text.charCodeAt(p) !== 13) p++;
      } else break;
    }
    this.pos = p;
  }

  private word(at: number): void {
    const text = this.text;
    const c = text.charCodeAt(at);
    if ((c === 104 || c === 98 || c === 116) && text.charCodeAt(at + 1) === 39) {
      this.prefixed(at, c);
      return;
    }
    let p = at + 1;
    while (p < text.length && isWordPart(text.charCodeAt(p))) p++;
    this.kind = 'word';
    this.str = text.slice(at, p);
    this.pos = p;
  }

  private string(at: number): void {
    const text = this.text;
    let p = at + 1;
    let out = '';
    let from = p;
    for (;;) {
      if (p >= text.length) {
        throw this.error(
          at,
          'unterminated string literal',
          'string',
          "Close the string with a single quote; write a quote inside it as \\'.",
        );
      }
      const c = text.charCodeAt(p);
      if (c === 39) break;
      if (c === 92) {
        const e = text.charCodeAt(p + 1);
        if (e !== 39 && e !== 92) {
          throw this.error(
            p,
            'invalid escape in string literal',
            'string',
            "Only \\' and \\\\ are escapes in STIX patterns; write a backslash as \\\\.",
          );
        }
        out += text.slice(from, p) + (e === 39 ? "'" : '\\');
        p += 2;
        from = p;
      } else p++;
    }
    this.kind = 'string';
    this.str = out + text.slice(from, p);
    this.pos = p + 1;
  }

  /** `h'…'`, `b'…'` and `t'…'`: no escapes inside, the body must match its own grammar. */
  private prefixed(at: number, c: number): void {
    const text = this.text;
    const close = text.indexOf("'", at + 2);
    if (close < 0)
      throw this.error(at, 'unterminated literal', 'literal', 'Close the literal with a single quote.');
    const body = text.slice(at + 2, close);
    if (c === 104 && !HEX.test(body)) {
      throw this.error(at, 'invalid hex literal', 'hex', "Write an even number of hex digits, e.g. h'ffd8'.");
    }
    if (c === 98 && !BASE64.test(body)) {
      throw this.error(at, 'invalid binary literal', 'binary', "Write padded base64, e.g. b'dGhpcw=='.");
    }
    if (c === 116 && !TIMESTAMP.test(body)) {
      throw this.error(
        at,
        'invalid timestamp literal',
        'timestamp',
        "Write an RFC 3339 UTC time, e.g. t'2016-01-01T00:00:00Z'.",
      );
    }
    this.kind = c === 104 ? 'hex' : c === 98 ? 'binary' : 'timestamp';
    this.str = body;
    this.pos = close + 1;
  }

  private number(at: number): void {
    const text = this.text;
    let p = at;
    if (text.charCodeAt(p) === 43 || text.charCodeAt(p) === 45) p++;
    const digitsFrom = p;
    while (isDigit(text.charCodeAt(p))) p++;
    const intDigits = p - digitsFrom;
    let isFloat = false;
    if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
      isFloat = true;
      p += 1;
      while (isDigit(text.charCodeAt(p))) p++;
    }
    if (!isFloat && intDigits === 0) {
      throw this.error(
        at,
        'expected a number after the sign',
        'number',
        "Write digits after '+' or '-', e.g. -5 or -0.5.",
      );
    }
    if (!isFloat && intDigits > 1 && text.charCodeAt(digitsFrom) === 48) {
      throw this.error(
        at,
        'integer with a leading zero',
        'number',
        'Write integers without leading zeros, e.g. 7 rather than 007.',
      );
    }
    this.kind = isFloat ? 'float' : 'int';
    this.str = text.slice(at, p);
    this.num = Number(this.str);
    this.pos = p;
  }

  private punctuation(at: number, c: number): void {
    const two = this.text.slice(at, at + 2);
    const double = DOUBLE[two];
    const kind = double ?? SINGLE[this.text[at] ?? ''];
    if (kind === undefined) {
      const ch = String.fromCodePoint(this.text.codePointAt(at) ?? c);
      throw this.error(
        at,
        `unexpected character '${ch}'`,
        'character',
        'Remove it, or quote it inside a string literal.',
      );
    }
    this.kind = kind;
    this.pos = at + (double === undefined ? 1 : 2);
  }
}

/** '==' and '<>' are the grammar's other spellings of '=' and '!='. */
const DOUBLE: Record<string, TokenKind | undefined> = {
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<=': '<=',
  '>=': '>=',
};

const SINGLE: Record<string, TokenKind | undefined> = {
  '[': '[',
  ']': ']',
  '(': '(',
  ')': ')',
  ':': ':',
  '.': '.',
  ',': ',',
  '*': '*',
  '=': '=',
  '<': '<',
  '>': '>',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 45;
}

function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
