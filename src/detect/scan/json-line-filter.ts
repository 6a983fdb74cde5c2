// the two files, not the matcher's index: a prefiltering thread loads this and not the whole matcher
import { FNV_OFFSET, FNV_PRIME, FoldSet, finishFold } from '../matcher/fold-hash.ts';
import {
  setIpv6Form,
  VALUE_EQUALS,
  VALUE_ESCAPED,
  VALUE_NON_ASCII,
  ValueFilter,
} from '../matcher/value-filter.ts';

/** The line is one JSON object none of whose string values can hit: counted as an event, nothing more. */
export const LINE_MISS = 0;
/** A string value might hit: the line takes the full parse, map and match. */
export const LINE_CANDIDATE = 1;
/** Not provably a JSON object here (malformed, or nested too deep): the full path decides and reports. */
export const LINE_SLOW = 2;

const MAX_DEPTH = 256;
const OBJECT = 1;
const ARRAY = 2;

// What the scanner expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY_OR_CLOSE = 2;
const KEY = 3;
const AFTER = 4;

/**
 * One pass over the bytes of a JSON line: checks it is a JSON object by the grammar JSON.parse
 * applies, and offers each string value (not key) to the value filter as it passes. It stops at the
 * first value the filter says might hit; the filter's hash look-ups are deferred (see
 * `ValueFilter.probe`), so a miss here is final only once `resolveDeferred` finds none of the line's.
 * It never decides anything the full path would decide differently: a miss is a line JSON.parse
 * accepts as an object with no value that can hit.
 */
export class JsonLineFilter {
  private readonly filter: ValueFilter;
  /** Fold hashes of every key a mapped value can sit under (each dotted suffix of each field name). */
  private readonly keys: FoldSet;
  /**
   * Bit (last byte & 31) of word (length & 31) × 32 + (first byte & 31) is set for each of `keys`: most
   * keys that are none of them (`@timestamp`, `kind`) are told by this 4 KB table without a hash. The
   * low 5 bits of a letter do not depend on its case, as the keys' comparison does not.
   */
  private readonly keyShapes = new Int32Array(1024);
  private readonly stack = new Uint8Array(MAX_DEPTH);
  /** Per open container: may its values be mapped (an object: its last key; an array: the key it sits under)? */
  private readonly mapped = new Uint8Array(MAX_DEPTH);
  /** Set by `string`: VALUE_* flags and the last `/` of the string just scanned. */
  private flags = 0;
  private slash = -1;
  private hash = 0;

  /**
   * Fold hashes and shapes (as `keys`, `keyShapes`) of the keys whose mere presence keeps a line: those
   * of the fields that patterns the value filter cannot decide read (see presence-fields.ts).
   */
  private readonly presence: FoldSet;
  private readonly presenceShapes = new Int32Array(1024);
  private readonly anyPresence: boolean;

  /**
   * `fieldNames`: every mapped field (values under them are probed). `presenceNames`: the fields whose
   * key alone makes a line a candidate, whatever its value (a number, a boolean, an object).
   */
  constructor(filter: ValueFilter, fieldNames: readonly string[], presenceNames: readonly string[] = []) {
    this.filter = filter;
    this.keys = new FoldSet(64);
    addKeys(this.keys, this.keyShapes, fieldNames);
    this.presence = new FoldSet(Math.max(8, presenceNames.length * 4));
    addKeys(this.presence, this.presenceShapes, presenceNames);
    this.anyPresence = presenceNames.length > 0;
  }

  /**
   * A line filter as a scanning thread receives it (see `ValueFilter.revive`), with the IPv6
   * normaliser loaded when its values need it.
   */
  static async revive(data: JsonLineFilter): Promise<JsonLineFilter> {
    Object.setPrototypeOf(data, JsonLineFilter.prototype);
    ValueFilter.revive(data.filter);
    FoldSet.revive(data.keys);
    FoldSet.revive(data.presence);
    if (data.needsIpv6Form) setIpv6Form((await import('../../stix/index.ts')).normaliseIpv6);
    return data;
  }

  /** Does the filter probe IPv6 values in their normal form (a thread must then supply the normaliser)? */
  get needsIpv6Form(): boolean {
    return this.filter.needsIpv6Form;
  }

