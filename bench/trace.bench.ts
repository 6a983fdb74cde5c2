/**
 * A 6-hop forward haircut trace over a generated account graph in the graph store, in rows
 * examined per second, against a PostgreSQL recursive CTE (6-hop time-ordered reachability, lighter
 * work than haircut) over the same generated edges, loaded with COPY into a fresh schema of the
 * `test` database. Sizes: BENCH_TRACE_EDGES (default 5,000,000; the target is stated for 50 M) and
 * BENCH_TRACE_CTE_EDGES (default 100,000: the CTE grows with paths, not edges). The generated graph
 * store is kept in .bench-work/trace-<edges> between runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type Graph, openGraph } from '../src/chain/index.ts';
import { trace } from '../src/trace/index.ts';
import { POSTGRES_URL, requirePostgres } from '../test/support/services.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';
import { addressHex, type GeneratedEdges, generateEdges, writeGraph } from './trace-graph.ts';

const ROOT = join(import.meta.dirname, '..');
const EDGES = Number(process.env.BENCH_TRACE_EDGES ?? 5_000_000);
const CTE_EDGES = Number(process.env.BENCH_TRACE_CTE_EDGES ?? 100_000);
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

async function cteRate(
  e: GeneratedEdges,
): Promise<{ rate: number; seconds: number; note: string } | undefined> {
  if ((await requirePostgres()) === undefined) return undefined;
  const schema = `bench_trace_${process.pid}`;
  const file = join(ROOT, '.bench-work', `trace-cte-${e.from.length}.tsv`);
  const lines: string[] = [];
  for (let i = 0; i < e.from.length; i++)
    lines.push(`${e.from[i]! + 1}\t${e.to[i]! + 1}\t${i}\t${e.value[i]}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
    await client.query(`create table ${schema}.edges (src int, dst int, t int, value float8)`);
    const copy = spawnSync('psql', [POSTGRES_URL, '-c', `\\copy ${schema}.edges from '${file}'`], {
      encoding: 'utf8',
    });
    if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);
    await client.query(`create index on ${schema}.edges (src, t)`);
    await client.query(`analyze ${schema}.edges`);
    await client.query(`set statement_timeout = '120s'`);
    const sql = `with recursive walk(addr, t, hop) as (
        select unnest($1::int[]), -1, 0
        union
        select e.dst, e.t, w.hop + 1 from walk w join ${schema}.edges e on e.src = w.addr and e.t > w.t where w.hop < ${HOPS})
      select count(distinct addr) as reached from walk`;
    const seeds = [e.from[0]! + 1, e.from[1]! + 1];
    const t0 = performance.now();
    const r = await client.query<{ reached: string }>(sql, [seeds]);
    const seconds = (performance.now() - t0) / 1000;
    return { rate: e.from.length / seconds, seconds, note: `${r.rows[0]?.reached} addresses reached` };
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => {});
    await client.end();
    rmSync(file, { force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const big = generateEdges(EDGES);
  const g = graphOf(big, EDGES);
  const main = traceRate(g, big);
  g.close();
  const small = generateEdges(CTE_EDGES);
  const gs = graphOf(small, CTE_EDGES);
  const same = traceRate(gs, small);
  gs.close();
  const cte = await cteRate(small);
  const results: BenchResult[] = [
    {
      name: `trace: ${HOPS}-hop haircut over ${EDGES.toLocaleString('en-US')} transfers`,
      unit: 'transfers examined/s',
      value: main.rate,
      target: '>= 50000000',
      note: `${main.seconds.toFixed(3)} s per trace, ${main.reached} addresses reached (1 core)`,
    },
  ];
  const r: BenchResult = {
    name: `trace: ${HOPS}-hop haircut over ${CTE_EDGES.toLocaleString('en-US')} transfers (the CTE's graph)`,
    unit: 'transfers examined/s',
    value: same.rate,
    target: '>= 100× the CTE',
    note: `${same.seconds.toFixed(4)} s per trace, ${same.reached} addresses reached`,
  };
  if (cte) {
    r.baseline = { name: 'PostgreSQL recursive CTE', value: cte.rate };
    r.note += `; CTE ${cte.seconds.toFixed(2)} s, ${cte.note}`;
  } else r.note += '; PostgreSQL not reachable: no baseline';
  results.push(r);
  return results;
}

if (import.meta.main) for (const r of await run()) console.log(JSON.stringify(r));
