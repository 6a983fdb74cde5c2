/** Helpers of the chain tests: block records of the real fixture files and an order-free view of a store. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reversedHex } from '../bitcoin/parsed-block.ts';
import { NO_ADDRESS, UNRESOLVED } from './format.ts';
import type { Graph } from './graph.ts';

export const DATA = new URL('../../../data/bitcoin/', import.meta.url);

/** The blk records (magic + size + block) of a framed file. */
export function records(file: string): Buffer[] {
  const b = readFileSync(new URL(file, DATA));
  const out: Buffer[] = [];
  for (let at = 0; at < b.length; at += 8 + b.readUInt32LE(at + 4))
    out.push(b.subarray(at, at + 8 + b.readUInt32LE(at + 4)));
  return out;
}

/** Mainnet blocks 0–255: the genesis block of bitcoinjs's fixtures framed like the rest. */
export function mainnet0to255(): Buffer[] {
  const fixtures = JSON.parse(readFileSync(new URL('block.json', DATA), 'utf8')) as {
    valid: { description: string; hex: string }[];
  };
  const genesis = Buffer.from(fixtures.valid.find((b) => b.description === 'Genesis Block')!.hex, 'hex');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0xd9b4bef9, 0);
  head.writeUInt32LE(genesis.length, 4);
  return [Buffer.concat([head, genesis]), ...records('blocks1-256.dat')];
}

export function writeBlk(dir: string, index: number, recs: Buffer[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `blk${String(index).padStart(5, '0')}.dat`), Buffer.concat(recs));
}

/** A deterministic shuffle (xorshift) so failures reproduce. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * What the store says, independent of append order: every transfer as txid/kind/index/address/value,
 * every address's in- and out-edges as txids, and each block's height.
 */
export function canonical(g: Graph): string[] {
  const t = g.bitcoin;
  const c = t.c;
  const lines: string[] = [];
  const name = (a: number) => (a === NO_ADDRESS ? '-' : a === UNRESOLVED ? '?' : g.addressOf(a));
  for (let tx = 0; tx < c.txs; tx++) {
    const id = reversedHex(c.txHash.data, tx * 32);
    const first = c.txRow.data[tx]!;
    const outs = c.txOut.data[tx]!;
    for (let r = first; r < t.txEnd(tx); r++) {
      const kind = r < outs ? `in${r - first}` : `out${r - outs}`;
      lines.push(`${id} ${kind} ${name(c.rowAddr.data[r]!)} ${c.rowValue.data[r]}`);
    }
  }
  for (let a = 0; a < g.dict.count; a++) {
    const txsOf = (rows: Uint32Array) =>
      [...rows].map((r) => reversedHex(c.txHash.data, c.rowTx.data[r]! * 32)).sort();
    lines.push(`${g.addressOf(a)} out ${txsOf(g.outEdges(a)).join(',')} in ${txsOf(g.inEdges(a)).join(',')}`);
  }
  for (let b = 0; b < c.blocks; b++)
    lines.push(`block ${reversedHex(c.blockHash.data, b * 32)} ${t.heightOf(b)}`);
  return lines.sort();
}