  /**
   * How many fold look-ups `classify` has left for `resolveDeferred` (see `ValueFilter.probe`): a line
   * it calls a miss is one only if none of those it deferred is found.
   */
  get deferredCount(): number {
    return this.filter.deferredCount;
  }

  /** Forgets the look-ups deferred since `mark` (their line was decided without them). */
  dropDeferred(mark: number): void {
    this.filter.deferredCount = mark;
  }

  /** Makes the deferred look-ups: entry `k` is 1 when the `k`-th deferred value is an indicator's. */
  resolveDeferred(): Uint8Array {
    return this.filter.resolveDeferred();
  }

  /** Where the line `classify` last called a miss ends: its newline, or the limit it was given. */
  lineEnd = 0;

  /**
   * Classifies the line that starts at `from` and ends at the first newline before `end` (or at
   * `end`). A miss also sets `lineEnd`, so the caller need not look for the newline first; for a
   * line that is not a miss the caller finds the end itself.
   */
  classify(buf: Uint8Array, from: number, end: number): number {
    const stack = this.stack;
    const mapped = this.mapped;
    let depth = 0;
    let state = VALUE;
    let i = from;
    // the key just read, whose value comes next: hashed only if that value is a string or an array
    let keyed = false;
    let keyFrom = 0;
    /** Its end, or -1 for an escaped or non-ASCII key (not compared: its values are probed). */
    let keyTo = 0;
    if (buf[i] !== 123) {
      i = skip(buf, i, end);
      if (i >= end || buf[i] !== 123) return LINE_SLOW;
    }
    for (;;) {
      if (i >= end) {
        if (state !== AFTER || depth !== 0) return LINE_SLOW;
        this.lineEnd = end;
        return LINE_MISS;
      }
      let c = buf[i]!;
      // logs rarely hold whitespace between tokens: look for it only when the byte could be some
      if (c <= 32) {
        const next = skip(buf, i, end);
        // a control byte that is not whitespace falls to the grammar, which refuses it
        if (next !== i) {
          i = next;
          continue;
        }
      }
      if (state === AFTER) {
        if (depth === 0) {
          // the object is closed: only blanks may follow it on its line (a newline before is refused
          // wherever it stands: it is a control byte to the string scans and a token to this loop)
          if (c !== 10) return LINE_SLOW;
          this.lineEnd = i;
          return LINE_MISS;
        }
        const top = stack[depth - 1];
        if (c === 44) {
          i++;
          if (top !== OBJECT) {
            state = VALUE;
            continue;
          }
          state = KEY;
          // the next key's quote, without a round of the loop
          if (i >= end || buf[i] !== 34) continue;
          c = 34;
        } else {
          if ((c === 125 && top === OBJECT) || (c === 93 && top === ARRAY)) depth--;
          else return LINE_SLOW;
          i++;
          continue;
        }
      }
      if (state === KEY_OR_CLOSE || state === KEY) {
        if (c === 125 && state === KEY_OR_CLOSE) {
          depth--;
          state = AFTER;
          i++;
          continue;
        }
        if (c !== 34) return LINE_SLOW;
        keyFrom = i + 1;
        i = skipKey(buf, i, end);
        if (i < 0) {
          if (i === -1) return LINE_SLOW;
          i = skipString(buf, keyFrom - 1, end);
          if (i < 0) return LINE_SLOW;
          keyTo = -1;
        } else keyTo = i - 1;
        keyed = true;
        // a key some undecidable pattern reads keeps the line (an escaped or non-ASCII one is not compared)
        if (this.anyPresence && (keyTo < 0 || inSet(this.presence, this.presenceShapes, buf, keyFrom, keyTo)))
          return LINE_CANDIDATE;
        // the colon and the value's first byte, without a round of the loop each
        if (buf[i] !== 58) {
          i = skip(buf, i, end);
          if (i >= end || buf[i] !== 58) return LINE_SLOW;
        }
        i++;
        if (i >= end) return LINE_SLOW;
        c = buf[i]!;
        if (c <= 32) {
          i = skip(buf, i, end);
          if (i >= end) return LINE_SLOW;
          c = buf[i]!;
        }
        state = VALUE;
      }
      // a value (or, after `[`, the array's close)
      const fromKey = keyed;
      keyed = false;
      if (c === 34) {
        if ((fromKey ? this.keyMapped(buf, keyFrom, keyTo) : mapped[depth - 1]) === 0) {
          // no mapped field sits here: only the grammar matters
          i = skipString(buf, i, end);
        } else {
          const start = i + 1;
          i = this.string(buf, i, end);
          if (i < 0) return LINE_SLOW;
          if (this.filter.probe(buf, start, i - 1, this.flags, this.slash, this.hash)) return LINE_CANDIDATE;
        }
      } else if (c === 123 || c === 91) {
        if (depth === MAX_DEPTH) return LINE_SLOW;
        mapped[depth] = c === 123 ? 0 : fromKey ? this.keyMapped(buf, keyFrom, keyTo) : mapped[depth - 1]!;
        stack[depth++] = c === 123 ? OBJECT : ARRAY;
        state = c === 123 ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        i++;
        continue;
      } else if (c === 93 && state === VALUE_OR_CLOSE) {
        depth--;
        state = AFTER;
        i++;
        continue;
      } else if (c === 45 || (c >= 48 && c <= 57)) i = number(buf, i, end);
      else i = literal(buf, i, end, c);
      if (i < 0) return LINE_SLOW;
      state = AFTER;
    }
  }

