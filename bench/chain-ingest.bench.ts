/**
 * Bitcoin ingestion from block files: end-to-end tx/s into a fresh graph store against parsing
 * alone (the same files, same run), and the store's bytes per transfer. Block files come from the
 * seeded generator (src/chain/bitcoin/generate-blocks.ts). BENCH_CHAIN_TXS sets the size (100,000).
 * Run directly: node bench/chain-ingest.bench.ts
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBlockFiles } from '../src/chain/bitcoin/generate-blocks.ts';
import { ParsedBlock } from '../src/chain/bitcoin/parsed-block.ts';
import { ingestBitcoin, listBlockFiles, openGraph, parseBlock, scanBlockFile } from '../src/chain/index.ts';
import type { BenchResult } from './support/types.ts';

const TXS = Number(process.env.BENCH_CHAIN_TXS ?? 100_000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function parseOnly(dir: string): number {
  const pb = new ParsedBlock();
  const started = performance.now();
  let txs = 0;
  for (const file of listBlockFiles(dir)) {
    const bytes = readFileSync(file);
    for (const r of scanBlockFile(file)) txs += parseBlock(bytes, r.offset, r.offset + r.size, pb).txCount;
  }
  return txs / ((performance.now() - started) / 1000);
}

async function ingestOnce(blocks: string, store: string) {
  rmSync(store, { recursive: true, force: true });
  const graph = openGraph(store);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const s = await ingestBitcoin({ graph, blocksDir: blocks });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const stats = graph.stats().chains.bitcoin;
  graph.close();
  // CPU seconds as well as wall seconds: on a shared, loaded machine the former says more
  return {
    rate: s.transactions / seconds,
    cpuRate: s.transactions / ((used.user + used.system) / 1e6),
    stats,
  };
}

export async function run(): Promise<BenchResult[]> {
  const root = join(tmpdir(), `bulwark-chain-bench-${process.pid}`);
  const blocks = join(root, 'blocks');
  try {
    generateBlockFiles({ dir: blocks, transactions: TXS, seed: 1 });
    const parse = median([parseOnly(blocks), parseOnly(blocks), parseOnly(blocks)]);
    const runs = [await ingestOnce(blocks, join(root, 'g')), await ingestOnce(blocks, join(root, 'g'))];
    const rate = median(runs.map((r) => r.rate));
    const cpuRate = median(runs.map((r) => r.cpuRate));
    const stats = runs[0]!.stats;
    const per = `${(stats.transfers / stats.transactions).toFixed(2)} transfers/tx`;
    return [
      {
        name: `Bitcoin ingestion from block files, end to end (${TXS.toLocaleString('en-US')} generated txs)`,
        unit: 'tx/s',
        value: Math.round(rate),
        baseline: { name: 'parsing alone (same files)', value: Math.round(parse) },
        target: '≥ 100,000',
        note: `${Math.round(cpuRate).toLocaleString('en-US')} tx per CPU-second`,
      },
      {
        name: 'graph store: row columns + adjacency per transfer',
        unit: 'bytes',
        value: Number(stats.indexedBytesPerTransfer.toFixed(1)),
        target: '≤ 32',
        note: per,
      },
      {
        name: 'graph store: everything (txids, blocks, address dictionary) per transfer',
        unit: 'bytes',
        value: Number(stats.totalBytesPerTransfer.toFixed(1)),
        note: per,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
