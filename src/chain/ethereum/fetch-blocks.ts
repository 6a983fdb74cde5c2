/** Fetches a range of blocks (bodies, receipts, traces) in batched requests and assembles them. */
import { BulwarkError } from '../../errors/index.ts';
import { assembleBlock } from './assemble-block.ts';
import { toQuantity } from './hex.ts';
import { lightBlock, topLevelValues } from './light-bodies.ts';
import { asArray, type ParsedReceipt, parseBlock, parseLightBlock, parseReceipt } from './raw-block.ts';
import type { RpcCall, RpcClient } from './rpc-client.ts';
import type { ChainBlock, NodeCapabilities } from './types.ts';

function traceCall(caps: NodeCapabilities, height: number): RpcCall | undefined {
  const n = toQuantity(height);
  if (caps.trace === 'trace_block') return { method: 'trace_block', params: [n] };
  if (caps.trace === 'debug_traceBlockByNumber') {
    return { method: 'debug_traceBlockByNumber', params: [n, { tracer: 'callTracer' }] };
  }
  return undefined;
}

export interface FetchOptions {
  /**
   * 'light' (the default when the node traces) rebuilds transactions from receipts and trace top
   * frames instead of fetching bodies; 'full' always fetches bodies.
   */
  bodies?: 'light' | 'full';
}

/** Blocks `from..to` inclusive, in order; throws ETH_CHAIN_MISMATCH if they do not link up. */
export async function fetchBlocks(
  rpc: RpcClient,
  caps: NodeCapabilities,
  from: number,
  to: number,
  options: FetchOptions = {},
): Promise<ChainBlock[]> {
  const light = caps.trace !== 'none' && options.bodies !== 'full';
  const heights: number[] = [];
  for (let h = from; h <= to; h++) heights.push(h);
  const calls: RpcCall[] = heights.map((h) => ({
    method: 'eth_getBlockByNumber',
    params: [toQuantity(h), !light],
  }));
  if (caps.blockReceipts)
    for (const h of heights) calls.push({ method: 'eth_getBlockReceipts', params: [toQuantity(h)] });
  const traceCalls = heights.map((h) => traceCall(caps, h)).filter((c) => c !== undefined);
  calls.push(...traceCalls);
  const answers = await rpc.batch(calls);
  const n = heights.length;
  const traceBase = caps.blockReceipts ? 2 * n : n;
  const traces = (i: number): unknown => (traceCalls.length > 0 ? answers[traceBase + i] : undefined);
  const bodies = heights.map((h, i) => {
    if (answers[i] === null) {
      throw new BulwarkError('ETH_CHAIN_MISMATCH', `the node has no block ${h}`, {
        hint: 'The head moved back (reorganisation) or the node is still syncing; retry',
      });
    }
    const path = `eth_getBlockByNumber(${h})`;
    if (light) return parseLightBlock(answers[i], path);
    const block = parseBlock(answers[i], path);
    return { header: block, txHashes: block.txs.map((t) => t.hash), block };
  });
  const receipts = caps.blockReceipts
    ? heights.map((h, i) =>
        asArray(answers[n + i], `eth_getBlockReceipts(${h})`).map((r, j) =>
          parseReceipt(r, `eth_getBlockReceipts(${h})[${j}]`),
        ),
      )
    : await fetchReceiptsPerTx(
        rpc,
        bodies.map((b) => ({ height: b.header.height, txHashes: b.txHashes })),
      );
  const chain = bodies.map((b, i) => {
    const rs = receipts[i] as ParsedReceipt[];
    const block =
      'block' in b
        ? b.block
        : lightBlock(b.header, b.txHashes, rs, topLevelValues(caps.trace, traces(i), b.txHashes));
    return assembleBlock(block, rs, caps.trace, traces(i));
  });
  for (let i = 1; i < chain.length; i++) {
    if ((chain[i] as ChainBlock).parentHash !== (chain[i - 1] as ChainBlock).hash) {
      throw new BulwarkError(
        'ETH_CHAIN_MISMATCH',
        `block ${from + i} does not follow block ${from + i - 1}`,
        {
          hint: 'A reorganisation happened while fetching; the range is fetched again',
        },
      );
    }
  }
  return chain;
}

async function fetchReceiptsPerTx(
  rpc: RpcClient,
  blocks: readonly { height: number; txHashes: readonly string[] }[],
): Promise<ParsedReceipt[][]> {
  const calls = blocks.flatMap((b) =>
    b.txHashes.map((hash) => ({ method: 'eth_getTransactionReceipt', params: [hash] })),
  );
  const answers = await rpc.batch(calls);
  let k = 0;
  return blocks.map((b) =>
    b.txHashes.map((hash) => {
      const answer = answers[k++];
      if (answer === null) {
        throw new BulwarkError(
          'ETH_CHAIN_MISMATCH',
          `no receipt for transaction ${hash} of block ${b.height}`,
          {
            hint: 'A reorganisation happened while fetching; the range is fetched again',
          },
        );
      }
      return parseReceipt(answer, `eth_getTransactionReceipt(${hash})`);
    }),
  );
}

/** Token contracts that emitted ERC-20 transfers in these blocks. */
export function tokensIn(blocks: readonly ChainBlock[]): Set<string> {
  const tokens = new Set<string>();
  for (const b of blocks) for (const t of b.transfers) if (t.kind === 'erc20') tokens.add(t.asset);
  return tokens;
}
