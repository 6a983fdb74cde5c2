/**
 * `ingestEthereum`: from the last durable block up to head − confirmations, in batched chunks, each
 * committed atomically; reorganisations are detected by parent hashes and rolled back to the fork
 * point; with `follow`, polls for new heads until the signal aborts.
 */
import { BulwarkError, isBulwarkError } from '../../errors/index.ts';
import { describeCapabilities, probeCapabilities } from './capabilities.ts';
import { fetchBlocks, tokensIn } from './fetch-blocks.ts';
import { toHash, toNumber, toQuantity } from './hex.ts';
import { RpcClient } from './rpc-client.ts';
import type { EthereumSink } from './sink.ts';
import { TokenRegistry } from './token-metadata.ts';
import type { ChainBlock, NodeCapabilities, TraceMethod } from './types.ts';

export interface IngestProgress {
  height: number;
  target: number;
  blocks: number;
  transfers: number;
}

export interface IngestEthereumOptions {
  /** Node URL, or a client already configured. */
  rpc: string | RpcClient;
  graph: EthereumSink;
  follow?: boolean;
  /** Blocks left below the head, not yet ingested (default 0: reorgs are rolled back anyway). */
  confirmations?: number;
  /** First block when the store is empty (default 0). */
  fromBlock?: number;
  /** Blocks fetched and committed together (default 20). */
  chunk?: number;
  /** Deepest reorganisation rolled back before giving up (default 64). */
  maxReorgDepth?: number;
  /** Polling interval with `follow` (default 1000 ms). */
  pollMs?: number;
  /** Stop after this block even if the node is ahead (tests, benchmarks). */
  toBlock?: number;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export interface IngestSummary {
  /** What this run added (after rollbacks are subtracted from nothing: rolled-back blocks are counted apart). */
  blocks: number;
  transactions: number;
  transfers: number;
  internal: number;
  tokenTransfers: number;
  /** Height of the last durable block, or -1 when none. */
  head: number;
  reorgs: number;
  rolledBack: number;
  tracer: TraceMethod;
  /** Said when internal transfers could not be ingested. */
  warning?: string;
  node: string;
}

export async function ingestEthereum(options: IngestEthereumOptions): Promise<IngestSummary> {
  const rpc =
    typeof options.rpc === 'string'
      ? new RpcClient({ url: options.rpc, signal: options.signal })
      : options.rpc;
  const caps = await probeCapabilities(rpc);
  const run = new IngestRun(rpc, caps, options);
  try {
    await run.loop();
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  }
  return run.summary();
}

class IngestRun {
  readonly rpc: RpcClient;
  readonly caps: NodeCapabilities;
  readonly o: IngestEthereumOptions;
  readonly sink: EthereumSink;
  readonly tokens: TokenRegistry;
  readonly counts = {
    blocks: 0,
    transactions: 0,
    transfers: 0,
    internal: 0,
    tokenTransfers: 0,
    reorgs: 0,
    rolledBack: 0,
  };

  constructor(rpc: RpcClient, caps: NodeCapabilities, options: IngestEthereumOptions) {
    this.rpc = rpc;
    this.caps = caps;
    this.o = options;
    this.sink = options.graph;
    this.tokens = new TokenRegistry(options.graph.tokens());
  }

  async loop(): Promise<void> {
    for (;;) {
      await this.checkTip();
      const nodeHead = toNumber(await this.rpc.call('eth_blockNumber'), 'eth_blockNumber');
      let target = nodeHead - (this.o.confirmations ?? 0);
      if (this.o.toBlock !== undefined) target = Math.min(target, this.o.toBlock);
      await this.catchUp(target);
      if (!this.o.follow || (this.o.toBlock !== undefined && this.nextHeight() > this.o.toBlock)) return;
      await sleep(this.o.pollMs ?? 1000, this.o.signal);
      if (this.o.signal?.aborted) return;
    }
  }

  nextHeight(): number {
    const head = this.sink.head();
    return head ? head.height + 1 : (this.o.fromBlock ?? 0);
  }

