import { type JsonLineFilter, LINE_MISS } from './json-line-filter.ts';

/**
 * What the byte prefilter leaves of a batch of lines: how many lines (blank ones included), how many
 * events it cleared, and the lines the full path must take, as (start, end, line number) triples in
 * input order. A scanning thread computes it and hands it back with the bytes; the full path then
 * parses only those lines.
 */
export interface Prefiltered {
  readonly lines: number;
  readonly cleared: number;
  /** `count` triples (start, end, line number). */
  readonly candidates: Int32Array;
  readonly count: number;
}

/** Runs `filter` over each non-blank line of `bytes` (every such line is a candidate without a filter). */
export function prefilterLines(
  filter: JsonLineFilter | undefined,
  buf: Uint8Array,
  firstLine: number,
): Prefiltered {
  // one view type whichever thread the bytes come from, so `classify` sees one kind of array
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let candidates = new Int32Array(filter === undefined ? 3 * 1024 : 3 * 64);
  let count = 0;
  let cleared = 0;
  let line = firstLine;
  const length = bytes.length;
  for (let from = 0; from < length; line++) {
    let end = bytes.indexOf(10, from);
    if (end < 0) end = length;
    if (end > from && !isBlank(bytes, from, end)) {
      if (filter !== undefined && filter.classify(bytes, from, end) === LINE_MISS) cleared++;
      else {
        if (3 * count + 3 > candidates.length) {
          const grown = new Int32Array(candidates.length * 2);
          grown.set(candidates);
          candidates = grown;
        }
        candidates[3 * count] = from;
        candidates[3 * count + 1] = end;
        candidates[3 * count + 2] = line;
        count++;
      }
    }
    from = end + 1;
  }
  return { lines: line - firstLine, cleared, candidates, count };
}

function isBlank(bytes: Uint8Array, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
