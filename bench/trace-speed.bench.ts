/**
 * Trace speed: the product's frontier scan against the old linear scan (kept as the test oracle,
 * src/trace/test-linear-scan.ts) in the same run, on the same graph, same options, same result.
 *
 * - heist: 6-hop forward traces (haircut, poison, FIFO) from the thief of a synthetic chain
 *   (src/chain/synthetic/), stopping at its services, dust below 0.001 ether not followed, as an
 *   analyst traces. BENCH_TRACE_SPEED_TRANSFERS (default 50,000,000), BENCH_TRACE_SPEED_MODELS
 *   (default haircut,poison,fifo); the graph and the generator's summary are kept in
 *   .bench-work/trace-speed-N between runs.
 * - wide: the older bench's generated graph (bench/trace-graph.ts, BENCH_TRACE_EDGES, default
 *   5,000,000) from two busy payers, no stops: a trace that spreads, where the frontier hands over
 *   to a linear pass.
 *
 * "transfers/s" is the transfers from the start of the trace to the chain head per second of trace:
 * the rows a linear scan must examine; "visited" is how many of them the frontier touched.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type GenerateSummary, type Graph, generateEthereum, openGraph } from '../src/chain/index.ts';
import { scanEthereum } from '../src/trace/ethereum-scan.ts';
import { linearScanEthereum } from '../src/trace/test-linear-scan.ts';
import { traceWith } from '../src/trace/trace.ts';
import type { Model, TraceLabel, TraceOptions, TraceResult } from '../src/trace/types.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';
import { addressHex, generateEdges, writeGraph } from './trace-graph.ts';

const ROOT = join(import.meta.dirname, '..');
const TRANSFERS = Number(process.env.BENCH_TRACE_SPEED_TRANSFERS ?? 50_000_000);
const EDGES = Number(process.env.BENCH_TRACE_EDGES ?? 5_000_000);
const HOPS = 6;
const RUNS = 5;
const MIN_VALUE = 1e15;
const MODELS = (process.env.BENCH_TRACE_SPEED_MODELS ?? 'haircut,poison,fifo').split(',') as Model[];

function heistGraph(): { g: Graph; s: GenerateSummary } {
  const dir = join(ROOT, '.bench-work', `trace-speed-${TRANSFERS}`);
  const summaryFile = join(dir, 'summary.json');
  if (!existsSync(summaryFile)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const w = openGraph(dir);
    const s = generateEthereum({ graph: w, transfers: TRANSFERS, seed: 1, commitEvery: 5_000_000 });
    w.close();
    writeFileSync(summaryFile, JSON.stringify(s));
  }
  const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as GenerateSummary;
  return { g: openGraph(dir, { readonly: true }), s };
}

function wideGraph(): Graph {
  const dir = join(ROOT, '.bench-work', `trace-${EDGES}`);
  if (existsSync(join(dir, 'MANIFEST.json'))) return openGraph(dir, { readonly: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return writeGraph(dir, generateEdges(EDGES));
}

interface Timed {
  seconds: number;
  result: TraceResult;
}

function timed(o: TraceOptions, linear: boolean): Timed {
  const scan = linear ? linearScanEthereum : scanEthereum;
  let result = traceWith(o, scan); // warm-up (and the address index on first use)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = traceWith(o, scan);
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(times), result };
}

/** Rows from the first row of the start block to the head: what a linear scan examines. */
function rowsFrom(g: Graph, since: number | undefined): number {
  const c = g.ethereum.c;
  if (since === undefined) return c.rows;
  let b = 0;
  while (b < c.blocks && c.blockTime.data[b]! < since) b++;
  const tx = b < c.blocks ? c.blockTx.data[b]! : c.txs;
  return c.rows - (tx < c.txs ? c.txRow.data[tx]! : c.rows);
}

function compare(label: string, o: TraceOptions, rows: number): BenchResult {
  const fast = timed(o, false);
  const slow = timed(o, true);
  if (
    fast.result.addresses.length !== slow.result.addresses.length ||
    fast.result.transferCount !== slow.result.transferCount
  )
    throw new Error(`${label}: the frontier and the linear scan disagree`);
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const result: BenchResult = {
    name: `trace speed: ${label}`,
    unit: 'transfers/s',
    value: rows / fast.seconds,
    baseline: { name: 'old linear scan', value: rows / slow.seconds },
    target: '>= 50000000 per core, <= 1 s',
    note: `${fast.seconds.toFixed(3)} s vs ${slow.seconds.toFixed(3)} s per trace (median of ${RUNS}); ${rows.toLocaleString('en-US')} rows from the start, ${fast.result.examined.toLocaleString('en-US')} visited; ${fast.result.addresses.length} addresses reached; load average ${load}`,
  };
  process.stderr.write(`   ${JSON.stringify(result)}\n`); // long runs: each figure as it is taken
  return result;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { g, s } = heistGraph();
  const labels = new Map<number, TraceLabel>();
  for (const l of s.labels) labels.set(g.addressId(l.address), { category: l.category, name: l.name });
  const n = s.transfers.toLocaleString('en-US');
  for (const model of MODELS) {
    const o: TraceOptions = {
      graph: g,
      seeds: [s.heist.thief],
      model,
      direction: 'forward',
      hops: HOPS,
      since: s.heist.time,
      stopAt: (id) => labels.get(id),
      minValue: MIN_VALUE,
      maxTransfers: 0,
    };
    results.push(
      compare(
        `${HOPS}-hop ${model} from the heist over ${n} synthetic transfers`,
        o,
        rowsFrom(g, s.heist.time),
      ),
    );
  }
  g.close();
  const w = wideGraph();
  const seeds = wideSeeds();
  results.push(
    compare(
      `${HOPS}-hop haircut spreading over ${EDGES.toLocaleString('en-US')} random transfers`,
      { graph: w, seeds, model: 'haircut', direction: 'forward', hops: HOPS, maxTransfers: 0 },
      w.ethereum.c.rows,
    ),
  );
  w.close();
  return results;
}

/** The older bench's seeds: its two first payers. */
function wideSeeds(): string[] {
  const e = generateEdges(EDGES);
  return [addressHex(e.from[0]! + 1), addressHex(e.from[1]! + 1)];
}

if (import.meta.main) for (const r of await run()) console.log(JSON.stringify(r));
