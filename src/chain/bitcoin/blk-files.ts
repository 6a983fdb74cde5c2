/**
 * Bitcoin Core's block files (blk*.dat): records of 4-byte network magic, 4-byte LE size, raw block.
 * Scanning reads headers only and notes where each block lies; blocks are read again one at a time
 * when ingested, so memory holds the index, not the chain.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import { sha256d } from './block-parser.ts';

export const MAINNET_MAGIC = 0xd9b4bef9;

export interface BlockRecord {
  file: string;
  /** Offset of the raw block (after magic and size). */
  offset: number;
  size: number;
  hash: string;
  prev: string;
  bits: number;
}

export function listBlockFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    throw new BulwarkError('BTC_BLOCK_FILE', `cannot read block directory ${dir}`, {
      source: dir,
      cause,
      hint: "Point --blocks at Bitcoin Core's blocks directory (the one holding blk00000.dat)",
    });
  }
  return names
    .filter((n) => /^blk\d+\.dat$/.test(n))
    .sort((a, b) => Number.parseInt(a.slice(3), 10) - Number.parseInt(b.slice(3), 10))
    .map((n) => join(dir, n));
}

const hex = (b: Uint8Array, at: number) =>
  Buffer.from(b.subarray(at, at + 32))
    .reverse()
    .toString('hex');

/** Every block record in one file. Zero padding at the end (Core preallocates) ends the file. */
export function scanBlockFile(path: string, magic = MAINNET_MAGIC): BlockRecord[] {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const head = new Uint8Array(88);
  const out: BlockRecord[] = [];
  const fail = (what: string, offset: number) =>
    new BulwarkError('BTC_BLOCK_FILE', what, {
      source: path,
      offset,
      hint: 'The file is truncated or not a Bitcoin Core block file of this network; copy it again from a stopped node',
    });
  try {
    let at = 0;
    while (at + 8 <= size) {
      const got = readSync(fd, head, 0, Math.min(88, size - at), at);
      const view = new DataView(head.buffer);
      const m = view.getUint32(0, true);
      if (m === 0) break;
      if (m !== magic) throw fail(`wrong magic 0x${m.toString(16).padStart(8, '0')}`, at);
      const len = view.getUint32(4, true);
      if (len < 81 || at + 8 + len > size || got < 88)
        throw fail(`block record of ${len} bytes runs past the file end`, at);
      const header = head.subarray(8, 88);
      out.push({
        file: path,
        offset: at + 8,
        size: len,
        hash: hex(sha256d(header), 0),
        prev: hex(header, 4),
        bits: view.getUint32(8 + 72, true),
      });
      at += 8 + len;
    }
    if (at < size && at + 8 > size && !allZero(fd, at, size - at))
      throw fail('trailing bytes shorter than a record', at);
  } finally {
    closeSync(fd);
  }
  return out;
}

function allZero(fd: number, at: number, n: number): boolean {
  const b = new Uint8Array(n);
  readSync(fd, b, 0, n, at);
  return b.every((x) => x === 0);
}

/** Reads one block's bytes into `into` (grown if needed); returns the buffer holding them. */
export function readBlock(rec: BlockRecord, into: Uint8Array): Uint8Array {
  const buf = into.length >= rec.size ? into : new Uint8Array(Math.max(rec.size, into.length * 2));
  const fd = openSync(rec.file, 'r');
  try {
    let done = 0;
    while (done < rec.size) {
      const n = readSync(fd, buf, done, rec.size - done, rec.offset + done);
      if (n === 0)
        throw new BulwarkError('BTC_BLOCK_FILE', 'block file shrank while reading', { source: rec.file });
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf;
}
