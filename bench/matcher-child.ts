/**
 * Runs in its own process so its RSS is the matcher's: loads N indicators, then scans the log on one
 * thread (the per-core hot path: the byte prefilter over every line; JSON.parse, mapping, index probes
 * and confirmation for the lines it lets through). Also times JSON.parse alone over the same lines and
 * the full path on every line (the prefilter off). Prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BatchScanner, loadMapping, readChunks, scanLines } from '../src/detect/scan/index.ts';
import { patternOf } from './matcher-data.ts';

const [count, logFile] = [Number(process.argv[2]), process.argv[3]!];
const mapping = loadMapping();
const rssBefore = process.memoryUsage().rss;
// flat strings, as JSON.parse hands them over (a template literal leaves a rope to flatten on first read)
const inputs = Array.from({ length: count }, (_, i) => ({
  id: `indicator--${i}`,
  pattern: JSON.parse(JSON.stringify(patternOf(i))) as string,
}));
globalThis.gc?.();
const rssInputs = process.memoryUsage().rss;
const loadCpu0 = process.cpuUsage();
const started = performance.now();
const scanner = new BatchScanner(inputs, mapping);
const loadMs = performance.now() - started;
const loadCpu = process.cpuUsage(loadCpu0);
globalThis.gc?.();
const rssLoaded = process.memoryUsage().rss;

const log = readFileSync(logFile);
const BATCH = 1 << 20;
/** Calls `each` with batches of whole lines, as the scanner hands them to a thread. */
function batches(each: (bytes: Uint8Array) => void): void {
  for (let from = 0; from < log.length; ) {
    let end = Math.min(from + BATCH, log.length);
    if (end < log.length) end = log.lastIndexOf(10, end) + 1;
    each(log.subarray(from, end));
    from = end;
  }
}
/** Median wall milliseconds of `runs` runs; `cpu` gets the median CPU milliseconds (the machine is shared). */
function timeMedian(runs: number, body: () => void, cpu?: (ms: number) => void): number {
  const times: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    body();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  cpu?.(cpus.sort((a, b) => a - b)[Math.floor(runs / 2)]!);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

let events = 0;
let hits = 0;
let scanCpuMs = 0;
let parseCpuMs = 0;
const RUNS = Number(process.env.BENCH_MATCHER_RUNS ?? 5);
const scanMs = timeMedian(
  RUNS,
  () => {
    events = 0;
    hits = 0;
    batches((bytes) => {
      const r = scanner.scanBytes(0, bytes, 1);
      events += r.events;
      hits += r.hits.length;
    });
  },
  (ms) => {
    scanCpuMs = ms;
  },
);
// the floor any JSON-lines scanner that parses pays: decoding, splitting and parsing the same lines
const parseOnlyMs = timeMedian(
  RUNS,
  () => {
    batches((bytes) => {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
      for (const line of text.split('\n')) if (line !== '') JSON.parse(line);
    });
  },
  (ms) => {
    parseCpuMs = ms;
  },
);
// every core: `scanLines` as `bulwark scan` runs it, reading the file, with one prefiltering thread per
// core (sharing the tables built above) and this thread confirming the lines they leave. The file is
// read REPEAT times in one scan (a log of REPEAT × the events), so the threads' start (timed on its
// own below, and included) weighs as it would on a log of that size
const THREADS = Number(process.env.BENCH_MATCHER_THREADS ?? availableParallelism());
const REPEAT = Number(process.env.BENCH_MATCHER_REPEAT ?? 4);
async function* repeated(): AsyncGenerator<Buffer> {
  for (let k = 0; k < REPEAT; k++) yield* readChunks(logFile);
}
// the same with one prefiltering thread fewer (the main thread confirms: does it want a core of its
// own?), alternating with the runs above so both see the same load
const FEWER = Math.max(1, THREADS - 1);
let poolEvents = 0;
let poolHits = 0;
const poolWall: number[] = [];
const poolCpu: number[] = [];
/** CPU of this thread (reading, batching, confirming the candidate lines) within each run's total. */
const poolMainCpu: number[] = [];
const poolStart: number[] = [];
const fewerWall: number[] = [];
const fewerCpu: number[] = [];
async function timedScan(threads: number, wall: number[], cpu: number[], mainCpu?: number[]): Promise<void> {
  const c = process.cpuUsage();
  const mc = process.threadCpuUsage();
  const t = performance.now();
  const summary = await scanLines(repeated(), { indicators: inputs, mapping, workers: threads, scanner });
  wall.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  const main = process.threadCpuUsage(mc);
  mainCpu?.push((main.user + main.system) / 1000);
  poolEvents = summary.events;
  poolHits = summary.sightings.reduce((n, s) => n + s.count, 0);
}
for (let r = 0; r < RUNS; r++) {
  if (FEWER !== THREADS && r % 2 === 1) await timedScan(FEWER, fewerWall, fewerCpu);
  await timedScan(THREADS, poolWall, poolCpu, poolMainCpu);
  if (FEWER !== THREADS && r % 2 === 0) await timedScan(FEWER, fewerWall, fewerCpu);
  // the threads' start and stop alone, over no input
  const s0 = performance.now();
  await scanLines([], { indicators: inputs, mapping, workers: THREADS, scanner });
  poolStart.push(performance.now() - s0);
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const slow = new BatchScanner(inputs.slice(0, Math.min(count, 100_000)), mapping, undefined, {
  prefilter: false,
});
let slowHits = 0;
const fullPathMs = timeMedian(1, () => {
  batches((bytes) => {
    slowHits += slow.scanBytes(0, bytes, 1).hits.length;
  });
});
process.stdout.write(
  `${JSON.stringify({
    loadMs,
    loadCpuMs: (loadCpu.user + loadCpu.system) / 1000,
    rssMatcherMb: (rssLoaded - rssInputs) / 2 ** 20,
    rssTotalMb: rssLoaded / 2 ** 20,
    rssInputsMb: (rssInputs - rssBefore) / 2 ** 20,
    events,
    hits,
    prefilter: scanner.lineFilter !== undefined,
    eventsPerSec: events / (scanMs / 1000),
    parseOnlyPerSec: events / (parseOnlyMs / 1000),
    eventsPerCpuSec: events / (scanCpuMs / 1000),
    parseOnlyPerCpuSec: events / (parseCpuMs / 1000),
    fullPathPerSec: events / (fullPathMs / 1000),
    threads: THREADS,
    repeat: REPEAT,
    allCoresEvents: poolEvents,
    allCoresHits: poolHits,
    allCoresPerSec: poolEvents / (median(poolWall) / 1000),
    allCoresPerCpuSec: poolEvents / (median(poolCpu) / 1000),
    allCoresCpuMs: median(poolCpu),
    // the rest of the process's CPU is the prefiltering threads' (and V8's compiler and collector helpers)
    allCoresMainCpuMs: median(poolMainCpu),
    threadStartMs: median(poolStart),
    fewerThreads: FEWER,
    fewerPerSec: fewerWall.length > 0 ? poolEvents / (median(fewerWall) / 1000) : undefined,
    fewerPerCpuSec: fewerCpu.length > 0 ? poolEvents / (median(fewerCpu) / 1000) : undefined,
    fullPathHits: slowHits,
    stats: scanner.matcher.stats,
  })}\n`,
);
