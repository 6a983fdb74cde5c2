/**
 * Ethereum ingestion from a local anvil: blocks/s and transfers/s end to end (RPC, parsing, traces,
 * token metadata, the graph store's Ethereum table with its adjacency), against fetching the same JSON-RPC answers alone (headers without
 * bodies, block receipts, trace_block: what the ingester asks for when the node traces).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toQuantity } from '../src/chain/ethereum/hex.ts';
import {
  ChainDriver,
  ingestEthereum,
  probeCapabilities,
  RpcClient,
  startAnvil,
} from '../src/chain/ethereum/index.ts';
import { address, encodeCall, str, uint } from '../src/chain/ethereum/scenario/abi.ts';
import { selector } from '../src/chain/ethereum/scenario/contracts.ts';
import { type EthereumStats, openGraph } from '../src/chain/index.ts';
import { medianOf } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const BLOCKS = 120;
const TXS_PER_BLOCK = 20;

/** Blocks of mixed traffic: ether payments, token transfers and contract fan-outs (internal transfers). */
async function buildChain(d: ChainDriver, accounts: string[]): Promise<void> {
  const [a0] = accounts as [string];
  const token = await d.deploy(a0, 'Token', [str('Bench'), str('BEN'), uint(18n)]);
  const splitter = await d.deploy(a0, 'Splitter');
  for (const a of accounts)
    await d.invoke(a, token, 'Token', 'mint(address,uint256)', [address(a), uint(10n ** 30n)]);
  await d.rpc.call('evm_setAutomine', [false]);
  const split = selector('Splitter', 'split(address[],uint256[])');
  let k = 0;
  for (let b = 0; b < BLOCKS; b++) {
    const sends = [];
    for (let i = 0; i < TXS_PER_BLOCK; i++, k++) {
      const from = accounts[k % accounts.length] as string;
      const to = accounts[(k * 7 + 3) % accounts.length] as string;
      const kind = k % 4;
      const tx: Record<string, string> =
        kind === 0 || kind === 1
          ? { from, to, value: toQuantity(1000n + BigInt(k)) }
          : kind === 2
            ? {
                from,
                to: token,
                data: encodeCall(selector('Token', 'transfer(address,uint256)'), [
                  address(to),
                  uint(BigInt(k)),
                ]),
                gas: '0x30000',
              }
            : {
                from,
                to: splitter,
                value: toQuantity(3000n),
                gas: '0x40000',
                data: encodeCall(split, [
                  { type: 'address[]', value: [to, from, a0] },
                  { type: 'uint256[]', value: [1000n, 1000n, 1000n] },
                ]),
              };
      sends.push(d.rpc.call('eth_sendTransaction', [tx]));
    }
    await Promise.all(sends);
    await d.rpc.call('evm_mine');
  }
  await d.rpc.call('evm_setAutomine', [true]);
}

/** Bytes per transfer of the graph store's Ethereum table, as ingested (target ≤ 32 with indexes). */
function graphSize(stats: EthereumStats | undefined, note: string): BenchResult[] {
  if (!stats) return [];
  const b = stats.bytes;
  const detail = `${note}; rows ${b.rows}, pooled values ${b.poolBytes}, adjacency ${b.adjacency}, txs ${b.txs}, blocks ${b.blocks}, tokens ${b.tokens} bytes`;
  return [
    {
      name: 'Ethereum graph store: rows + tx offsets + both CSR directions',
      unit: 'bytes/transfer',
      value: stats.indexedBytesPerTransfer,
      target: '<= 32',
      note: detail,
    },
    {
      name: 'Ethereum graph store: everything (+ tx hashes, blocks, tokens, address dictionary)',
      unit: 'bytes/transfer',
      value: stats.totalBytesPerTransfer,
      note: detail,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const node = await startAnvil({ args: ['--accounts', '20'] });
  try {
    const rpc = new RpcClient({ url: node.url });
    const accounts = (await rpc.call<string[]>('eth_accounts')).map((a) => a.toLowerCase());
    await buildChain(new ChainDriver(rpc), accounts);
    const head = Number(await rpc.call<string>('eth_blockNumber'));
    const caps = await probeCapabilities(rpc);
    const rawSeconds = await medianOf(3, async () => {
      const start = performance.now();
      for (let from = 0; from <= head; from += 20) {
        const calls = [];
        for (let h = from; h <= Math.min(head, from + 19); h++) {
          const n = toQuantity(h);
          calls.push({ method: 'eth_getBlockByNumber', params: [n, false] });
          calls.push({ method: 'eth_getBlockReceipts', params: [n] });
          if (caps.trace === 'trace_block') calls.push({ method: 'trace_block', params: [n] });
        }
        await rpc.batch(calls);
      }
      return (performance.now() - start) / 1000;
    });
    let transfers = 0;
    let transactions = 0;
    let stats: EthereumStats | undefined;
    const ingestSeconds = await medianOf(3, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-eth-'));
      try {
        const graph = openGraph(dir);
        const start = performance.now();
        const summary = await ingestEthereum({ rpc: node.url, graph: graph.ethereum });
        const seconds = (performance.now() - start) / 1000;
        stats = graph.stats().chains.ethereum;
        graph.close();
        transfers = summary.transfers;
        transactions = summary.transactions;
        return seconds;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    const blocks = head + 1;
    const note = `${blocks} blocks, ${transactions} txs, ${transfers} transfers from anvil (${caps.trace})`;
    return [
      {
        name: 'Ethereum ingest from anvil RPC, end to end',
        unit: 'blocks/s',
        value: blocks / ingestSeconds,
        baseline: {
          name: 'raw RPC fetch of the same calls, no parsing or store',
          value: blocks / rawSeconds,
        },
        note,
      },
      {
        name: 'Ethereum ingest from anvil RPC, transactions',
        unit: 'tx/s',
        value: transactions / ingestSeconds,
        note,
      },
      {
        name: 'Ethereum ingest from anvil RPC, transfers',
        unit: 'transfers/s',
        value: transfers / ingestSeconds,
        note,
      },
      ...graphSize(stats, note),
    ];
  } finally {
    await node.stop();
  }
}
