/** 0x-hex ↔ bytes without allocation, for addresses and hashes on the ingestion path. */
import { BulwarkError } from '../../errors/index.ts';

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Writes the `n` bytes of `text` ("0x" + 2n hex digits) to out[off…]. */
export function hexInto(text: string, n: number, out: Uint8Array, off: number, what: string): void {
  let ok = text.length === 2 + 2 * n && text.charCodeAt(0) === 48 && (text.charCodeAt(1) | 32) === 120;
  for (let i = 0; ok && i < n; i++) {
    const hi = nibble(text.charCodeAt(2 + 2 * i));
    const lo = nibble(text.charCodeAt(3 + 2 * i));
    if (hi < 0 || lo < 0) ok = false;
    else out[off + i] = (hi << 4) | lo;
  }
  if (!ok) {
    throw new BulwarkError('ETH_RPC_MALFORMED', `${what} ${JSON.stringify(text)} is not ${n} hex bytes`, {
      hint: 'Ingestion hands the graph store validated blocks; this is a bug in the caller',
    });
  }
}

export function hexOf(data: Uint8Array, off: number, n: number): string {
  return `0x${Buffer.from(data.buffer, data.byteOffset + off, n).toString('hex')}`;
}
