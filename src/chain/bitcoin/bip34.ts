/** The height a block states in its coinbase script (BIP 34, block version 2 and later). */
import type { ParsedBlock } from './parsed-block.ts';

export function bip34Height(pb: ParsedBlock): number {
  if (pb.version < 2 || pb.txCount === 0 || !pb.isCoinbase(0)) return -1;
  const b = pb.bytes;
  const at = pb.inPrevOffset[0]! + 36;
  const scriptLen = b[at]!;
  const push = b[at + 1]!;
  if (scriptLen < 1 || scriptLen >= 0xfd || push < 1 || push > 5 || push + 1 > scriptLen) return -1;
  let h = 0;
  for (let i = push - 1; i >= 0; i--) h = h * 256 + b[at + 2 + i]!;
  return h;
}
