/**
 * Everything the Ethereum table holds, as plain values with address and hash strings: tests compare
 * a resumed or reorganised store with a fresh ingestion of the same chain through it.
 */
import { NO_ADDRESS } from '../../graph/format.ts';
import { type Graph, openGraph } from '../../graph/graph.ts';
import { type IngestEthereumOptions, type IngestSummary, ingestEthereum } from '../ingest.ts';

export interface DumpedTransfer {
  from: string;
  to: string;
  value: bigint;
  asset: string;
  kind: string;
  txHash: string;
  height: number;
}

export function dumpEthereum(g: Graph) {
  const e = g.ethereum;
  const blocks = [];
  for (let b = 0; b < e.c.blocks; b++) {
    const height = e.c.blockHeight.data[b]!;
    const first = e.c.blockTx.data[b]!;
    const end = b + 1 < e.c.blocks ? e.c.blockTx.data[b + 1]! : e.c.txs;
    const txs = [];
    for (let tx = first; tx < end; tx++) txs.push(e.txHash(tx));
    blocks.push({ height, hash: e.hashAt(height), time: e.c.blockTime.data[b]!, txs });
  }
  return { blocks, transfers: transfersOf(g), tokens: e.tokens() };
}

export function transfersOf(g: Graph): DumpedTransfer[] {
  const e = g.ethereum;
  const out: DumpedTransfer[] = [];
  for (let row = 0; row < e.c.rows; row++) {
    const t = e.transfer(row);
    out.push({
      from: g.addressOf(t.from),
      to: g.addressOf(t.to),
      value: t.value,
      asset: t.asset === NO_ADDRESS ? 'ETH' : g.addressOf(t.asset),
      kind: t.kind,
      txHash: e.txHash(t.tx),
      height: t.height,
    });
  }
  return out;
}

/** Ingests into the graph store in `dir`, opened for this run and closed after it. */
export async function ingestInto(
  dir: string,
  options: Omit<IngestEthereumOptions, 'graph'>,
): Promise<IngestSummary> {
  const g = openGraph(dir);
  try {
    return await ingestEthereum({ ...options, graph: g.ethereum });
  } finally {
    g.close();
  }
}

/** The committed Ethereum table of the store in `dir`. */
export function stored(dir: string): ReturnType<typeof dumpEthereum> {
  return dumpEthereum(openGraph(dir, { readonly: true }));
}
