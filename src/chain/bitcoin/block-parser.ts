/**
 * Bitcoin block bytes → ParsedBlock. The hot path of ingestion: offsets into the caller's buffer,
 * bounds checked before every read, no allocation per transaction except the txid digests.
 */
import { hash } from 'node:crypto';
import { BulwarkError } from '../../errors/index.ts';
import { ParsedBlock } from './parsed-block.ts';
import { sha256dInto } from './sha256.ts';

export const HEADER_SIZE = 80;

function malformed(what: string, offset: number, source: string | undefined): BulwarkError {
  return new BulwarkError('BTC_BLOCK_MALFORMED', what, {
    offset,
    ...(source ? { source } : {}),
    hint: 'The block bytes are truncated or not a Bitcoin block; re-copy the block file from the node',
  });
}

/** Double SHA-256, the hash of Bitcoin headers and transactions. */
export function sha256d(data: Uint8Array): Buffer {
  return hash('sha256', hash('sha256', data, 'buffer'), 'buffer');
}

/** A cursor over one block; `end` bounds every read. */
class Cursor {
  bytes: Uint8Array;
  p: number;
  end: number;
  source: string | undefined;
  constructor(bytes: Uint8Array, p: number, end: number, source: string | undefined) {
    this.bytes = bytes;
    this.p = p;
    this.end = end;
    this.source = source;
  }

  need(n: number, what: string): void {
    if (n < 0 || this.p + n > this.end) {
      throw malformed(
        `block ends inside ${what} (needs ${n} bytes, ${this.end - this.p} left)`,
        this.p,
        this.source,
      );
    }
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.p += n;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.p;
    this.p = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** CompactSize; values beyond 2^53 cannot be lengths of anything in a block, so they fail. */
  varint(what: string): number {
    this.need(1, what);
    const b = this.bytes;
    const first = b[this.p++]!;
    if (first < 0xfd) return first;
    if (first === 0xfd) {
      this.need(2, what);
      const v = b[this.p]! | (b[this.p + 1]! << 8);
      this.p += 2;
      return v;
    }
    if (first === 0xfe) return this.u32(what);
    const lo = this.u32(what);
    const hi = this.u32(what);
    if (hi > 0x1fffff) throw malformed(`${what} is impossibly large`, this.p - 9, this.source);
    return hi * 0x100000000 + lo;
  }
}

/** Reads the 80-byte header fields and hash; `offset` is where the header starts. */
export function parseHeader(
  bytes: Uint8Array,
  offset: number,
  end: number,
  out: ParsedBlock,
  source?: string,
): void {
  if (offset + HEADER_SIZE > end) throw malformed('block shorter than its 80-byte header', offset, source);
  const c = new Cursor(bytes, offset, end, source);
  out.version = c.u32('version') | 0;
  out.prevOffset = offset + 4;
  c.p = offset + 68;
  out.time = c.u32('time');
  out.bits = c.u32('bits');
  out.nonce = c.u32('nonce');
  sha256dInto(bytes, offset, HEADER_SIZE, out.hash, 0);
}

let scratch = new Uint8Array(1 << 16);

/**
 * Parses the block in bytes[offset, end) into `out` (reused across calls). Throws BulwarkError
 * BTC_BLOCK_MALFORMED on anything that is not a whole block, including trailing bytes.
 */
export function parseBlock(
  bytes: Uint8Array,
  offset = 0,
  end = bytes.length,
  out = new ParsedBlock(),
  source?: string,
): ParsedBlock {
  out.reset(bytes, offset);
  parseHeader(bytes, offset, end, out, source);
  const c = new Cursor(bytes, offset + HEADER_SIZE, end, source);
  const txCount = c.varint('transaction count');
  if (txCount === 0) throw malformed('block has no transactions', c.p, source);
  // every transaction takes at least 10 bytes: refuse counts the remaining bytes cannot hold
  if (txCount * 10 > end - c.p)
    throw malformed(`transaction count ${txCount} exceeds the block`, c.p, source);
  out.ensureTx(txCount);
  for (let t = 0; t < txCount; t++) parseTx(c, out, t);
  out.txCount = txCount;
  if (c.p !== end) throw malformed(`${end - c.p} bytes after the last transaction`, c.p, source);
  return out;
}

function parseTx(c: Cursor, out: ParsedBlock, t: number): void {
  const b = c.bytes;
  const txStart = c.p;
  c.skip(4, 'transaction version');
  let segwit = false;
  if (c.p + 1 < c.end && b[c.p] === 0 && b[c.p + 1] !== 0) {
    if (b[c.p + 1] !== 1) throw malformed('unknown segwit flag', c.p + 1, c.source);
    segwit = true;
    c.p += 2;
  }
  const bodyStart = c.p;
  const nIn = c.varint('input count');
  out.txInStart[t] = out.inputCount;
  for (let i = 0; i < nIn; i++) {
    c.need(36, 'outpoint');
    if (out.inputCount >= out.inPrevOffset.length) out.ensureInputs(out.inputCount + 1);
    out.inPrevOffset[out.inputCount++] = c.p;
    c.p += 36;
    c.skip(c.varint('script length'), 'input script');
    c.skip(4, 'sequence');
  }
  const nOut = c.varint('output count');
  out.txOutStart[t] = out.outputCount;
  for (let o = 0; o < nOut; o++) {
    c.need(8, 'output value');
    const p = c.p;
    const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    c.p += 8;
    const len = c.varint('script length');
    c.need(len, 'output script');
    const k = out.outputCount++;
    if (k >= out.outValue.length) out.ensureOutputs(k + 1);
    out.outValue[k] = hi * 0x100000000 + lo;
    out.outScriptOffset[k] = c.p;
    out.outScriptLength[k] = len;
    c.p += len;
  }
  const bodyEnd = c.p;
  if (segwit) skipWitnesses(c, nIn);
  c.skip(4, 'lock time');
  out.txInStart[t + 1] = out.inputCount;
  out.txOutStart[t + 1] = out.outputCount;
  writeTxid(b, txStart, bodyStart, bodyEnd, c.p, segwit, out.txids, t * 32);
}

function skipWitnesses(c: Cursor, nIn: number): void {
  for (let i = 0; i < nIn; i++) {
    const items = c.varint('witness item count');
    for (let k = 0; k < items; k++) c.skip(c.varint('witness item length'), 'witness item');
  }
}

/** The txid hashes the serialisation without marker, flag and witnesses (BIP 144). */
function writeTxid(
  b: Uint8Array,
  txStart: number,
  bodyStart: number,
  bodyEnd: number,
  txEnd: number,
  segwit: boolean,
  into: Uint8Array,
  at: number,
): void {
  if (!segwit) {
    sha256dInto(b, txStart, txEnd - txStart, into, at);
    return;
  }
  const size = 4 + (bodyEnd - bodyStart) + 4;
  if (scratch.length < size) scratch = new Uint8Array(size * 2);
  scratch.set(b.subarray(txStart, txStart + 4), 0);
  scratch.set(b.subarray(bodyStart, bodyEnd), 4);
  scratch.set(b.subarray(txEnd - 4, txEnd), 4 + bodyEnd - bodyStart);
  sha256dInto(scratch, 0, size, into, at);
}
