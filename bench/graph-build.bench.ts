/**
 * The 50 M-transfer graph: build time, bytes per transfer and load (open) time of a synthetic
 * account-model chain (src/chain/synthetic/) written into a fresh graph store, each against writing
 * or reading the same number of bytes with one fs call; then a 6-hop forward haircut trace from the
 * generated heist's thief over it (stopping at the generated services, as an analyst's labels
 * would): seconds per trace, and the rows from the theft on per second (what a linear scan must
 * read; the frontier may visit far fewer). BENCH_GRAPH_TRANSFERS scales it (default 50,000,000);
 * BENCH_GRAPH_DIR is where the store goes (default $TMPDIR/bulwark-bench-graph-N, rebuilt each run).
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenerateSummary, type Graph, generateEthereum, openGraph } from '../src/chain/index.ts';
import { type TraceLabel, trace } from '../src/trace/index.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const TRANSFERS = Number(process.env.BENCH_GRAPH_TRANSFERS ?? 50_000_000);
const DIR = process.env.BENCH_GRAPH_DIR ?? join(tmpdir(), `bulwark-bench-graph-${TRANSFERS}`);
const HOPS = 6;
const RUNS = 5;
/** 0.001 ether: dust below it is not followed, as analysts' traces do. */
const MIN_VALUE = 1e15;

function storeBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) total += statSync(join(dir, f)).size;
  return total;
}

/** Seconds to write `bytes` with one writeSync and an fsync, as the store's commit ends with. */
function writeBaseline(bytes: number): number {
  const file = join(DIR, 'baseline.bin');
  const buffer = Buffer.alloc(bytes, 7);
  const t0 = performance.now();
  const fd = openSync(file, 'w');
  let done = 0;
  while (done < bytes) done += writeSync(fd, buffer, done, bytes - done);
  fsyncSync(fd);
  closeSync(fd);
  const seconds = (performance.now() - t0) / 1000;
  return seconds;
}

/** Seconds to read the baseline file back with one readSync (page cache warm, as the store's open). */
function readBaseline(bytes: number): number {
  const file = join(DIR, 'baseline.bin');
  const buffer = Buffer.alloc(bytes);
  const t0 = performance.now();
  const fd = openSync(file, 'r');
  let done = 0;
  while (done < bytes) done += readSync(fd, buffer, done, bytes - done, done);
  closeSync(fd);
  const seconds = (performance.now() - t0) / 1000;
  rmSync(file, { force: true });
  return seconds;
}

function build(): { summary: GenerateSummary; seconds: number; cpu: number } {
  rmSync(DIR, { recursive: true, force: true });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const g = openGraph(DIR);
  const summary = generateEthereum({ graph: g, transfers: TRANSFERS, seed: 1 });
  g.close();
  // the heist and the labels, for tracing the same store by hand later
  writeFileSync(`${DIR}.summary.json`, JSON.stringify(summary));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { summary, seconds, cpu: (cpu.user + cpu.system) / 1e6 };
}

function openSeconds(): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    openGraph(DIR, { readonly: true }).close();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

function traceRun(g: Graph, s: GenerateSummary) {
  const labels = new Map<number, TraceLabel>();
  for (const l of s.labels) labels.set(g.addressId(l.address), { category: l.category, name: l.name });
  const once = () =>
    trace({
      graph: g,
      seeds: [s.heist.thief],
      model: 'haircut',
      direction: 'forward',
      hops: HOPS,
      since: s.heist.time,
      stopAt: (id) => labels.get(id),
      minValue: MIN_VALUE,
      maxTransfers: 0,
    });
  once();
  const times: number[] = [];
  let last = once();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = once();
    times.push((performance.now() - t0) / 1000);
  }
  const seconds = median(times);
  const e = g.ethereum;
  const after = e.c.rows - e.c.txRow.data[e.c.blockTx.data[e.blockAt(s.heist.height)]!]!;
  return { seconds, after, examined: last.examined, reached: last.addresses.length };
}

export async function run(): Promise<BenchResult[]> {
  const n = TRANSFERS.toLocaleString('en-US');
  const built = build();
  const s = built.summary;
  const bytes = storeBytes(DIR);
  const write = writeBaseline(bytes);
  const g = openGraph(DIR, { readonly: true });
  const stats = g.stats().chains.ethereum;
  g.close();
  const load = openSeconds();
  const read = readBaseline(bytes);
  const g2 = openGraph(DIR, { readonly: true });
  const t = traceRun(g2, s);
  g2.close();
  const mb = (bytes / 2 ** 20).toFixed(0);
  const results: BenchResult[] = [
    {
      name: `graph build: ${n} synthetic Ethereum transfers into a fresh store`,
      unit: 'transfers/s',
      value: s.transfers / built.seconds,
      baseline: { name: `one writeSync+fsync of the same ${mb} MiB`, value: s.transfers / write },
      note: `${built.seconds.toFixed(1)} s wall (of which commit ${s.commitSeconds.toFixed(1)} s), ${built.cpu.toFixed(1)} s CPU, peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(1)} GiB; ${s.transactions.toLocaleString('en-US')} txs, ${s.blocks.toLocaleString('en-US')} blocks, ${s.addresses.toLocaleString('en-US')} addresses; the write alone ${write.toFixed(2)} s`,
    },
    {
      name: `graph size: bytes per transfer (${n} transfers)`,
      unit: 'B/transfer',
      value: stats.indexedBytesPerTransfer,
      target: '<= 32',
      note: `rows, pool, tx → row offsets and both CSR directions; everything (tx hashes, blocks, tokens, address dictionary) ${stats.totalBytesPerTransfer.toFixed(1)} B/transfer; ${mb} MiB on disk`,
    },
    {
      name: `graph load: open the ${n}-transfer store read-only`,
      unit: 's',
      value: load,
      baseline: { name: `one readSync of the same ${mb} MiB`, value: read },
      note: 'page cache warm (the store was just written); median of 3',
    },
    {
      name: `trace: ${HOPS}-hop haircut from the heist over ${n} transfers`,
      unit: 's per trace',
      value: t.seconds,
      target: '<= 1 s (>= 50 M transfers/s/core)',
      note: `median of ${RUNS}; ${t.after.toLocaleString('en-US')} rows from the theft on (${(t.after / t.seconds / 1e6).toFixed(1)} M/s scan-equivalent), ${t.examined.toLocaleString('en-US')} rows examined, ${t.reached} addresses reached; stops at the generated exchanges, builders and DEX contracts; taint below 0.001 ether not followed`,
    },
  ];
  // run.ts's results.json is shared by every bench run on the machine: keep these apart too
  writeFileSync(
    join(import.meta.dirname, '..', '.bench-work', `graph-build-${TRANSFERS}.json`),
    JSON.stringify(results, null, 2),
  );
  return results;
}

if (import.meta.main) for (const r of await run()) console.log(JSON.stringify(r));
