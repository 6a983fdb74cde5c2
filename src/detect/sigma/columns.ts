import { LiteralScanner } from '../literals/index.ts';
import { isObject, systemField, textOf, walkPath } from './event-shape.ts';

/** Per micro-batch, where each event keeps its fields (see event-shape.ts). */
export interface BatchRoots {
  count: number;
  readonly event: unknown[];
  /** EventData for evtx JSON, else the event itself. */
  readonly primary: (Readonly<Record<string, unknown>> | undefined)[];
  /** System for evtx JSON, else undefined. */
  readonly secondary: (Readonly<Record<string, unknown>> | undefined)[];
}

export type FieldGetter = (
  event: Readonly<Record<string, unknown>>,
  primary: Readonly<Record<string, unknown>> | undefined,
  secondary: Readonly<Record<string, unknown>> | undefined,
) => unknown;

/**
 * One field's values for the current micro-batch, extracted once and shared by every rule
 * that reads the field: `str` holds scalars as text, `low` the same lowercased (only when some
 * case-insensitive test reads the column), and `raw` what the event held (lists, null).
 */
export class Column {
  readonly name: string;
  readonly raw: unknown[];
  readonly str: (string | undefined)[];
  readonly low: (string | undefined)[];
  needLow = false;
  /** Some rule decides on the literal scan's bits (which need no lowercased copy). */
  needScan = false;
  /** Batch number the column was last filled for. */
  epoch = -1;
  readonly get: FieldGetter;
  /** Literals the rules look for in `low`, found for all of them in one pass per event. */
  readonly scanner = new LiteralScanner();
  /** Per event, `words` 32-bit words: bit `id` set when literal `id` occurs (valid after `seal`). */
  bits = new Uint32Array(0);
  /** The same for literals the value starts with, and ends with. */
  starts = new Uint32Array(0);
  ends = new Uint32Array(0);
  words = 0;
  private readonly size: number;

  constructor(name: string, size: number, get: FieldGetter) {
    this.name = name;
    this.get = get;
    this.size = size;
    this.raw = new Array<unknown>(size).fill(undefined);
    this.str = new Array<string | undefined>(size).fill(undefined);
    this.low = new Array<string | undefined>(size).fill(undefined);
  }

  /** Called once every rule is compiled: builds the literal automaton. */
  seal(): void {
    if (this.scanner.built) return;
    this.scanner.build();
    this.words = (this.scanner.count + 31) >>> 5;
    this.bits = new Uint32Array(this.size * this.words);
    this.starts = new Uint32Array(this.size * this.words);
    this.ends = new Uint32Array(this.size * this.words);
  }

  /** Whether literal `id` occurs in event `i` (only for events whose value is a scalar). */
  has(i: number, id: number): boolean {
    return ((this.bits[i * this.words + (id >>> 5)] as number) & (1 << (id & 31))) !== 0;
  }

  fill(roots: BatchRoots, epoch: number): void {
    if (this.epoch === epoch) return;
    this.epoch = epoch;
    const { raw, str, low, get, needLow, needScan, words, bits, starts, ends, scanner } = this;
    if (words > 0) {
      bits.fill(0, 0, roots.count * words);
      starts.fill(0, 0, roots.count * words);
      ends.fill(0, 0, roots.count * words);
    }
    for (let i = 0; i < roots.count; i++) {
      const v = get(
        roots.event[i] as Readonly<Record<string, unknown>>,
        roots.primary[i],
        roots.secondary[i],
      );
      raw[i] = v;
      const s = scalarText(v);
      str[i] = s;
      const l = needLow ? s?.toLowerCase() : undefined;
      if (needLow) low[i] = l;
      if (words === 0 || !(needLow || needScan)) continue;
      if (l !== undefined) scanner.scan(l, bits, starts, ends, i * words);
      else if (s !== undefined) scanner.scanRaw(s, bits, starts, ends, i * words);
      // a list (and the keyword column's leaves): the bits of every scalar element, OR-ed
      else if (Array.isArray(v))
        for (const el of v) {
          const t = scalarText(el);
          if (t !== undefined) scanner.scanRaw(t, bits, starts, ends, i * words);
        }
    }
  }
}

export function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    default:
      return undefined;
  }
}

/** The getter for a Sigma field name: the literal key first, then the dotted path, then evtx System. */
export function fieldGetter(name: string): FieldGetter {
  if (name.includes('.')) {
    const parts = name.split('.');
    return (event, primary) => {
      const direct = primary?.[name];
      if (direct !== undefined) return textOf(direct);
      const viaPrimary = walkPath(primary, parts, 0);
      return viaPrimary !== undefined ? viaPrimary : walkPath(event, parts, 0);
    };
  }
  return (_event, primary, secondary) => {
    const v = primary?.[name];
    if (v !== undefined) return textOf(v);
    return secondary === undefined ? undefined : systemField(secondary, name);
  };
}

/** Every scalar leaf of the event (for keyword searches), as one list. */
export const keywordGetter: FieldGetter = (event, primary, secondary) => {
  const out: unknown[] = [];
  collectLeaves(secondary === undefined ? event : primary, out, 0);
  if (secondary !== undefined) collectLeaves(secondary, out, 0);
  return out;
};

function collectLeaves(v: unknown, out: unknown[], depth: number): void {
  if (depth > 32) return;
  if (Array.isArray(v)) for (const el of v) collectLeaves(el, out, depth + 1);
  else if (isObject(v)) for (const k in v) collectLeaves(v[k], out, depth + 1);
  else if (v !== null && v !== undefined) out.push(v);
}
