/**
 * The taint state beside the graph (`<graph>/taint/<key>.state`), so a restarted server resumes at
 * its cursor instead of rescanning the chain. Written to a temporary file, fsynced and renamed: a
 * crash leaves the old state or the new one, never a torn file. A state that does not match (other
 * sources or hop limit, another format, a chain that no longer holds its cursor) is ignored and the
 * scan starts from the first row — always correct, only slower.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncrementalTaint, TaintOptions } from './incremental-taint.ts';
import type { Ledger } from './ledger.ts';
import { MixerPools, type PoolsJson } from './mixer-pools.ts';
import { newTaint } from './utxo-taint.ts';

const MAGIC = 0x544c5742; // "BWLT"
/**
 * 3: payers exclude the payee itself (Bitcoin change, self-transfers), each Bitcoin input address is
 * credited its share, and the first payer is kept (`first`, `viaFirst`); 2: the `via` column and
 * mixer pools. An older file is ignored: the scan starts over, since its payer columns would give
 * routes that stop at an address paying itself.
 */
export const TAINT_STATE_VERSION = 3;
const VERSION = TAINT_STATE_VERSION;

interface Header {
  /** Absent in Ethereum states (and in those written before Bitcoin had one). */
  chain?: 'bitcoin';
  sources: string[];
  hops: number;
  mixers: string[];
  window: number;
  pools: PoolsJson;
  cursor: IncrementalTaint['cursor'];
  ledgers: { asset: number; n: number }[];
}

const pad8 = (n: number) => (n + 7) & ~7;

export function saveTaint(file: string, taint: IncrementalTaint): void {
  const ledgers: { asset: number; n: number; l: Ledger }[] = [];
  taint.ledgers.forEach((l, asset) => {
    if (l) ledgers.push({ asset, n: l.n, l });
  });
  const header: Header = {
    ...(taint.chain === 'bitcoin' ? { chain: 'bitcoin' as const } : {}),
    sources: [...taint.sources],
    hops: taint.hops,
    mixers: [...taint.mixers],
    window: taint.pools.windowSeconds,
    pools: taint.pools.toJSON(),
    cursor: taint.cursor,
    ledgers: ledgers.map(({ asset, n }) => ({ asset, n })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Uint8Array[] = [];
  const head = Buffer.alloc(pad8(12 + json.length));
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(VERSION, 4);
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);
  parts.push(head);
  for (const { n, l } of ledgers) {
    for (const col of l.columns()) {
      const bytes = n * col.BYTES_PER_ELEMENT;
      const padded = new Uint8Array(pad8(bytes));
      padded.set(new Uint8Array(col.buffer, col.byteOffset, bytes));
      parts.push(padded);
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const p of parts) writeSync(fd, p);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** The saved state for this chain, sources and hop limit, or undefined (none, another one, unreadable). */
export function loadTaint(
  file: string,
  sources: readonly string[],
  hops: number,
  chain: 'ethereum' | 'bitcoin' = 'ethereum',
  options: TaintOptions = {},
): IncrementalTaint | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    if (buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== VERSION) return undefined;
    const length = buf.readUInt32LE(8);
    const header = JSON.parse(buf.subarray(12, 12 + length).toString('utf8')) as Header;
    const taint = newTaint(chain, sources, hops, options);
    if ((header.chain ?? 'ethereum') !== chain) return undefined;
    if (header.hops !== hops || header.sources.join('\n') !== taint.sources.join('\n')) return undefined;
    const window = taint.pools.windowSeconds;
    if (header.mixers.join('\n') !== taint.mixers.join('\n') || header.window !== window) return undefined;
    taint.pools = MixerPools.fromJSON(window, header.pools);
    let at = pad8(12 + length);
    // a copy, so the columns are aligned whatever the Buffer's offset in its pool
    const bytes = new Uint8Array(buf.length);
    bytes.set(buf);
    for (const { asset, n } of header.ledgers) {
      const l = taint.ledger(asset);
      const cols = l.columns().map((col) => {
        const size = n * col.BYTES_PER_ELEMENT;
        if (at + size > bytes.length) throw new RangeError('truncated taint state');
        const view = new Uint8Array(bytes.buffer, at, size);
        at += pad8(size);
        return view;
      });
      const addr = new Int32Array(cols[0]!.slice().buffer);
      let top = -1;
      for (let s = 0; s < n; s++) top = Math.max(top, addr[s]!);
      l.reserve(top + 1);
      l.restore(n, cols);
    }
    taint.cursor = header.cursor;
    return taint;
  } catch {
    return undefined;
  }
}
