/**
 * Sigma matching: events per second with 100 SigmaHQ rules (the 38 DPRK-related rules plus the first
 * 62 of the regression set) and with all 241, over two event mixes replicated to BENCH_SIGMA_EVENTS
 * (default 200,000):
 * - "regression": the regression set's evtx JSON events, 75 % process creation and every one a true
 *   positive of some rule, so most rules get deep into their logic (a worst case);
 * - "OTRF": a real host's Sysmon + Security capture (flat NXLog JSON), mostly process access and
 *   image loads, as production logs look.
 * Baseline in the same run: the same compiled rules fed one event per call (no micro-batching).
 * With SIGMAHQ_DIR pointing at a SigmaHQ checkout, also the whole Windows rule set (rules/windows).
 * The machine is shared, so each result also notes the rate per CPU second of this process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  compileRules,
  loadSigmaRules,
  type SigmaEngine,
  type SigmaEvent,
  type SigmaRule,
} from '../src/detect/sigma/index.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const DATA = join(import.meta.dirname, '..', 'data');
const N = Number(process.env.BENCH_SIGMA_EVENTS ?? 200_000);
const RUNS = 3;

function regressionEvents(): SigmaEvent[] {
  const root = join(DATA, 'sigma-regression', 'regression_data');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  // evtx_dump writes several events one after the other, each starting a line with '{'.
  return files.flatMap((f) =>
    readFileSync(join(root, f), 'utf8')
      .trim()
      .split(/\n(?=\{)/)
      .map((part) => JSON.parse(part) as SigmaEvent),
  );
}

function otrfEvents(): SigmaEvent[] {
  const root = join(DATA, 'sigma-bench');
  return readdirSync(root)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as SigmaEvent),
    );
}

interface Timing {
  wall: number;
  cpu: number;
  matches: number;
}

function timeBatched(engine: SigmaEngine, events: readonly SigmaEvent[]): Timing {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const matches = engine.matchBatch(events).length;
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu0);
  return { wall: events.length / wall, cpu: events.length / ((used.user + used.system) / 1e6), matches };
}

function timeOneByOne(engine: SigmaEngine, events: readonly SigmaEvent[]): number {
  const started = performance.now();
  for (const e of events) engine.matchBatch([e]);
  return events.length / ((performance.now() - started) / 1000);
}

function measure(
  label: string,
  mix: string,
  engine: SigmaEngine,
  single: SigmaEngine,
  sample: SigmaEvent[],
): BenchResult {
  const events = Array.from({ length: N }, (_, i) => sample[i % sample.length] as SigmaEvent);
  timeBatched(engine, events.slice(0, 10_000));
  const runs = Array.from({ length: RUNS }, () => timeBatched(engine, events));
  const baseline = median(Array.from({ length: RUNS }, () => timeOneByOne(single, events.slice(0, N / 4))));
  return {
    name: `Sigma, ${label}, ${mix} mix (${sample.length} distinct events × ${Math.round(N / sample.length)})`,
    unit: 'events/s',
    value: median(runs.map((r) => r.wall)),
    baseline: { name: 'one event per call', value: baseline },
    ...(label === '100 rules' ? { target: '>= 200000' } : {}),
    ...(label.startsWith('SigmaHQ Windows') ? { target: '>= 50000' } : {}),
    note: `${Math.round(median(runs.map((r) => r.cpu))).toLocaleString('en-US')} events per CPU second; ${runs[0]?.matches ?? 0} matches per pass`,
  };
}

/**
 * Every core: THREADS threads, each with its own compiled copy of the rules (as `bulwark scan --rules`
 * runs them; compiling is not timed), match their share of the N events at once; events/s is N over
 * the wall time of the slowest, and the CPU figure counts every thread of the process.
 */
const THREADS = Number(process.env.BENCH_SIGMA_THREADS ?? availableParallelism());

interface ThreadJob {
  readonly rulesDir: string;
  readonly samples: Record<string, SigmaEvent[]>;
  readonly count: number;
  /** Where in the replicated sequence this thread's share starts (its own events, not a copy of another's). */
  readonly first: number;
}

