/**
 * One parsed block as flat, reusable typed arrays: the parser fills it without allocating per
 * transaction, input or output, and the store reads it in tight loops. Offsets point into `bytes`.
 */
export class ParsedBlock {
  /** The raw block (header + transactions); input and script offsets index into it. */
  bytes: Uint8Array = new Uint8Array(0);
  /** Where the block starts inside `bytes`. */
  start = 0;
  /** Block hash in internal byte order (the reverse of how explorers show it). */
  readonly hash = new Uint8Array(32);
  version = 0;
  time = 0;
  bits = 0;
  nonce = 0;
  /** Offset of the previous block's hash (32 bytes, internal order) inside `bytes`. */
  prevOffset = 0;
  txCount = 0;
  inputCount = 0;
  outputCount = 0;
  /** 32 bytes per transaction, internal order. */
  txids = new Uint8Array(32 * 64);
  /** Per transaction: index of its first input / output; entry txCount closes the last one. */
  txInStart = new Uint32Array(65);
  txOutStart = new Uint32Array(65);
  /** Per input: offset of the outpoint (32-byte txid then 4-byte LE vout) inside `bytes`. */
  inPrevOffset = new Uint32Array(256);
  /** Per output: value in satoshi (exact: every valid amount is below 2^53). */
  outValue = new Float64Array(256);
  outScriptOffset = new Uint32Array(256);
  outScriptLength = new Uint32Array(256);

  reset(bytes: Uint8Array, start: number): void {
    this.bytes = bytes;
    this.start = start;
    this.txCount = 0;
    this.inputCount = 0;
    this.outputCount = 0;
  }

  ensureTx(n: number): void {
    if (n + 1 <= this.txInStart.length) return;
    const size = Math.max(n + 1, this.txInStart.length * 2);
    this.txInStart = grow32(this.txInStart, size);
    this.txOutStart = grow32(this.txOutStart, size);
    const ids = new Uint8Array(size * 32);
    ids.set(this.txids);
    this.txids = ids;
  }

  ensureInputs(n: number): void {
    if (n <= this.inPrevOffset.length) return;
    this.inPrevOffset = grow32(this.inPrevOffset, Math.max(n, this.inPrevOffset.length * 2));
  }

  ensureOutputs(n: number): void {
    if (n <= this.outValue.length) return;
    const size = Math.max(n, this.outValue.length * 2);
    const values = new Float64Array(size);
    values.set(this.outValue);
    this.outValue = values;
    this.outScriptOffset = grow32(this.outScriptOffset, size);
    this.outScriptLength = grow32(this.outScriptLength, size);
  }

  /** The block hash as explorers and RPC show it (reversed hex). */
  hashHex(): string {
    return reversedHex(this.hash, 0);
  }

  prevHashHex(): string {
    return reversedHex(this.bytes, this.prevOffset);
  }

  txidHex(tx: number): string {
    return reversedHex(this.txids, tx * 32);
  }

  /** A coinbase's single input spends the null outpoint (zero txid, vout 0xffffffff). */
  isCoinbase(tx: number): boolean {
    if (this.txInStart[tx + 1]! - this.txInStart[tx]! !== 1) return false;
    const o = this.inPrevOffset[this.txInStart[tx]!]!;
    const b = this.bytes;
    if ((b[o + 32]! & b[o + 33]! & b[o + 34]! & b[o + 35]!) !== 0xff) return false;
    for (let i = 0; i < 32; i++) if (b[o + i] !== 0) return false;
    return true;
  }
}

function grow32(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 32 bytes at `offset`, reversed, as hex: Bitcoin shows hashes little-endian. */
export function reversedHex(bytes: Uint8Array, offset: number): string {
  let s = '';
  for (let i = 31; i >= 0; i--) s += HEX[bytes[offset + i]!];
  return s;
}

/** Parses a displayed (reversed) 64-digit hash into internal byte order. */
export function hashFromHex(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[31 - i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
