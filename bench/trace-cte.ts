/**
 * Our trace against the same trace as a PostgreSQL recursive query, on one synthetic chain
 * (src/chain/synthetic/, seed 1): the heist's thief as the seed, from the theft on, 6 hops, not
 * through the generated services (exchanges, builders, DEX contracts), transfers under 0.001 ether
 * not followed. PostgreSQL gets the rows by COPY (psql \copy, i.e. COPY FROM STDIN) into an
 * unlogged table with a covering index on (src, t); its query is time-ordered reachability (poison
 * without balances: the most a recursive CTE can express), lighter work than our haircut.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type GenerateSummary, type Graph, generateEthereum, openGraph } from '../src/chain/index.ts';
import { type Model, type TraceLabel, trace } from '../src/trace/index.ts';
import { POSTGRES_URL, requirePostgres } from '../test/support/services.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const HOPS = 6;
const MIN_VALUE = 1e15;
const RUNS = 5;
const WORK = join(import.meta.dirname, '..', '.bench-work');
const TIMEOUT_S = Number(process.env.BENCH_TRACE_CTE_TIMEOUT ?? 600);

function build(transfers: number): { dir: string; summary: GenerateSummary } {
  const dir = join(tmpdir(), `bulwark-bench-cte-${transfers}`);
  rmSync(dir, { recursive: true, force: true });
  const g = openGraph(dir);
  const summary = generateEthereum({ graph: g, transfers, seed: 1 });
  g.close();
  return { dir, summary };
}

function ours(g: Graph, s: GenerateSummary, model: Model) {
  const labels = new Map<number, TraceLabel>();
  for (const l of s.labels) labels.set(g.addressId(l.address), { category: l.category, name: l.name });
  const once = () =>
    trace({
      graph: g,
      seeds: [s.heist.thief],
      model,
      direction: 'forward',
      hops: HOPS,
      since: s.heist.time,
      stopAt: (id) => labels.get(id),
      minValue: MIN_VALUE,
      maxTransfers: 0,
    });
  let last = once();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = once();
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  // the address list is made on its first read (src/trace/address-list.ts): also time a trace whose
  // whole result is then serialised, as the API and `trace --json` do
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    JSON.stringify(once());
    full.push((performance.now() - t0) / 1000);
  }
  return {
    seconds: median(times),
    cpuSeconds: median(cpu),
    fullSeconds: median(full),
    reached: last.addresses.length,
    examined: last.examined,
  };
}

/** The rows as COPY text: src, dst, t (the row: chain order), value (wei as a double), dst is a service. */
async function writeTsv(g: Graph, s: GenerateSummary, file: string): Promise<void> {
  const stops = new Set(s.labels.map((l) => g.addressId(l.address)));
  const c = g.ethereum.c;
  const out = createWriteStream(file);
  let lines: string[] = [];
  for (let r = 0; r < c.rows; r++) {
    const dst = c.rowTo.data[r]!;
    lines.push(
      `${c.rowFrom.data[r]}\t${dst}\t${r}\t${g.ethereum.approxValue(r)}\t${stops.has(dst) ? 't' : 'f'}`,
    );
    if (lines.length === 100_000 || r === c.rows - 1) {
      if (!out.write(`${lines.join('\n')}\n`))
        await new Promise<void>((done) => out.once('drain', () => done()));
      lines = [];
    }
  }
  await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
}

const CTE = (schema: string) => `with recursive walk(addr, t, hop, stop) as (
    select $1::int, $2::int, 0, false
    union
    select e.dst, e.t, w.hop + 1, e.dst_stop
    from walk w join ${schema}.edges e on e.src = w.addr and e.t > w.t
    where w.hop < ${HOPS} and not w.stop and e.value >= ${MIN_VALUE})
  select count(distinct addr) as reached, count(*) as tuples from walk`;

/**
 * CPU-seconds the PostgreSQL backend `pid` has used (utime + stime of /proc/<pid>/stat, in 1/100 s),
 * when the server runs on this machine: the load of the shared machine stretches both sides' wall
 * time, so the CPU time is the steadier comparison.
 */
function backendCpu(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime: fields 14 and 15
  } catch {
    return undefined;
  }
}

interface CteRun {
  seconds: number;
  /** The backend's CPU time for the query, when PostgreSQL runs on this machine. */
  cpuSeconds: number | undefined;
  reached: number | undefined;
  load: number;
}

