/**
 * Writing Bitcoin's wire format: the integer encodings, the merkle root and blk-file records (mainnet
 * magic, size, block). Used by the block generator and by tests that hand-make blocks, so both write
 * what `block-parser.ts` reads.
 */
import { MAINNET_MAGIC } from './blk-files.ts';
import { sha256d } from './block-parser.ts';

/** Compact size (values below 2^16, which is all these writers need). */
export function varint(n: number): Buffer {
  if (n < 0xfd) return Buffer.from([n]);
  const b = Buffer.alloc(3);
  b[0] = 0xfd;
  b.writeUInt16LE(n, 1);
  return b;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n), 0);
  return b;
}

/** Merkle root of txids (internal byte order); an odd level pairs its last id with itself. */
export function merkleRoot(ids: readonly Buffer[]): Buffer {
  let level = ids;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(sha256d(Buffer.concat([level[i]!, level[i + 1] ?? level[i]!])));
    level = next;
  }
  return level[0]!;
}

/** A block on `prev` holding `txs` (serialised, with their txids), and its hash. No proof of work. */
export function blockBytes(
  prev: Buffer,
  txs: readonly { bytes: Buffer; txid: Buffer }[],
  time: number,
  nonce = 0,
  version = 0x20000000,
): { block: Buffer; hash: Buffer } {
  const header = Buffer.concat([
    u32(version),
    prev,
    merkleRoot(txs.map((t) => t.txid)),
    u32(time),
    u32(0x207fffff), // bits: the regtest limit
    u32(nonce),
  ]);
  return {
    block: Buffer.concat([header, varint(txs.length), ...txs.map((t) => t.bytes)]),
    hash: sha256d(header),
  };
}

/** The same block as one blk-file record (magic, size, block). */
export function blockRecord(
  prev: Buffer,
  txs: readonly { bytes: Buffer; txid: Buffer }[],
  time: number,
  nonce = 0,
): { record: Buffer; hash: Buffer } {
  const { block, hash } = blockBytes(prev, txs, time, nonce);
  return { record: Buffer.concat([u32(MAINNET_MAGIC), u32(block.length), block]), hash };
}

/** The name Bitcoin Core gives block file `index`. */
export function blkFileName(index: number): string {
  return `blk${String(index).padStart(5, '0')}.dat`;
}
