import { BulwarkError } from '../../errors/index.ts';

const WINDOW = 60;

/**
 * A PATTERN_SYNTAX error whose message shows the place: `expected ']' at offset 42`, then the pattern
 * (a window of it when long) with a caret under the offending character.
 */
export function patternError(
  text: string,
  offset: number,
  what: string,
  rule: string,
  hint: string,
): BulwarkError {
  const at = Math.max(0, Math.min(offset, text.length));
  return new BulwarkError('PATTERN_SYNTAX', `${what} at offset ${at}\n${excerpt(text, at)}`, {
    offset: at,
    rule,
    hint,
  });
}

function excerpt(text: string, at: number): string {
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(text.length, at + WINDOW);
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  // Line breaks and tabs would break the caret's alignment; they print as one space each.
  const shown = text.slice(from, to).replace(/[\t\n\r\v\f]/g, ' ');
  return `  ${head}${shown}${tail}\n  ${' '.repeat(head.length + at - from)}^`;
}
