/**
 * Regular expressions that are only literals and `.*` between `^` and `$` with the `s` flag (what
 * `LIKE` without `_` becomes) verified without the regex engine: the literals in order, the first at
 * the start, the last at the end. Thousands of such expressions each run a few times never leave
 * V8's regex interpreter, so this is much cheaper than `test` for the automaton's candidates.
 */

/** The literal segments of `^a.*b.*c$` (['a', 'b', 'c']), or undefined when the expression is anything else. */
export function anchoredGlob(source: string, flags: string): string[] | undefined {
  // without `s`, `.` stops at line ends; with `i`, letters fold
  if (!flags.includes('s') || flags.includes('i') || flags.includes('m')) return undefined;
  const n = source.length;
  if (n < 2 || source[0] !== '^' || source[n - 1] !== '$' || source[n - 2] === '\\') return undefined;
  const segments: string[] = [];
  // characters gathered in an array: `+=` one at a time would keep a rope of cons cells per segment
  let segment: string[] = [];
  for (let k = 1; k < n - 1; k++) {
    const ch = source[k]!;
    const code = source.charCodeAt(k);
    // lone surrogates in unicode mode match only unpaired ones: left to the regex engine
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    if (ch === '.' && source[k + 1] === '*' && source[k + 2] !== '?') {
      segments.push(segment.join(''));
      segment = [];
      k++;
    } else if (ch === '\\') {
      const d = source[k + 1];
      if (d === undefined || /[A-Za-z0-9_]/.test(d) || k + 1 >= n - 1) return undefined;
      const dc = source.charCodeAt(k + 1);
      if (dc >= 0xd800 && dc <= 0xdfff) return undefined;
      segment.push(d);
      k++;
    } else if ('^$.*+?()[]{}|/'.includes(ch)) return undefined;
    else segment.push(ch);
    // a quantifier after a literal (or after `.*`) would repeat it: not a plain glob
    if ('*+?{'.includes(source[k + 1]!)) return undefined;
  }
  segments.push(segment.join(''));
  return segments;
}

/** Does `value` match the glob `segments` (from `anchoredGlob`)? */
export function globMatches(segments: readonly string[], value: string): boolean {
  const last = segments.length - 1;
  const first = segments[0]!;
  if (last === 0) return value === first;
  if (!value.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < last; i++) {
    const found = value.indexOf(segments[i]!, at);
    if (found < 0) return false;
    at = found + segments[i]!.length;
  }
  const tail = segments[last]!;
  return value.length - tail.length >= at && value.endsWith(tail);
}
