/**
 * The hub's hot paths of the foundation: import into SQLite and PostgreSQL against parsing and
 * validation alone, look-up of an SCO value among 1 M stored objects against a look-up by id, and the
 * export of 1 M objects with the exporting process's peak memory.
 * Sizes: BENCH_HUB_IMPORT (default 200,000) and BENCH_HUB_STORE (default 1,000,000); objects per
 * import transaction: BENCH_HUB_BATCH (default: importBundle's, `DEFAULT_IMPORT_BATCH`).
 * Import rows also give the rate per CPU-second of this process (process.cpuUsage, both threads; not
 * the PostgreSQL server's) and the load average, since wall time on a shared machine mostly measures
 * the neighbours.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_IMPORT_BATCH } from '../src/hub/import/import-bundle.ts';
import { importBundle, prepareVersion, readBundleElements } from '../src/hub/index.ts';
import { validateObject } from '../src/stix/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { freshPostgresSchema, requirePostgres } from '../test/support/services.ts';
import { writeIndicatorBundle } from '../test/support/stix-fixtures.ts';
import { median, percentile } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench-work', 'hub');
const IMPORT_N = Number(process.env.BENCH_HUB_IMPORT ?? 200_000);
const STORE_N = Number(process.env.BENCH_HUB_STORE ?? 1_000_000);
const BATCH = Number(process.env.BENCH_HUB_BATCH ?? DEFAULT_IMPORT_BATCH);
const RUNS = 3;
const provenance = {
  authorOrg: 'identity--00000000-0000-4000-8000-000000000001',
  defaultTlp: 'amber' as const,
};
const audience = { communities: [], orgs: [], users: [] };

async function bundleFile(count: number): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, `indicators-${count}.json`);
  if (!existsSync(file)) await writeIndicatorBundle(file, count);
  return file;
}

/** Objects per second of wall time and per CPU-second of this process. */
interface Rate {
  wall: number;
  cpu: number;
}