  /** 1 when values under the key `buf[from..to)` may be mapped (always for `to` -1: see `classify`). */
  private keyMapped(buf: Uint8Array, from: number, to: number): number {
    if (to < 0) return 1;
    return inSet(this.keys, this.keyShapes, buf, from, to) ? 1 : 0;
  }

  /** Scans the string opening at `i`; returns the index after its closing quote, or -1. */
  private string(buf: Uint8Array, i: number, end: number): number {
    let flags = 0;
    let slash = -1;
    let h = FNV_OFFSET;
    let j = i + 1;
    for (;;) {
      // two plain bytes a round (one test for both): the fold hash of the lower-cased bytes as they
      // pass (used only for ASCII values with no escape)
      while (j + 1 < end) {
        const t0 = BYTE[buf[j]!]!;
        const t1 = BYTE[buf[j + 1]!]!;
        if ((t0 | t1) > 255) break;
        h = Math.imul(Math.imul(h ^ t0, FNV_PRIME) ^ t1, FNV_PRIME);
        j += 2;
      }
      if (j >= end) return -1;
      const t = BYTE[buf[j]!]!;
      if (t > 255) {
        if ((t & QUOTE) !== 0) {
          this.flags = flags;
          this.slash = slash;
          this.hash = h;
          return j + 1;
        }
        if ((t & BACKSLASH) !== 0) {
          // an escaped value is decoded before it is probed: its hash is not used
          flags |= VALUE_ESCAPED;
          const skip = escapeLength(buf, j, end);
          if (skip < 0) return -1;
          j += skip + 1;
          continue;
        }
        if ((t & CONTROL) !== 0) return -1;
        if ((t & HIGH) !== 0) flags |= VALUE_NON_ASCII;
        else if ((t & SLASH) !== 0) slash = j;
        else flags |= VALUE_EQUALS;
      }
      h = Math.imul(h ^ (t & 255), FNV_PRIME);
      j++;
    }
  }
}

/**
 * Per byte: its lower-cased form (low 8 bits) and what a string scan must do about it (the bits above).
 * One load per byte tells a plain byte (entry ≤ 255) from one that needs a look.
 */
const CONTROL = 0x100;
const QUOTE = 0x200;
const BACKSLASH = 0x400;
const HIGH = 0x800;
const SLASH = 0x1000;
const EQUALS = 0x2000;
const BYTE = new Uint16Array(256);
for (let c = 0; c < 256; c++) {
  let t = c >= 65 && c <= 90 ? c | 32 : c;
  if (c < 32) t |= CONTROL;
  else if (c === 34) t |= QUOTE;
  else if (c === 92) t |= BACKSLASH;
  else if (c >= 128) t |= HIGH;
  else if (c === 47) t |= SLASH;
  else if (c === 61) t |= EQUALS;
  BYTE[c] = t;
}

/** Bytes a string scan must look at: 1 the closing quote, 2 a backslash, 3 a control character. */
const STRING_CLASS = new Uint8Array(256);
for (let c = 0; c < 32; c++) STRING_CLASS[c] = 3;
STRING_CLASS[34] = 1;
STRING_CLASS[92] = 2;

/**
 * A key's plain scan: the index after its closing quote; -1 when the line ends first, -2 at a
 * backslash, control or non-ASCII byte (the caller then takes the string grammar's path).
 */
