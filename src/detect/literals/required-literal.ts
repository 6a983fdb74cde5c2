/**
 * A literal that every match of a JavaScript regular expression contains, read from its source, for the
 * Aho-Corasick prefilter of LIKE / MATCHES: only expressions whose literal occurs in a value are run.
 * Conservative by construction: whatever is not plainly understood (escapes such as `\x41` or `\1`,
 * inline modifiers, a bare `{`, the `v` flag) gives `undefined`, and the expression stays in the
 * combined alternation. Only ASCII characters are taken (the scanner's alphabet).
 */

/** Thrown inside the parser when the source holds something it does not read with certainty. */
const UNSURE = Symbol('unsure');

interface Cursor {
  readonly s: string;
  pos: number;
  /** Case-insensitive with Unicode folding: `k` and `s` also match U+212A and U+017F, so they are no literal. */
  readonly unicodeFold: boolean;
}

export function requiredLiteral(source: string, flags: string): string | undefined {
  if (flags.includes('v')) return undefined;
  const c: Cursor = { s: source, pos: 0, unicodeFold: flags.includes('i') && flags.includes('u') };
  try {
    const literal = disjunction(c);
    if (c.pos !== source.length) return undefined;
    return literal.length > 0 ? literal : undefined;
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}

/** `a|b|…` up to `)` or the end: a literal that occurs in the literal of every branch. */
function disjunction(c: Cursor): string {
  const branches = [alternative(c)];
  while (c.s[c.pos] === '|') {
    c.pos++;
    branches.push(alternative(c));
  }
  return branches.length === 1 ? branches[0]! : commonSubstring(branches);
}

/** One branch: the longest run of literal characters that every match of it holds, groups included. */
function alternative(c: Cursor): string {
  const s = c.s;
  let best = '';
  let run = '';
  const commit = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  while (c.pos < s.length) {
    const ch = s[c.pos]!;
    if (ch === '|' || ch === ')') break;
    let lit: string | undefined;
    let inner = '';
    if (ch === '\\') lit = escaped(c);
    else if (ch === '[') skipClass(c);
    else if (ch === '(') inner = group(c);
    else if (ch === '.' || ch === '^' || ch === '$') c.pos++;
    else if ('*+?{}]'.includes(ch)) throw UNSURE;
    else {
      lit = ch;
      c.pos++;
    }
    const min = quantifierMin(c);
    const usable = lit !== undefined && lit.charCodeAt(0) < 128 && !(c.unicodeFold && /[ks]/i.test(lit));
    if (usable && min === -1) run += lit;
    else if (usable && min >= 1) {
      // `ab+c`: "ab" and "bc" are both required, not "abc"
      run += lit;
      commit();
      run = lit!;
    } else {
      commit();
      if (inner.length > best.length && min !== 0) best = inner;
    }
  }
  commit();
  return best;
}

/** An escape outside a class: the character it stands for when it is a plain one, else undefined. */
function escaped(c: Cursor): string | undefined {
  const d = c.s[c.pos + 1];
  if (d === undefined) throw UNSURE;
  c.pos += 2;
  if ('dDwWsSbBnrtfv'.includes(d)) return undefined;
  if (/[A-Za-z0-9_]/.test(d)) throw UNSURE; // \x41, \u{…}, \cJ, \p{…}, \k<…>, \1, \0: not read here
  return d;
}

function skipClass(c: Cursor): void {
  const s = c.s;
  c.pos++;
  // In JavaScript `[]` is the empty class and `[^]` any character: the first `]` always closes.
  while (c.pos < s.length && s[c.pos] !== ']') c.pos += s[c.pos] === '\\' ? 2 : 1;
  if (c.pos >= s.length) throw UNSURE;
  c.pos++;
}

/** A group: the literal its content requires; lookarounds require nothing of the consumed text. */
function group(c: Cursor): string {
  const s = c.s;
  let look = false;
  if (s.startsWith('(?:', c.pos)) c.pos += 3;
  else if (s.startsWith('(?=', c.pos) || s.startsWith('(?!', c.pos)) {
    c.pos += 3;
    look = true;
  } else if (s.startsWith('(?<=', c.pos) || s.startsWith('(?<!', c.pos)) {
    c.pos += 4;
    look = true;
  } else if (s.startsWith('(?<', c.pos)) {
    const close = s.indexOf('>', c.pos);
    if (close < 0) throw UNSURE;
    c.pos = close + 1;
  } else if (s.startsWith('(?', c.pos))
    throw UNSURE; // modifiers such as (?i:…)
  else c.pos++;
  const inner = disjunction(c);
  if (s[c.pos] !== ')') throw UNSURE;
  c.pos++;
  return look ? '' : inner;
}

/** The minimum count of a quantifier at the cursor (consumed, lazy `?` too), or -1 when there is none. */
function quantifierMin(c: Cursor): number {
  const s = c.s;
  const q = s[c.pos];
  let min: number;
  if (q === '*' || q === '?') {
    min = 0;
    c.pos++;
  } else if (q === '+') {
    min = 1;
    c.pos++;
  } else if (q === '{') {
    const m = /^\{(\d+)(?:,(\d*))?\}/.exec(s.slice(c.pos, c.pos + 24));
    if (m === null) throw UNSURE; // a literal `{` outside unicode mode: not read here
    min = Number(m[1]);
    c.pos += m[0].length;
  } else return -1;
  if (s[c.pos] === '?') c.pos++;
  return min;
}

/** The longest string found in every one of `xs` (a substring of each branch's literal is required by every branch). */
function commonSubstring(xs: readonly string[]): string {
  let shortest = xs[0]!;
  for (const x of xs) if (x.length < shortest.length) shortest = x;
  // bounded work on long branches: a substring of a prefix is still a substring
  shortest = shortest.slice(0, 64);
  for (let len = shortest.length; len > 0; len--)
    for (let i = 0; i + len <= shortest.length; i++) {
      const sub = shortest.slice(i, i + len);
      if (xs.every((x) => x.includes(sub))) return sub;
    }
  return '';
}
