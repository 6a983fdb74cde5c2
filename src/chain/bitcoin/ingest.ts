/** `ingestBitcoin`: block files or a node's RPC into the graph store. */
import { setTimeout as sleep } from 'node:timers/promises';
import { BulwarkError } from '../../errors/index.ts';
import type { Graph } from '../graph/graph.ts';
import { ingestBlocksDir } from './ingest-blocks-dir.ts';
import { ingestRpc } from './ingest-rpc.ts';
import { emptySummary, type IngestSummary, type Progress } from './ingest-types.ts';

export interface IngestBitcoinOptions {
  graph: Graph;
  blocksDir?: string;
  /** Bitcoin Core JSON-RPC URL (credentials in the URL are sent as HTTP Basic auth). */
  rpc?: string;
  /** Keep polling for new blocks until `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  pollMs?: number;
  commitEvery?: number;
  onProgress?: (p: Progress) => void;
}

export async function ingestBitcoin(opts: IngestBitcoinOptions): Promise<IngestSummary> {
  if ((opts.blocksDir === undefined) === (opts.rpc === undefined)) {
    throw new BulwarkError('USAGE', 'give exactly one of a block directory or an RPC URL', {
      hint: 'Use --blocks DIR or --rpc URL',
    });
  }
  const summary = emptySummary();
  for (;;) {
    if (opts.blocksDir !== undefined) {
      ingestBlocksDir(
        {
          dir: opts.blocksDir,
          graph: opts.graph,
          ...(opts.commitEvery ? { commitEvery: opts.commitEvery } : {}),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        },
        summary,
      );
    } else {
      await ingestRpc(
        { url: opts.rpc!, graph: opts.graph, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) },
        summary,
      );
    }
    if (!opts.follow || opts.signal?.aborted) break;
    try {
      await sleep(opts.pollMs ?? 10_000, undefined, opts.signal ? { signal: opts.signal } : {});
    } catch {
      break;
    }
  }
  const head = opts.graph.head();
  summary.head = head?.height ?? -1;
  summary.headHash = head?.hash;
  return summary;
}