async function postgres(g: Graph, s: GenerateSummary): Promise<CteRun | undefined> {
  if ((await requirePostgres()) === undefined) return undefined;
  const schema = `bench_cte_${process.pid}`;
  const file = join(tmpdir(), `${schema}.tsv`);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const t0 = performance.now();
    await writeTsv(g, s, file);
    await client.query(`create schema ${schema}`);
    await client.query(
      `create unlogged table ${schema}.edges (src int, dst int, t int, value float8, dst_stop boolean)`,
    );
    const copy = spawnSync('psql', [POSTGRES_URL, '-c', `\\copy ${schema}.edges from '${file}'`], {
      encoding: 'utf8',
    });
    if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);
    await client.query(`create index on ${schema}.edges (src, t) include (dst, value, dst_stop)`);
    await client.query(`vacuum analyze ${schema}.edges`);
    const load = (performance.now() - t0) / 1000;
    await client.query(`set statement_timeout = '${TIMEOUT_S}s'`);
    const thief = g.addressId(s.heist.thief);
    const e = g.ethereum;
    const start = e.c.txRow.data[e.c.blockTx.data[e.blockAt(s.heist.height)]!]! - 1;
    const backend = Number(
      (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid,
    );
    const cpu0 = backendCpu(backend);
    const t1 = performance.now();
    try {
      const r = await client.query<{ reached: string }>(CTE(schema), [thief, start]);
      const seconds = (performance.now() - t1) / 1000;
      const cpu1 = backendCpu(backend);
      const cpuSeconds = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
      return { seconds, cpuSeconds, reached: Number(r.rows[0]?.reached), load };
    } catch (error) {
      if (!String(error).includes('statement timeout')) throw error;
      return { seconds: TIMEOUT_S, cpuSeconds: undefined, reached: undefined, load };
    }
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => {});
    await client.end();
    rmSync(file, { force: true });
  }
}

/** Both of our models and the CTE on one synthetic chain of `transfers` rows. */
export async function cteComparison(transfers: number): Promise<BenchResult[]> {
  const { dir, summary } = build(transfers);
  const g = openGraph(dir, { readonly: true });
  try {
    const haircut = ours(g, summary, 'haircut');
    const poison = ours(g, summary, 'poison');
    const cte = await postgres(g, summary);
    const n = summary.transfers.toLocaleString('en-US');
    const row = (model: string, m: ReturnType<typeof ours>): BenchResult => {
      const r: BenchResult = {
        name: `trace vs PostgreSQL: ${HOPS}-hop ${model} from the heist over ${n} synthetic transfers`,
        unit: 'traces/s',
        value: 1 / m.seconds,
        target: '>= 100× the CTE',
        note: `ours ${m.seconds.toFixed(4)} s (${m.cpuSeconds.toFixed(4)} CPU-s; with the result serialised to JSON ${m.fullSeconds.toFixed(4)} s), ${m.reached} addresses reached, ${m.examined.toLocaleString('en-US')} rows examined`,
      };
      if (!cte) r.note += '; PostgreSQL not reachable: no baseline';
      else {
        r.baseline = { name: 'PostgreSQL recursive CTE (time-ordered reachability)', value: 1 / cte.seconds };
        r.note +=
          cte.reached === undefined
            ? `; CTE stopped by its ${TIMEOUT_S} s timeout (the ratio is a lower bound)`
            : `; CTE ${cte.seconds.toFixed(2)} s${cte.cpuSeconds !== undefined ? ` (${cte.cpuSeconds.toFixed(2)} CPU-s of its backend: ${(cte.cpuSeconds / m.cpuSeconds).toFixed(0)}× ours per CPU-second)` : ''}, ${cte.reached} addresses reached (seed included)`;
        r.note += `; load into PostgreSQL (COPY, index, analyze) ${cte.load.toFixed(1)} s`;
      }
      return r;
    };
    const results = [row('haircut', haircut), row('poison', poison)];
    // run.ts's results.json is shared by every bench run on the machine: keep these apart too
    mkdirSync(WORK, { recursive: true });
    writeFileSync(join(WORK, `trace-cte-${transfers}.json`), JSON.stringify(results, null, 2));
    return results;
  } finally {
    g.close();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
