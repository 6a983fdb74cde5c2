/**
 * A 6-hop forward haircut trace over a generated account graph in the graph store, in transfers
 * from the start per second: what a linear scan would examine, the "scan-equivalent" rate of
 * graph-build.bench.ts (the frontier examines only the rows of reached addresses, counted in the
 * note) (BENCH_TRACE_EDGES, default 5,000,000; the 50 M-transfer figure is in graph-build.bench.ts), and our trace against the same trace as a PostgreSQL recursive CTE on a
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

/** Median scan-equivalent rate over RUNS traces (after one warm-up that also builds the address index). */
function traceRate(
  g: Graph,
  e: GeneratedEdges,
): { rate: number; seconds: number; cpuSeconds: number; reached: number; examined: number } {
  const seeds = seedsOf(e);
  const once = () =>
    trace({ graph: g, seeds, model: 'haircut', direction: 'forward', hops: HOPS, maxTransfers: 0 });
  once();
  const times: number[] = [];
  const cpu: number[] = [];
  let reached = 0;
  let examined = 0;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = once();
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    reached = r.addresses.length;
    examined = r.examined;
  }
  const seconds = median(times);
  // the seeds trace from the first row: a linear scan would examine every transfer
  return { rate: e.from.length / seconds, seconds, cpuSeconds: median(cpu), reached, examined };
}

export async function run(): Promise<BenchResult[]> {
  const big = generateEdges(EDGES);
  const g = graphOf(big, EDGES);
  const main = traceRate(g, big);
  g.close();
  const results: BenchResult[] = [
    {
      name: `trace: ${HOPS}-hop haircut over ${EDGES.toLocaleString('en-US')} transfers`,
      unit: 'transfers/s (scan-equivalent)',
      value: main.rate,
      target: '>= 50000000',
      note: `${main.seconds.toFixed(3)} s per trace (${main.cpuSeconds.toFixed(3)} CPU-s), ${main.reached} addresses reached, ${main.examined.toLocaleString('en-US')} rows examined (1 core)`,
    },
  ];
  for (const size of CTE_TRANSFERS) results.push(...(await cteComparison(size)));
  return results;
}

if (import.meta.main) for (const r of await run()) console.log(JSON.stringify(r));
