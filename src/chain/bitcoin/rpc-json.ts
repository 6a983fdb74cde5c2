/**
 * `getblock HASH 2` JSON → the raw block, then the same parser as block files. Verbosity 2 carries
 * each transaction's serialisation (`hex`); the header is rebuilt from its fields and the block hash
 * recomputed, so a node answering inconsistent JSON is caught rather than stored.
 */
import { BulwarkError } from '../../errors/index.ts';
import { parseBlock } from './block-parser.ts';
import { hashFromHex, type ParsedBlock } from './parsed-block.ts';

function bad(what: string, path: string): BulwarkError {
  return new BulwarkError('BTC_RPC_ERROR', `getblock answer: ${what}`, {
    path,
    hint: 'Call getblock with verbosity 2 on a Bitcoin Core compatible node',
  });
}

function u32(n: unknown, path: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -0x80000000 || n > 0xffffffff)
    throw bad('expected a 32-bit integer', path);
  return n >>> 0;
}

function hash(v: unknown, path: string): Uint8Array {
  const h = typeof v === 'string' ? hashFromHex(v) : undefined;
  if (!h) throw bad('expected a 64-digit hex hash', path);
  return h;
}

function varint(n: number): number[] {
  if (n < 0xfd) return [n];
  if (n <= 0xffff) return [0xfd, n & 0xff, n >>> 8];
  return [0xfe, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
}

export function rawBlockFromJson(json: unknown): Uint8Array {
  if (json === null || typeof json !== 'object') throw bad('not an object', '');
  const j = json as Record<string, unknown>;
  if (!Array.isArray(j.tx)) throw bad('tx is not an array (verbosity 2 required)', 'tx');
  const header = new Uint8Array(80);
  const view = new DataView(header.buffer);
  view.setUint32(0, u32(j.version, 'version'), true);
  if (j.previousblockhash !== undefined) header.set(hash(j.previousblockhash, 'previousblockhash'), 4);
  header.set(hash(j.merkleroot, 'merkleroot'), 36);
  view.setUint32(68, u32(j.time, 'time'), true);
  if (typeof j.bits !== 'string' || !/^[0-9a-f]{8}$/i.test(j.bits))
    throw bad('bits is not 8 hex digits', 'bits');
  view.setUint32(72, Number.parseInt(j.bits, 16), true);
  view.setUint32(76, u32(j.nonce, 'nonce'), true);
  const parts: Uint8Array[] = [header, Uint8Array.from(varint(j.tx.length))];
  j.tx.forEach((tx: unknown, i: number) => {
    const h = (tx as { hex?: unknown } | null)?.hex;
    if (typeof h !== 'string' || h.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(h))
      throw bad('transaction without hex', `tx[${i}].hex`);
    parts.push(Buffer.from(h, 'hex'));
  });
  return Buffer.concat(parts);
}

/** Parses the JSON block and checks the recomputed block hash and txids against the answer. */
export function parseBlockJson(json: unknown, out?: ParsedBlock): ParsedBlock {
  const raw = rawBlockFromJson(json);
  const pb = parseBlock(raw, 0, raw.length, out, 'getblock');
  const j = json as { hash?: unknown; tx: { txid?: unknown }[] };
  if (pb.hashHex() !== j.hash)
    throw bad(`header fields hash to ${pb.hashHex()}, not ${String(j.hash)}`, 'hash');
  for (let t = 0; t < pb.txCount; t++) {
    if (j.tx[t]!.txid !== undefined && j.tx[t]!.txid !== pb.txidHex(t))
      throw bad('txid differs from its hex', `tx[${t}].txid`);
  }
  return pb;
}