function rateSince(n: number, started: number, cpu0: NodeJS.CpuUsage): Rate {
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / ((performance.now() - started) / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

function medianRate(rates: readonly Rate[]): Rate {
  return { wall: median(rates.map((r) => r.wall)), cpu: median(rates.map((r) => r.cpu)) };
}

/** The CPU rate, the runs and the load: kept in results.json, and printed since the table leaves notes out. */
function rateNote(rates: readonly Rate[], load: string): string {
  const runs = rates.map((r) => Math.round(r.wall).toLocaleString('en-US')).join(', ');
  const note = `per CPU-second of this process ${Math.round(medianRate(rates).cpu).toLocaleString('en-US')}; runs ${runs}; load ${load}`;
  process.stderr.write(`   ${note}\n`);
  return note;
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function parseOnly(file: string): Promise<Rate> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  for await (const group of readBundleElements(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    for (const { text } of group) {
      const result = validateObject(JSON.parse(text));
      if (result.ok) prepareVersion(result.object, { ...provenance, audience });
      n++;
    }
  }
  return rateSince(n, started, cpu0);
}

async function importInto(store: Store, file: string, parallel = false): Promise<Rate> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await importBundle(createReadStream(file, { highWaterMark: 1 << 20 }), {
    store,
    ...provenance,
    audience,
    parallel,
    batchSize: BATCH,
  });
  if (summary.rejected > 0) throw new Error(`bench bundle had ${summary.rejected} rejected objects`);
  return rateSince(summary.read, started, cpu0);
}

async function sqliteImportRate(file: string, parallel: boolean): Promise<Rate[]> {
  const rates: Rate[] = [];
  for (let i = 0; i < RUNS; i++) {
    const data = join(WORK, `sqlite-import-${i}`);
    rmSync(data, { recursive: true, force: true });
    const store = await openStore({ data });
    rates.push(await importInto(store, file, parallel));
    await store.close();
    rmSync(data, { recursive: true, force: true });
  }
  return rates;
}

async function postgresImportRate(file: string): Promise<Rate[] | undefined> {
  const url = await requirePostgres();
  if (!url) return undefined;
  const rates: Rate[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { schema, drop } = await freshPostgresSchema(url, 'bulwark_bench');
    const store = await openStore({ db: url, schema });
    try {
      rates.push(await importInto(store, file, true));
    } finally {
      await store.close();
      await drop();
    }
  }
  return rates;
}

/** A SQLite store holding STORE_N indicators, built once through the real CLI and kept in .bench-work. */
async function bigStore(): Promise<{ data: string; importRssMb?: number; importRate?: number }> {
  const data = join(WORK, `sqlite-${STORE_N}`);
  const store = await openStore({ data });
  try {
    const have = await store.count({
      scope: { kind: 'all' },
      types: ['indicator'],
      versions: { kind: 'all' },
    });
    if (have !== STORE_N) {
      await store.close();
      rmSync(data, { recursive: true, force: true });
      process.stderr.write(`   building a ${STORE_N}-object store with bulwark import…\n`);
      const file = await bundleFile(STORE_N);
      await timedCommand(['org', 'add', 'Bench Bank', '--data', data]);
      const run = await timedCommand(['import', file, '--org', 'Bench Bank', '--data', data]);
      return { data, importRssMb: run.rssMb, importRate: STORE_N / run.seconds };
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  await store.close();
  return { data };
}

async function lookupLatencies(data: string): Promise<{ byValue: number[]; byId: number[] }> {
  const store = await openStore({ data, readonly: true });
  const byValue: number[] = [];
  const byId: number[] = [];
  try {
    for (let i = 0; i < 2000; i++) {
      const n = (i * 7919) % STORE_N;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      let t = performance.now();
      const found = await store.findByValue(ip, { kind: 'all' });
      byValue.push(performance.now() - t);
      if (found.length === 0) throw new Error(`no object found for ${ip}`);
      t = performance.now();
      await store.query({ scope: { kind: 'all' }, ids: [found[0]!.id] });
      byId.push(performance.now() - t);
    }
  } finally {
    await store.close();
  }
  return { byValue, byId };
}

/** Runs a real `bulwark` command, returning wall time (s) and peak RSS (MB). */
function timedCommand(args: string[]): Promise<{ seconds: number; rssMb: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(import.meta.dirname, 'support', 'report-rss.ts'),
        join(ROOT, 'bin', 'bulwark.js'),
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) reject(new Error(`bulwark ${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve({ seconds: (performance.now() - started) / 1000, rssMb: Number(rss[1]) / 1024, bytes });
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const file = await bundleFile(IMPORT_N);
  const sizeKb = statSync(file).size / IMPORT_N / 1024;
  const parseRates = [await parseOnly(file), await parseOnly(file), await parseOnly(file)];
  const parse = medianRate(parseRates);
  const baseline = { name: 'parse + validate alone', value: parse.wall };
  results.push({
    name: 'parse + validate + prepare alone (baseline)',
    unit: 'objects/s',
    value: parse.wall,
    note: rateNote(parseRates, load()),
  });
  for (const parallel of [false, true]) {
    const rates = await sqliteImportRate(file, parallel);
    results.push({
      name: `import into SQLite, ${parallel ? 'parse in a worker thread' : 'one thread'} (${IMPORT_N.toLocaleString('en-US')} indicators, ${sizeKb.toFixed(2)} KiB each, batch ${BATCH.toLocaleString('en-US')})`,
      unit: 'objects/s',
      value: medianRate(rates).wall,
      baseline,
      target: '≥ 20,000',
      note: rateNote(rates, load()),
    });
  }
  const pg = await postgresImportRate(file);
  if (pg !== undefined) {
    results.push({
      name: 'import into PostgreSQL, worker thread (same bundle)',
      unit: 'objects/s',
      value: medianRate(pg).wall,
      baseline,
      target: '≥ 10,000',
      note: rateNote(pg, load()),
    });
  }
  const { data, importRssMb, importRate } = await bigStore();
  if (importRssMb !== undefined && importRate !== undefined) {
    results.push({
      name: `bulwark import of ${STORE_N.toLocaleString('en-US')} objects (whole command), peak RSS`,
      unit: 'MB',
      value: importRssMb,
      note: `${Math.round(importRate)} objects/s including start-up`,
    });
  }
  const { byValue, byId } = await lookupLatencies(data);
  for (const p of [50, 99]) {
    results.push({
      name: `SCO value look-up among ${STORE_N.toLocaleString('en-US')} objects, p${p} (SQLite)`,
      unit: 'ms',
      value: percentile(byValue, p),
      baseline: { name: `look-up by id, p${p}`, value: percentile(byId, p) },
    });
  }
  const idle = await timedCommand(['--version']);
  const exported = await timedCommand(['export', '--data', data]);
  results.push({
    name: `export ${STORE_N.toLocaleString('en-US')} objects, peak RSS`,
    unit: 'MB',
    value: exported.rssMb,
    baseline: { name: '`bulwark --version` peak RSS', value: idle.rssMb },
    target: '≤ 300',
  });
  results.push({
    name: `export ${STORE_N.toLocaleString('en-US')} objects (${(exported.bytes / 2 ** 20).toFixed(0)} MiB to a pipe)`,
    unit: 'objects/s',
    value: STORE_N / exported.seconds,
  });
  return results;
}

if (import.meta.main) {
  for (const r of await run()) console.log(r);
}
