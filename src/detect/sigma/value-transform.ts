import type { Transform } from './modifiers.ts';
import { sigmaError } from './sigma-error.ts';
import { type GlobToken, hasWildcards, normalise } from './wildcard.ts';

/** A value between transformations: a Sigma string, or bytes after a UTF-16 encoding. */
export type Stage = GlobToken[] | Uint8Array;

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** 5^4 variants: more dashes in one value than any real rule uses. */
const MAX_WINDASH_FLAGS = 4;

/** Applies one transformation; each input value may expand into several (OR-ed) outputs. */
export function applyTransform(t: Transform, value: Stage): Stage[] {
  switch (t) {
    case 'utf16le':
      return [utf16(literal(value, t), false, false)];
    case 'utf16be':
      return [utf16(literal(value, t), true, false)];
    case 'utf16':
      return [utf16(literal(value, t), false, true)];
    case 'base64':
      return [[Buffer.from(bytesOf(value, t)).toString('base64')]];
    case 'base64offset':
      return base64Offsets(bytesOf(value, t)).map((s) => [s]);
    case 'windash':
      return value instanceof Uint8Array ? [value] : windash(value);
  }
}

/** The bytes of a stage as an event would carry them: UTF-16 bytes as read, else Latin-1. */
export function stageTokens(value: Stage): GlobToken[] {
  return value instanceof Uint8Array ? [Buffer.from(value).toString('latin1')] : value;
}

function literal(value: Stage, t: string): string {
  if (value instanceof Uint8Array)
    throw sigmaError(`'${t}' cannot follow another encoding`, { rule: 'modifier' });
  if (hasWildcards(value))
    throw sigmaError(`'${t}' cannot encode a value with wildcards`, { rule: 'modifier' });
  return value.join('');
}

function bytesOf(value: Stage, t: string): Uint8Array {
  return value instanceof Uint8Array ? value : new TextEncoder().encode(literal(value, t));
}

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const off = bom ? 2 : 0;
  const out = new Uint8Array(off + s.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[off + 2 * i] = bigEndian ? c >> 8 : c & 0xff;
    out[off + 2 * i + 1] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

/**
 * The three encodings of `bytes` at offsets 0, 1 and 2 inside a longer base64 stream, trimmed to the
 * characters that depend on `bytes` alone.
 */
export function base64Offsets(bytes: Uint8Array): string[] {
  const startTrim = [0, 2, 3];
  const endTrim = [0, 3, 2];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.fill(0x20, 0, shift);
    padded.set(bytes, shift);
    const enc = Buffer.from(padded).toString('base64');
    const cut = endTrim[(bytes.length + shift) % 3] as number;
    out.push(enc.slice(startTrim[shift], enc.length - cut));
  }
  return out;
}

const WORD = /[A-Za-z0-9_]/;

/**
 * Every spelling of a command-line flag: a dash-like character that starts a word (not preceded by a
 * word character, followed by one) may be any of `-`, `/`, en dash, em dash, horizontal bar.
 */
function windash(tokens: GlobToken[]): GlobToken[][] {
  const spots: [number, number][] = [];
  tokens.forEach((t, k) => {
    if (typeof t !== 'string') return;
    for (let i = 0; i < t.length; i++) {
      const prev = i > 0 ? (t[i - 1] as string) : '';
      const next = t[i + 1] ?? '';
      if (DASHES.includes(t[i] as string) && !WORD.test(prev) && WORD.test(next)) spots.push([k, i]);
    }
  });
  if (spots.length === 0) return [tokens];
  if (spots.length > MAX_WINDASH_FLAGS) {
    throw sigmaError(
      `'windash' value has ${spots.length} flags; at most ${MAX_WINDASH_FLAGS} are supported`,
      {
        rule: 'modifier',
      },
    );
  }
  const out: GlobToken[][] = [];
  const total = DASHES.length ** spots.length;
  for (let n = 0; n < total; n++) {
    const copy = tokens.slice();
    let rest = n;
    for (const [k, i] of spots) {
      const s = copy[k] as string;
      copy[k] = s.slice(0, i) + DASHES[rest % DASHES.length] + s.slice(i + 1);
      rest = Math.floor(rest / DASHES.length);
    }
    out.push(normalise(copy));
  }
  return out;
}
