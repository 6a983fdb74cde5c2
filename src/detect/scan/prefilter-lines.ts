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
  /** `count` triples (start, end, line number), in an array of exactly that length. */
  readonly candidates: Int32Array;
  readonly count: number;
}

/**
 * Per non-blank line not cleared at once: start, end, line number, and the end of its deferred
 * look-ups (-1: a candidate whatever they say). Scratch of this thread, reused batch after batch.
 */
let records = new Int32Array(4 * 4096);

/**
 * Runs `filter` over each non-blank line of `bytes` (every such line is a candidate without a filter).
 * The filter defers most of its hash look-ups; they are made for the whole batch at once (see
 * `FoldSet.markMembers`), and a line it found no other reason to keep is a candidate when one of its
 * own is found.
 */
export function prefilterLines(
  filter: JsonLineFilter | undefined,
  buf: Uint8Array,
  firstLine: number,
): Prefiltered {
  // one view type whichever thread the bytes come from, so `classify` sees one kind of array
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  filter?.dropDeferred(0);
  let n = 0;
  let cleared = 0;
  let line = firstLine;
  const length = bytes.length;
  for (let from = 0; from < length; line++) {
    let until = -1;
    let end: number;
    if (filter !== undefined) {
      // the filter finds the newline of a line it clears as it goes: no separate search for it
      const mark = filter.deferredCount;
      if (filter.classify(bytes, from, length) === LINE_MISS) {
        end = filter.lineEnd;
        if (filter.deferredCount === mark) {
          cleared++;
          from = end + 1;
          continue;
        }
        until = filter.deferredCount;
      } else {
        filter.dropDeferred(mark);
        end = bytes.indexOf(10, from);
        if (end < 0) end = length;
        if (end === from || isBlank(bytes, from, end)) {
          from = end + 1;
          continue;
        }
      }
    } else {
      end = bytes.indexOf(10, from);
      if (end < 0) end = length;
      if (end === from || isBlank(bytes, from, end)) {
        from = end + 1;
        continue;
      }
    }
    if (4 * n + 4 > records.length) {
      const grown = new Int32Array(records.length * 2);
      grown.set(records);
      records = grown;
    }
    records[4 * n] = from;
    records[4 * n + 1] = end;
    records[4 * n + 2] = line;
    records[4 * n + 3] = until;
    n++;
    from = end + 1;
  }
  // decide the lines that wait on look-ups (their ranges of deferred hashes follow one another)
  const found = filter?.resolveDeferred();
  let count = 0;
  let d = 0;
  for (let k = 0; k < n; k++) {
    const until = records[4 * k + 3]!;
    let keep = 1;
    if (until >= 0) {
      keep = 0;
      for (; d < until; d++) keep |= found![d]!;
      if (keep === 0) cleared++;
    }
    records[4 * k + 3] = keep;
    count += keep;
  }
  const candidates = new Int32Array(3 * count);
  for (let k = 0, c = 0; k < n; k++) {
    if (records[4 * k + 3] === 0) continue;
    candidates[c++] = records[4 * k]!;
    candidates[c++] = records[4 * k + 1]!;
    candidates[c++] = records[4 * k + 2]!;
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
