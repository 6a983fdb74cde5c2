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

/** Opens a graph in `dir` holding one block per step; a step is a transaction of moves. */
export function buildGraph(dir: string, steps: readonly (readonly Move[])[]): Graph {
  const g = openGraph(dir);
  steps.forEach((moves, i) => {
    const tx = hash(1000 + i);
    const block: ethereum.ChainBlock = {
      height: i,
      hash: hash(i + 1),
      parentHash: hash(i),
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
    g.ethereum.append(block);
  });
  g.ethereum.commit();
  return g;
}
