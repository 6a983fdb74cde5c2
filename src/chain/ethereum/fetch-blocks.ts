/** Fetches a range of blocks (bodies, receipts, traces) in batched requests and assembles them. */
import { BulwarkError } from '../../errors/index.ts';
import { assembleBlock } from './assemble-block.ts';
import { toQuantity } from './hex.ts';
import { asArray, type ParsedBlock, type ParsedReceipt, parseBlock, parseReceipt } from './raw-block.ts';
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

/** Blocks `from..to` inclusive, in order; throws ETH_CHAIN_MISMATCH if they do not link up. */
export async function fetchBlocks(
  rpc: RpcClient,
  caps: NodeCapabilities,
  from: number,
  to: number,
): Promise<ChainBlock[]> {
  const heights: number[] = [];
  for (let h = from; h <= to; h++) heights.push(h);
  const calls: RpcCall[] = heights.map((h) => ({
    method: 'eth_getBlockByNumber',
    params: [toQuantity(h), true],
  }));
  if (caps.blockReceipts)
    for (const h of heights) calls.push({ method: 'eth_getBlockReceipts', params: [toQuantity(h)] });
  const traceCalls = heights.map((h) => traceCall(caps, h)).filter((c) => c !== undefined);
  calls.push(...traceCalls);
  const answers = await rpc.batch(calls);
  const n = heights.length;
  const blocks = heights.map((h, i) => {
    if (answers[i] === null) {
      throw new BulwarkError('ETH_CHAIN_MISMATCH', `the node has no block ${h}`, {
        hint: 'The head moved back (reorganisation) or the node is still syncing; retry',
      });
    }
    return parseBlock(answers[i], `eth_getBlockByNumber(${h})`);
  });
  const receipts = caps.blockReceipts
    ? heights.map((h, i) =>
        asArray(answers[n + i], `eth_getBlockReceipts(${h})`).map((r, j) =>
          parseReceipt(r, `eth_getBlockReceipts(${h})[${j}]`),
        ),
      )
    : await fetchReceiptsPerTx(rpc, blocks);
  const traceBase = caps.blockReceipts ? 2 * n : n;
  const chain = blocks.map((block, i) =>
    assembleBlock(
      block,
      receipts[i] as ParsedReceipt[],
      caps.trace,
      traceCalls.length > 0 ? answers[traceBase + i] : undefined,
    ),
  );
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
  blocks: readonly ParsedBlock[],
): Promise<ParsedReceipt[][]> {
  const calls = blocks.flatMap((b) =>
    b.txs.map((t) => ({ method: 'eth_getTransactionReceipt', params: [t.hash] })),
  );
  const answers = await rpc.batch(calls);
  let k = 0;
  return blocks.map((b) =>
    b.txs.map((t) => {
      const answer = answers[k++];
      if (answer === null) {
        throw new BulwarkError(
          'ETH_CHAIN_MISMATCH',
          `no receipt for transaction ${t.hash} of block ${b.height}`,
          {
            hint: 'A reorganisation happened while fetching; the range is fetched again',
          },
        );
      }
      return parseReceipt(answer, `eth_getTransactionReceipt(${t.hash})`);
    }),
  );
}

/** Token contracts that emitted ERC-20 transfers in these blocks. */
export function tokensIn(blocks: readonly ChainBlock[]): Set<string> {
  const tokens = new Set<string>();
  for (const b of blocks) for (const t of b.transfers) if (t.kind === 'erc20') tokens.add(t.asset);
  return tokens;
}
