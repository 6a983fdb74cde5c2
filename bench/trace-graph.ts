/**
 * A generated account graph for the trace benchmark: `edges` ether transfers among edges / 5
 * addresses, a thousand per block, each in its own transaction. Payers and payees are skewed
 * (a few busy addresses, many quiet ones) as on a real chain. Deterministic (xorshift).
 */

import type { ChainBlock, ChainTransfer, ChainTx } from '../src/chain/ethereum/index.ts';
import { type Graph, openGraph } from '../src/chain/index.ts';

const PER_BLOCK = 1000;

export interface GeneratedEdges {
  from: Int32Array;
  to: Int32Array;
  value: Float64Array;
  addresses: number;
}

export function generateEdges(edges: number): GeneratedEdges {
  const addresses = Math.max(10, Math.floor(edges / 5));
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const value = new Float64Array(edges);
  let s = 0x2545f491;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = 0; i < edges; i++) {
    from[i] = Math.floor(addresses * rnd() ** 2);
    to[i] = Math.floor(addresses * rnd() ** 1.5);
    value[i] = 1 + Math.floor(rnd() * 1e9);
  }
  return { from, to, value, addresses };
}

export function addressHex(i: number): string {
  return `0x${i.toString(16).padStart(40, '0')}`;
}

/** Writes the edges into a fresh graph store in `dir` and returns it opened read-only. */
export function writeGraph(dir: string, e: GeneratedEdges): Graph {
  const g = openGraph(dir);
  const names = Array.from({ length: e.addresses }, (_, i) => addressHex(i + 1));
  const n = e.from.length;
  for (let b = 0, at = 0; at < n; b++) {
    const txs: ChainTx[] = [];
    const transfers: ChainTransfer[] = [];
    for (let k = 0; k < PER_BLOCK && at < n; k++, at++) {
      const hash = `0x${at.toString(16).padStart(64, '0')}`;
      const from = names[e.from[at]!]!;
      const to = names[e.to[at]!]!;
      const value = BigInt(e.value[at]!);
      txs.push({ hash, from, to, value, fee: 0n, ok: true });
      transfers.push({ from, to, value, asset: 'ETH', txHash: hash, kind: 'call' });
    }
    const block: ChainBlock = {
      height: b,
      hash: `0x${(b + 1).toString(16).padStart(64, 'f')}`,
      parentHash: `0x${b.toString(16).padStart(64, 'f')}`,
      time: 1_600_000_000 + 12 * b,
      txs,
      transfers,
    };
    g.ethereum.append(block);
    if (b % 500 === 499) g.ethereum.commit();
  }
  g.ethereum.commit();
  g.close();
  return openGraph(dir, { readonly: true });
}
