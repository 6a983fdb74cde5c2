import { requiredLiteral as sharedRequiredLiteral } from '../literals/index.ts';
import { sigmaError } from './sigma-error.ts';

/**
 * Turns a Sigma (PCRE-flavoured) regular expression into a JavaScript one. Leading inline flag groups
 * such as `(?i)` become flags, since JavaScript only accepts them scoped.
 */
export function compileSigmaRegex(source: string, flags: string): RegExp {
  let body = source;
  let all = flags;
  for (let m = /^\(\?([imsx]+)\)/.exec(body); m !== null; m = /^\(\?([imsx]+)\)/.exec(body)) {
    if ((m[1] as string).includes('x')) throw sigmaError("regex flag 'x' is not supported", { rule: 're' });
    all += m[1];
    body = body.slice(m[0].length);
  }
  const unique = [...new Set(all)].join('');
  try {
    return new RegExp(body, unique);
  } catch (e) {
    throw sigmaError(`invalid regular expression /${source}/: ${(e as Error).message}`, {
      rule: 're',
      hint: 'Use the PCRE subset the Sigma modifiers appendix allows',
    });
  }
}

/**
 * A literal that every match of the expression contains, of at least 3 characters, or `undefined`
 * (the shared reader: escapes such as `\x41` stand for other characters, so they end a literal rather
 * than join it). Flags do not matter here: the scan is of lowercased text for a lowercased literal.
 */
export function requiredLiteral(source: string): string | undefined {
  const literal = sharedRequiredLiteral(source, '');
  return literal !== undefined && literal.length >= 3 ? literal : undefined;
}
