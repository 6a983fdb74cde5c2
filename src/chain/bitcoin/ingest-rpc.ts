/** Ingestion over JSON-RPC: from the store's head to the node's, in batches, rolling back forks. */
import { UNKNOWN_HEIGHT } from '../graph/format.ts';
import type { Graph } from '../graph/graph.ts';
import type { IngestSummary, Progress } from './ingest-types.ts';
import { BitcoinRpc } from './rpc-client.ts';
import { parseBlockJson } from './rpc-json.ts';

export interface RpcOptions {
  url: string;
  graph: Graph;
  batch?: number;
  onProgress?: (p: Progress) => void;
}

/** Append index of the stored block at height h, or -1. */
function storedAt(graph: Graph, h: number): number {
  const c = graph.bitcoin.c;
  for (let b = c.blocks - 1; b >= 0; b--) if (c.blockHeight.data[b] === h) return b;
  return -1;
}

/** Rolls back stored blocks the node no longer has at their heights; returns the height to resume. */
async function resumeHeight(rpc: BitcoinRpc, graph: Graph, summary: IngestSummary): Promise<number> {
  let head = graph.head();
  while (head && head.height >= 0) {
    const hash = await rpc.call<string>('getblockhash', head.height).catch(() => undefined);
    if (hash === head.hash) return head.height + 1;
    const b = storedAt(graph, head.height);
    summary.rolledBack += graph.bitcoin.c.blocks - b;
    graph.rollbackBitcoin(b);
    head = graph.head();
  }
  return 0;
}

export async function ingestRpc(opts: RpcOptions, summary: IngestSummary): Promise<void> {
  const rpc = new BitcoinRpc(opts.url);
  const { graph } = opts;
  const tip = await rpc.call<number>('getblockcount');
  const from = await resumeHeight(rpc, graph, summary);
  const size = opts.batch ?? 16;
  for (let h = from; h <= tip; h += size) {
    const heights = Array.from({ length: Math.min(size, tip - h + 1) }, (_, i) => h + i);
    const hashes = await rpc.batch<string>(heights.map((x) => ({ method: 'getblockhash', params: [x] })));
    const blocks = await rpc.batch<unknown>(hashes.map((x) => ({ method: 'getblock', params: [x, 2] })));
    blocks.forEach((json, i) => {
      const pb = parseBlockJson(json);
      const r = graph.bitcoin.appendBlock(pb, heights[i] ?? UNKNOWN_HEIGHT);
      if (!r.added) return;
      summary.blocks++;
      summary.transactions += r.transactions;
      summary.inputs += r.inputs;
      summary.outputs += r.outputs;
      summary.resolved += r.resolved;
    });
    graph.commit();
    opts.onProgress?.({
      done: heights.at(-1)! - from + 1,
      total: tip - from + 1,
      transactions: summary.transactions,
    });
  }
}
