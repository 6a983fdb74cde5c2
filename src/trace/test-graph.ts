/**
 * Hand-built account graphs for the trace tests: letters name addresses, one transaction per
 * transfer (or per group), one block per step, so time order is the order written.
 */
import { type ethereum, type Graph, openGraph } from '../chain/index.ts';

export interface Move {
  from: string;
  to: string;
  value: bigint;
  /** A token contract letter; ether by default. */
  asset?: string;
}

/** '0x' + the letter's char code repeated: distinct, valid, readable addresses. */
export function addr(name: string): string {
  return `0x${name.charCodeAt(0).toString(16).padStart(2, '0').repeat(20)}`;
}

function hash(n: number): string {
  return `0x${n.toString(16).padStart(64, '0')}`;
}

/**
 * The block of step `i`: one transaction of `moves`. `fork` > 0 gives the blocks of another branch
 * from height `fork` on (other block and transaction hashes), for reorganisation tests.
 */
export function blockOf(i: number, moves: readonly Move[], fork = 0): ethereum.ChainBlock {
  // the hash of the block at height h (heights below `fork` keep the main branch's)
  const at = (h: number) => (fork > 0 && h >= fork ? hash(0x10000 + h) : hash(h + 1));
  const tx = fork > 0 && i >= fork ? hash(0x20000 + i) : hash(1000 + i);
  return {
    height: i,
    hash: at(i),
    parentHash: i === 0 ? hash(0) : at(i - 1),
    time: 1_700_000_000 + 12 * i,
    txs: [
      {
        hash: tx,
        from: addr(moves[0]?.from ?? 'z'),
        to: addr(moves[0]?.to ?? 'z'),
        value: 0n,
        fee: 0n,
        ok: true,
      },
    ],
    transfers: moves.map((m) => ({
      from: addr(m.from),
      to: addr(m.to),
      value: m.value,
      asset: m.asset ? addr(m.asset) : 'ETH',
      txHash: tx,
      kind: m.asset ? ('erc20' as const) : ('call' as const),
    })),
  };
}

/** Opens a graph in `dir` holding one block per step; a step is a transaction of moves. */
export function buildGraph(dir: string, steps: readonly (readonly Move[])[]): Graph {
  const g = openGraph(dir);
  steps.forEach((moves, i) => {
    g.ethereum.append(blockOf(i, moves));
  });
  g.ethereum.commit();
  return g;
}
