/**
 * Sigma plain values: `*` and `?` wildcards with backslash escaping as the specification defines it
 * (`\*`, `\?` and `\\` escape; a backslash before anything else is itself).
 */

export const STAR = 0;
export const ONE = 1;
/** A literal run (never empty), or a wildcard. */
export type GlobToken = string | typeof STAR | typeof ONE;

export function parseSigmaString(raw: string): GlobToken[] {
  const out: GlobToken[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') out.push(lit);
    lit = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        lit += next;
        i++;
      } else lit += c;
    } else if (c === '*' || c === '?') {
      flush();
      if (c === '?') out.push(ONE);
      else if (out[out.length - 1] !== STAR) out.push(STAR);
    } else lit += c;
  }
  flush();
  return out;
}

/** Writes tokens back as a Sigma string, escaping what would otherwise read as a wildcard. */
export function formatSigmaString(tokens: readonly GlobToken[]): string {
  let s = '';
  for (const t of tokens) {
    if (t === STAR) s += '*';
    else if (t === ONE) s += '?';
    else s += t.replace(/[\\*?]/g, (c) => `\\${c}`);
  }
  return s;
}

export function hasWildcards(tokens: readonly GlobToken[]): boolean {
  return tokens.some((t) => typeof t !== 'string');
}

/** Puts a `*` at the start and/or the end, merging with one already there. */
export function wrapStars(tokens: readonly GlobToken[], start: boolean, end: boolean): GlobToken[] {
  const out = tokens.slice();
  if (start && out[0] !== STAR) out.unshift(STAR);
  if (end && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

/** Merges adjacent literals and stars left by token-level rewriting (lowercasing, windash). */
export function normalise(tokens: readonly GlobToken[]): GlobToken[] {
  const out: GlobToken[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (typeof t === 'string') {
      if (t === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + t;
      else out.push(t);
    } else if (!(t === STAR && last === STAR)) out.push(t);
  }
  return out;
}

export function lowerTokens(tokens: readonly GlobToken[]): GlobToken[] {
  return tokens.map((t) => (typeof t === 'string' ? t.toLowerCase() : t));
}