function skipKey(buf: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  // two plain bytes a round, one test for both
  while (j + 1 < end && (KEY_CLASS[buf[j]!]! | KEY_CLASS[buf[j + 1]!]!) === 0) j += 2;
  for (; j < end; j++) {
    const k = KEY_CLASS[buf[j]!]!;
    if (k === 0) continue;
    return k === 1 ? j + 1 : -2;
  }
  return -1;
}

/** For `skipKey`: 1 the closing quote, 2 what a plain key does not hold. */
const KEY_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) KEY_CLASS[c] = c === 34 ? 1 : c < 32 || c === 92 || c >= 128 ? 2 : 0;

/** A string's grammar only (its value is not wanted): the index after its closing quote, or -1. */
function skipString(buf: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  for (;;) {
    // two plain bytes a round, one test for both
    while (j + 1 < end && (STRING_CLASS[buf[j]!]! | STRING_CLASS[buf[j + 1]!]!) === 0) j += 2;
    if (j >= end) return -1;
    const k = STRING_CLASS[buf[j]!]!;
    if (k === 0) {
      j++;
      continue;
    }
    if (k === 1) return j + 1;
    if (k === 3) return -1;
    const skip = escapeLength(buf, j, end);
    if (skip < 0) return -1;
    j += skip + 1;
  }
}

/** Adds each dotted suffix of each name (the keys a field getter can read it under) to a key set. */
function addKeys(set: FoldSet, shapes: Int32Array, names: readonly string[]): void {
  for (const name of names) {
    const parts = name.split('.');
    for (let i = 0; i < parts.length; i++) {
      const key = Buffer.from(parts.slice(i).join('.'));
      set.add(keyHash(key));
      const w = ((key.length & 31) << 5) | (key[0]! & 31);
      shapes[w]! |= 1 << (key[key.length - 1]! & 31);
    }
  }
}

/** Is the plain key `buf[from..to)` one of the set's (case folded)? The 4 KB shape table first, then the hash. */
function inSet(set: FoldSet, shapes: Int32Array, buf: Uint8Array, from: number, to: number): boolean {
  // an empty key reads its closing quote here: harmless, no field name is empty
  const shape = shapes[(((to - from) & 31) << 5) | (buf[from]! & 31)]!;
  if ((shape & (1 << (buf[to - 1]! & 31))) === 0) return false;
  let h = FNV_OFFSET;
  for (let j = from; j < to; j++) h = Math.imul(h ^ (BYTE[buf[j]!]! & 255), FNV_PRIME);
  return set.has(finishFold(h));
}

/** The hash `string` computes of a key's bytes, for a field name. */
function keyHash(bytes: Uint8Array): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
  }
  return finishFold(h);
}

/** Blanks within a line (a newline ends the line: it is not skipped). */
function skip(buf: Uint8Array, i: number, end: number): number {
  for (; i < end; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== 13) return i;
  }
  return i;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/** JSON's number grammar; returns the index after it, or -1. */
function number(buf: Uint8Array, i: number, end: number): number {
  if (buf[i] === 45) i++;
  if (i >= end) return -1;
  if (buf[i] === 48) i++;
  else if (isDigit(buf[i])) while (i < end && isDigit(buf[i])) i++;
  else return -1;
  if (i < end && buf[i] === 46) {
    i++;
    if (i >= end || !isDigit(buf[i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    if (i < end && (buf[i] === 43 || buf[i] === 45)) i++;
    if (i >= end || !isDigit(buf[i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  return i;
}

const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];
const NULL = [110, 117, 108, 108];

function literal(buf: Uint8Array, i: number, end: number, c: number): number {
  const word = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : undefined;
  if (word === undefined || i + word.length > end) return -1;
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return -1;
  return i + word.length;
}

/**
 * The backslash at `j` starts a JSON escape: how many bytes after it belong to the escape (5 for
 * \uXXXX, 1 for \" \\ \/ \b \f \n \r \t), or -1 when it is not a valid one.
 */
function escapeLength(buf: Uint8Array, j: number, end: number): number {
  const e = buf[j + 1];
  if (e === 117) {
    for (let x = j + 2; x < j + 6; x++) if (x >= end || !isHex(buf[x]!)) return -1;
    return 5;
  }
  return e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116
    ? 1
    : -1;
}
