import { type GlobToken, ONE, STAR } from './wildcard.ts';

/** Tests a (possibly pre-lowercased) string against a compiled pattern. */
export type StringTest = (s: string) => boolean;

/**
 * Compiles a glob to the cheapest test that decides it: equality, prefix, suffix, substring, an
 * ordered scan of literals for star-only globs, and a regular expression only when `?` occurs.
 */
export function compileGlob(tokens: readonly GlobToken[]): StringTest {
  const n = tokens.length;
  if (n === 0) return (s) => s.length === 0;
  const first = tokens[0];
  const last = tokens[n - 1];
  if (n === 1) {
    if (first === STAR) return () => true;
    if (typeof first === 'string') return (s) => s === first;
  }
  if (n === 2 && first === STAR && typeof last === 'string') return (s) => s.endsWith(last);
  if (n === 2 && last === STAR && typeof first === 'string') return (s) => s.startsWith(first);
  const mid = tokens[1];
  if (n === 3 && first === STAR && last === STAR && typeof mid === 'string') return (s) => s.includes(mid);
  if (tokens.includes(ONE)) return compileRegexGlob(tokens);
  return compileStarGlob(tokens);
}

function compileStarGlob(tokens: readonly GlobToken[]): StringTest {
  const lits = tokens.filter((t): t is string => typeof t === 'string');
  const anchoredStart = tokens[0] !== STAR;
  const anchoredEnd = tokens[tokens.length - 1] !== STAR;
  const minLength = lits.reduce((a, l) => a + l.length, 0);
  return (s) => {
    if (s.length < minLength) return false;
    let from = 0;
    let lo = 0;
    let hi = lits.length;
    if (anchoredStart) {
      if (!s.startsWith(lits[0] as string)) return false;
      from = (lits[0] as string).length;
      lo = 1;
    }
    let end = s.length;
    if (anchoredEnd && hi > lo) {
      const tail = lits[hi - 1] as string;
      if (!s.endsWith(tail) || s.length - tail.length < from) return false;
      end = s.length - tail.length;
      hi--;
    }
    // Leftmost placement of each middle literal is optimal when only `*` separates them.
    for (let k = lo; k < hi; k++) {
      const lit = lits[k] as string;
      const at = s.indexOf(lit, from);
      if (at < 0 || at + lit.length > end) return false;
      from = at + lit.length;
    }
    return true;
  };
}

function compileRegexGlob(tokens: readonly GlobToken[]): StringTest {
  let src = '^';
  for (const t of tokens) {
    if (t === STAR) src += '.*';
    else if (t === ONE) src += '.';
    else src += t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`${src}$`, 's');
  return (s) => re.test(s);
}
