/**
 * An adjacency segment: both directions of CSR for the transfer rows of a contiguous range of
 * transactions. Written once (temp file, fsync, rename) and never modified; merging writes a new one.
 *
 * File: little-endian uint32 words — magic, version, txStart, txEnd, rowStart, rowEnd, then for the
 * out and the in half: dense flag, key count, offset count, row count; then out keys, offsets, rows,
 * in keys, offsets, rows.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import type { Adjacency } from './adjacency.ts';

const MAGIC = 0x47535742; // "BWSG"
const VERSION = 1;
const HEAD = 14;

export interface SegmentRange {
  file: string;
  txStart: number;
  txEnd: number;
  rowStart: number;
  rowEnd: number;
}

export interface Segment extends SegmentRange {
  /** Input rows by spending address (address → its transaction). */
  out: Adjacency;
  /** Output rows by receiving address. */
  in: Adjacency;
}

export function writeSegment(path: string, seg: Segment): void {
  const words =
    HEAD +
    seg.out.keys.length +
    seg.out.off.length +
    seg.out.rows.length +
    seg.in.keys.length +
    seg.in.off.length +
    seg.in.rows.length;
  const all = new Uint32Array(words);
  all.set([MAGIC, VERSION, seg.txStart, seg.txEnd, seg.rowStart, seg.rowEnd]);
  all.set(halfHead(seg.out), 6);
  all.set(halfHead(seg.in), 10);
  let at = HEAD;
  for (const part of [seg.out.keys, seg.out.off, seg.out.rows, seg.in.keys, seg.in.off, seg.in.rows]) {
    all.set(part, at);
    at += part.length;
  }
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = new Uint8Array(all.buffer);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function halfHead(a: Adjacency): number[] {
  return [a.dense ? 1 : 0, a.keys.length, a.off.length, a.rows.length];
}

export function readSegment(path: string, range: SegmentRange): Segment {
  const fd = openSync(path, 'r');
  let all: Uint32Array;
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(size - (size % 4));
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, done);
      if (n === 0) break;
      done += n;
    }
    all = new Uint32Array(bytes.buffer);
  } finally {
    closeSync(fd);
  }
  const bad = (why: string) =>
    new BulwarkError('GRAPH_CORRUPT', `adjacency segment ${path}: ${why}`, {
      source: path,
      hint: 'Delete the segment files and the manifest entry by re-ingesting, or restore the data directory',
    });
  if (all.length < HEAD || all[0] !== MAGIC) throw bad('not a segment file');
  if (all[1] !== VERSION) throw bad(`segment format ${all[1]} is not ${VERSION}`);
  if (all[2] !== range.txStart || all[3] !== range.txEnd) throw bad('range differs from the manifest');
  let at = HEAD;
  const take = (n: number): Uint32Array => {
    if (at + n > all.length) throw bad('shorter than its header says');
    const part = all.subarray(at, at + n);
    at += n;
    return part;
  };
  const half = (h: number): Adjacency => ({
    dense: all[h] === 1,
    keys: take(all[h + 1]!),
    off: take(all[h + 2]!),
    rows: take(all[h + 3]!),
  });
  const out = half(6);
  const inn = half(10);
  return { ...range, out, in: inn };
}

/** Deletes the segment files of `chain` in `dir` that the manifest no longer lists (`live`). */
export function removeUnlistedSegments(
  dir: string,
  chain: string,
  files: readonly string[],
  live: ReadonlySet<string>,
): void {
  for (const f of files) {
    if (f.startsWith(`${chain}.seg.`) && !live.has(f)) rmSync(join(dir, f), { force: true });
  }
}
