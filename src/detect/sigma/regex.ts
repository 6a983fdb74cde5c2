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
 * A literal that every match of the expression contains, if one is plain to see: the longest run of
 * literal characters at the top level, outside groups and classes, with no alternation anywhere.
 * Conservative by design; `undefined` when unsure.
 */
export function requiredLiteral(source: string): string | undefined {
  if (/(^|[^\\])(\\\\)*\|/.test(source) || /^\(\?/.test(source)) return undefined;
  let best = '';
  let run = '';
  let depth = 0;
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let k = 0; k < source.length; k++) {
    const c = source[k] as string;
    let lit: string | undefined;
    if (c === '\\') {
      const next = source[++k] ?? '';
      if (/[^A-Za-z0-9]/.test(next)) lit = next;
    } else if (c === '[') {
      while (k < source.length && source[k] !== ']') k += source[k] === '\\' ? 2 : 1;
    } else if (c === '{') {
      while (k < source.length && source[k] !== '}') k++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (!'.^$?*+{}|'.includes(c)) lit = c;
    const q = source[k + 1];
    if (lit === undefined || depth > 0) end();
    else if (q === '?' || q === '*' || q === '{') end();
    else {
      run += lit;
      if (q === '+') end();
    }
  }
  end();
  return best.length >= 3 ? best : undefined;
}