  async catchUp(target: number): Promise<void> {
    const chunk = Math.max(1, this.o.chunk ?? 20);
    // The next range is fetched while this one is checked and committed: the node is the bottleneck.
    let ahead: { from: number; blocks: Promise<ChainBlock[]> } | undefined;
    for (let next = this.nextHeight(); next <= target; next = this.nextHeight()) {
      if (this.o.signal?.aborted) return;
      const current =
        ahead?.from === next ? ahead.blocks : this.fetchStable(next, Math.min(next + chunk - 1, target));
      ahead = undefined;
      const blocks = await current;
      const last = (blocks.at(-1) as ChainBlock).height;
      if (last < target) {
        const blocksAhead = this.fetchStable(last + 1, Math.min(last + chunk, target));
        blocksAhead.catch(() => {}); // awaited (and its failure reported) on the next turn, or dropped
        ahead = { from: last + 1, blocks: blocksAhead };
      }
      const parent = this.sink.hashAt(next - 1);
      if (parent !== undefined && parent !== (blocks[0] as ChainBlock).parentHash) {
        ahead = undefined;
        await this.rollBackToFork(next - 1);
        continue;
      }
      const learned = await this.tokens.learn(this.rpc, tokensIn(blocks), last);
      for (const b of blocks) this.sink.append(b);
      this.sink.putTokens(learned);
      this.sink.commit();
      this.count(blocks);
      this.o.onProgress?.({
        height: last,
        target,
        blocks: this.counts.blocks,
        transfers: this.counts.transfers,
      });
    }
  }

  /** A range fetched while the node reorganises does not link up: fetch it again. */
  async fetchStable(from: number, to: number): Promise<ChainBlock[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchBlocks(this.rpc, this.caps, from, to);
      } catch (error) {
        if (!isBulwarkError(error) || error.spec.code !== 'BULWARK_E_ETH_CHAIN_MISMATCH' || attempt >= 4)
          throw error;
        await sleep(250 * 2 ** attempt, this.o.signal);
      }
    }
  }

  /** The stored tip may have been replaced on the node at the same height (no new block to notice it). */
  async checkTip(): Promise<void> {
    const head = this.sink.head();
    if (!head) return;
    const hash = await this.nodeHashes([head.height]);
    if (hash[0] !== head.hash) await this.rollBackToFork(head.height);
  }

  async rollBackToFork(from: number): Promise<void> {
    const depth = this.o.maxReorgDepth ?? 64;
    const lowest = Math.max(0, from - depth + 1, this.o.fromBlock ?? 0);
    const heights: number[] = [];
    for (let h = from; h >= lowest; h--) if (this.sink.hashAt(h) !== undefined) heights.push(h);
    const node = await this.nodeHashes(heights);
    const i = heights.findIndex((h, k) => node[k] === this.sink.hashAt(h));
    if (i < 0 && (heights.length === 0 || (heights.at(-1) as number) > (this.o.fromBlock ?? 0))) {
      throw new BulwarkError(
        'ETH_REORG_TOO_DEEP',
        `no common block with the node in the ${depth} blocks below ${from + 1}`,
        {
          source: this.rpc.source,
          hint: 'The node follows another chain, or the reorganisation is deeper than --max-reorg-depth; ingest into a fresh data directory',
        },
      );
    }
    const fork = i < 0 ? (this.o.fromBlock ?? 0) - 1 : (heights[i] as number);
    const head = this.sink.head();
    this.sink.rollback(fork);
    this.counts.reorgs++;
    this.counts.rolledBack += (head?.height ?? fork) - fork;
  }

  async nodeHashes(heights: readonly number[]): Promise<(string | undefined)[]> {
    if (heights.length === 0) return [];
    const answers = await this.rpc.batch(
      heights.map((h) => ({ method: 'eth_getBlockByNumber', params: [toQuantity(h), false] })),
    );
    return answers.map((a, i) =>
      a === null
        ? undefined
        : toHash((a as { hash?: unknown }).hash, `eth_getBlockByNumber(${heights[i]}).hash`),
    );
  }

  count(blocks: readonly ChainBlock[]): void {
    const c = this.counts;
    for (const b of blocks) {
      c.blocks++;
      c.transactions += b.txs.length;
      c.transfers += b.transfers.length;
      for (const t of b.transfers) {
        if (t.kind === 'internal') c.internal++;
        else if (t.kind === 'erc20') c.tokenTransfers++;
      }
    }
  }

  summary(): IngestSummary {
    const { reorgs, rolledBack, ...added } = this.counts;
    return {
      ...added,
      head: this.sink.head()?.height ?? -1,
      reorgs,
      rolledBack,
      tracer: this.caps.trace,
      ...(this.caps.trace === 'none' ? { warning: describeCapabilities(this.caps) } : {}),
      node: this.rpc.source,
    };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
