/** The merkle root of a parsed block's txids: checks that every txid was computed right. */
import { sha256d } from './block-parser.ts';
import type { ParsedBlock } from './parsed-block.ts';

export function merkleRoot(pb: ParsedBlock): Uint8Array {
  let level: Uint8Array[] = [];
  for (let t = 0; t < pb.txCount; t++) level.push(pb.txids.subarray(t * 32, t * 32 + 32));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const pair = new Uint8Array(64);
      pair.set(level[i]!, 0);
      pair.set(level[i + 1] ?? level[i]!, 32);
      next.push(sha256d(pair));
    }
    level = next;
  }
  return level[0]!;
}

/** The merkle root the header states (internal order). */
export function headerMerkleRoot(pb: ParsedBlock): Uint8Array {
  return pb.bytes.subarray(pb.start + 36, pb.start + 68);
}