async function measureThreads(label: string, job: Omit<ThreadJob, 'first'>): Promise<BenchResult[]> {
  const workers = Array.from(
    { length: THREADS },
    (_, t) => new Worker(import.meta.filename, { workerData: { ...job, first: t * job.count } }),
  );
  const next = (w: Worker) =>
    new Promise<number>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  await Promise.all(workers.map(next));
  const results: BenchResult[] = [];
  for (const mix of Object.keys(job.samples)) {
    const rates: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < RUNS; r++) {
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const done = workers.map(next);
      for (const w of workers) w.postMessage(mix);
      const matches = (await Promise.all(done)).reduce((a, b) => a + b, 0);
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu0);
      const events = job.count * THREADS;
      rates.push({ wall: events / wall, cpu: events / ((used.user + used.system) / 1e6) });
      if (r === 0) process.stderr.write(`   ${label}, ${mix}, ${THREADS} threads: ${matches} matches\n`);
    }
    results.push({
      name: `Sigma, ${label}, ${mix} mix, ${THREADS} threads (all cores)`,
      unit: 'events/s',
      value: median(rates.map((r) => r.wall)),
      target: '>= 50000',
      note: `${Math.round(median(rates.map((r) => r.cpu))).toLocaleString('en-US')} events per CPU second (all threads); ${job.count * THREADS} events`,
    });
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return results;
}

/** A thread of `measureThreads`: compiles, warms up, then answers each mix name with its match count. */
function threadMain(job: ThreadJob): void {
  const engine = compileRules(loadSigmaRules(job.rulesDir).rules);
  const batches = Object.fromEntries(
    Object.entries(job.samples).map(([mix, sample]) => [
      mix,
      Array.from({ length: job.count }, (_, i) => sample[(job.first + i) % sample.length] as SigmaEvent),
    ]),
  );
  for (const events of Object.values(batches)) engine.matchBatch(events.slice(0, 10_000));
  parentPort?.on('message', (mix: string) => {
    parentPort?.postMessage(engine.matchBatch(batches[mix]!).length);
  });
  parentPort?.postMessage(0);
}

export async function run(): Promise<BenchResult[]> {
  const dprk = loadSigmaRules(join(DATA, 'sigma')).rules;
  const regression = loadSigmaRules(join(DATA, 'sigma-regression', 'rules')).rules;
  const sets: [string, readonly SigmaRule[]][] = [
    ['100 rules', [...dprk, ...regression.slice(0, 100 - dprk.length)]],
    [`${dprk.length + regression.length} rules`, [...dprk, ...regression]],
  ];
  const sigmahq = process.env.SIGMAHQ_DIR;
  if (sigmahq !== undefined) {
    const windows = loadSigmaRules(join(sigmahq, 'rules', 'windows'));
    if (windows.errors.length > 0)
      throw new Error(`${windows.errors.length} SigmaHQ Windows rules failed to load`);
    sets.push([`SigmaHQ Windows set, ${windows.rules.length} rules`, windows.rules]);
  }
  const mixes = [
    ['regression', regressionEvents()],
    ['OTRF', otrfEvents()],
  ] as const;
  const results: BenchResult[] = [];
  for (const [label, rules] of sets) {
    const engine = compileRules(rules);
    const single = compileRules(rules, { batchSize: 1 });
    for (const [mix, sample] of mixes) results.push(measure(label, mix, engine, single, sample));
  }
  if (sigmahq !== undefined && THREADS > 1) {
    const label = sets[sets.length - 1]![0];
    const samples = Object.fromEntries(mixes.map(([mix, sample]) => [mix, sample]));
    const job = { rulesDir: join(sigmahq, 'rules', 'windows'), samples, count: Math.ceil(N / THREADS) };
    results.push(...(await measureThreads(label, job)));
  }
  return results;
}

if (!isMainThread && (workerData as ThreadJob | undefined)?.rulesDir !== undefined)
  threadMain(workerData as ThreadJob);
else if (import.meta.main) {
  for (const r of await run()) {
    const base = r.baseline
      ? ` (${r.baseline.name}: ${Math.round(r.baseline.value).toLocaleString('en-US')})`
      : '';
    process.stdout.write(
      `${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit}${base}; ${r.note}\n`,
    );
  }
}
