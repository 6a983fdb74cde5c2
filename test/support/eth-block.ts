import { type ethereum, openGraph } from '../../src/chain/index.ts';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

/**
 * Appends and commits one Ethereum block holding one plain transfer, as the ingester would: its own
 * writer on the graph store, opened and closed around the block, so readers see a new commit.
 */
export function commitEthTransfer(graphDir: string, from: string, to: string, value: bigint): void {
  const graph = openGraph(graphDir);
  try {
    const head = graph.ethereum.head();
    const height = (head?.height ?? -1) + 1;
    const tx = hash(5000 + height);
    const block: ethereum.ChainBlock = {
      height,
      hash: hash(9000 + height),
      parentHash: head?.hash ?? hash(0),
      time: 1_700_000_000 + 12 * height,
      txs: [{ hash: tx, from, to, value, fee: 0n, ok: true }],
      transfers: [{ from, to, value, asset: 'ETH', txHash: tx, kind: 'call' }],
    };
    graph.ethereum.append(block);
    graph.ethereum.commit();
  } finally {
    graph.close();
  }
}
