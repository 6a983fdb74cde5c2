/**
 * A 6-hop forward haircut trace over a generated account graph in the graph store, in rows
 * examined per second (BENCH_TRACE_EDGES, default 5,000,000; the 50 M-transfer figure is in
 * graph-build.bench.ts), and our trace against the same trace as a PostgreSQL recursive CTE on a
 * synthetic chain (trace-cte.ts) of BENCH_TRACE_CTE_TRANSFERS rows (default 1,000,000; a
 * comma-separated list runs several sizes). The generated graph store of the first part is kept in
 * .bench-work/trace-<edges> between runs.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Graph, openGraph } from '../src/chain/index.ts';
import { trace } from '../src/trace/index.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';
import { cteComparison } from './trace-cte.ts';
import { addressHex, type GeneratedEdges, generateEdges, writeGraph } from './trace-graph.ts';

const ROOT = join(import.meta.dirname, '..');
const EDGES = Number(process.env.BENCH_TRACE_EDGES ?? 5_000_000);
const CTE_TRANSFERS = (process.env.BENCH_TRACE_CTE_TRANSFERS ?? '1000000').split(',').map(Number);
const HOPS = 6;
const RUNS = 5;

function graphOf(e: GeneratedEdges, edges: number): Graph {
  const dir = join(ROOT, '.bench-work', `trace-${edges}`);
  if (existsSync(join(dir, 'MANIFEST.json'))) return openGraph(dir, { readonly: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return writeGraph(dir, e);
}

/** Busy early payers, as a theft's first wallets are: the trace spreads widely. */
function seedsOf(e: GeneratedEdges): string[] {
  return [addressHex(e.from[0]! + 1), addressHex(e.from[1]! + 1)];
}

/** Median rows examined per second over RUNS traces (after one warm-up that also builds the address index). */
function traceRate(g: Graph, e: GeneratedEdges): { rate: number; seconds: number; reached: number } {
  const seeds = seedsOf(e);
  const once = () =>
    trace({ graph: g, seeds, model: 'haircut', direction: 'forward', hops: HOPS, maxTransfers: 0 });
  once();
  const times: number[] = [];
  let reached = 0;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = once();
    times.push((performance.now() - t0) / 1000);
    reached = r.addresses.length;
    rows = r.examined;
  }
  const seconds = median(times);
  return { rate: rows / seconds, seconds, reached };
}

export async function run(): Promise<BenchResult[]> {
  const big = generateEdges(EDGES);
  const g = graphOf(big, EDGES);
  const main = traceRate(g, big);
  g.close();
  const results: BenchResult[] = [
    {
      name: `trace: ${HOPS}-hop haircut over ${EDGES.toLocaleString('en-US')} transfers`,
      unit: 'transfers examined/s',
      value: main.rate,
      target: '>= 50000000',
      note: `${main.seconds.toFixed(3)} s per trace, ${main.reached} addresses reached (1 core)`,
    },
  ];
  for (const size of CTE_TRANSFERS) results.push(...(await cteComparison(size)));
  return results;
}

if (import.meta.main) for (const r of await run()) console.log(JSON.stringify(r));
