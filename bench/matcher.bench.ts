/**
 * One matcher for many indicators: load time and memory of N indicators (default 1,000,000), and events/s
 * of the one-thread scan hot path over an ECS-like log (default 1,000,000 events, ~5 % hits): the byte
 * prefilter, then parse, map and confirm for the lines it lets through. Baselines in the same run:
 * `grep -F -c -f patterns.txt log` over the same file with the same exact values (with a time limit),
 * JSON.parse alone over the same lines, and the full path (parse and map every line) with the prefilter off.
 * Sizes: BENCH_MATCHER_INDICATORS, BENCH_MATCHER_EVENTS; grep's limit: BENCH_MATCHER_GREP_SECONDS (60).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeLog, writePatterns } from './matcher-data.ts';
import type { BenchResult } from './support/types.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench-work', 'matcher');
const INDICATORS = Number(process.env.BENCH_MATCHER_INDICATORS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_MATCHER_EVENTS ?? 1_000_000);
const GREP_SECONDS = Number(process.env.BENCH_MATCHER_GREP_SECONDS ?? 60);
const SUBSET = 10_000;

interface ChildFigures {
  loadMs: number;
  loadCpuMs: number;
  rssMatcherMb: number;
  rssTotalMb: number;
  events: number;
  hits: number;
  eventsPerSec: number;
  parseOnlyPerSec: number;
  fullPathPerSec: number;
  eventsPerCpuSec: number;
  parseOnlyPerCpuSec: number;
  prefilter: boolean;
  threads: number;
  repeat: number;
  allCoresEvents: number;
  allCoresPerSec: number;
  allCoresPerCpuSec: number;
  allCoresCpuMs: number;
  allCoresMainCpuMs: number;
  threadStartMs: number;
  fewerThreads: number;
  fewerPerSec?: number;
  fewerPerCpuSec?: number;
}

function runChild(logFile: string): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', join(import.meta.dirname, 'matcher-child.ts'), String(INDICATORS), logFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ChildFigures)
        : reject(new Error(`matcher child exited ${code}`)),
    );
  });
}

/** grep's lines/s, or undefined when it does not finish within the limit. */
function grepRate(patterns: string, logFile: string): Promise<{ perSec: number; lines: number } | undefined> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('grep', ['-F', '-c', '-f', patterns, logFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GREP_SECONDS * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && code !== 1) return resolve(undefined);
      resolve({ perSec: EVENTS / ((performance.now() - started) / 1000), lines: Number(out.trim()) });
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  mkdirSync(WORK, { recursive: true });
  const logFile = join(WORK, `log-${EVENTS}-${INDICATORS}.jsonl`);
  const patterns = join(WORK, `patterns-${INDICATORS}.txt`);
  process.stderr.write('   writing indicators and log…\n');
  await writeLog(logFile, EVENTS, INDICATORS);
  await writePatterns(patterns, INDICATORS);
  const f = await runChild(logFile);
  let grep = await grepRate(patterns, logFile);
  let grepName = 'grep -F -f (all exact values)';
  if (grep === undefined) {
    // grep's Aho-Corasick over ~1 M patterns does not finish here; a subset still shows its per-line cost
    const subset = join(WORK, `patterns-${SUBSET}.txt`);
    writeFileSync(subset, readFileSync(patterns, 'utf8').split('\n').slice(0, SUBSET).join('\n'));
    grep = await grepRate(subset, logFile);
    grepName = `grep -F -f (first ${SUBSET.toLocaleString('en-US')} values only; all did not finish in ${GREP_SECONDS} s)`;
  }
  const note = `${f.hits} of ${f.events} events hit (grep -F counted ${grep?.lines ?? '—'} lines, substring matches included); ${Math.round(f.eventsPerCpuSec).toLocaleString('en-US')} events per CPU second`;
  return [
    {
      name: `indicator matcher, one thread, ${INDICATORS.toLocaleString('en-US')} indicators`,
      unit: 'events/s',
      value: f.eventsPerSec,
      baseline: grep
        ? { name: grepName, value: grep.perSec }
        : {
            name: `grep -F -f did not finish in ${GREP_SECONDS} s; JSON.parse alone`,
            value: f.parseOnlyPerSec,
          },
      target: '>= 1000000 and >= 10x grep',
      note,
    },
    {
      name: `indicator matcher, scanLines with ${f.threads} prefiltering threads (all cores), file read ${f.repeat}× in one scan`,
      unit: 'events/s',
      value: f.allCoresPerSec,
      baseline: { name: 'JSON.parse alone, one thread', value: f.parseOnlyPerSec },
      target: '>= 1000000',
      note: `${Math.round(f.allCoresPerCpuSec).toLocaleString('en-US')} events per CPU second (all threads); of ${Math.round(f.allCoresCpuMs)} ms CPU the main thread (read, batch, confirm) used ${Math.round(f.allCoresMainCpuMs)} ms, the prefiltering threads and V8's helpers the rest; ${f.allCoresEvents} events; threads start and stop in ${Math.round(f.threadStartMs)} ms (included)`,
    },
    ...(f.fewerPerSec !== undefined
      ? [
          {
            name: `indicator matcher, scanLines with ${f.fewerThreads} prefiltering thread${f.fewerThreads === 1 ? '' : 's'} (one fewer than the cores), same runs`,
            unit: 'events/s',
            value: f.fewerPerSec,
            baseline: {
              name: `${f.threads} prefiltering threads, alternating runs`,
              value: f.allCoresPerSec,
            },
            target: '>= 1000000',
            note: `${Math.round(f.fewerPerCpuSec ?? 0).toLocaleString('en-US')} events per CPU second (all threads), against ${Math.round(f.allCoresPerCpuSec).toLocaleString('en-US')} with ${f.threads}`,
          },
        ]
      : []),
    {
      name: 'indicator matcher vs JSON.parse alone over the same lines',
      unit: 'events/s',
      value: f.eventsPerSec,
      baseline: { name: 'JSON.parse alone', value: f.parseOnlyPerSec },
      note: `${f.prefilter ? 'byte prefilter on' : 'byte prefilter off (some indicator needs every event)'}; per CPU second ${Math.round(f.eventsPerCpuSec).toLocaleString('en-US')} vs ${Math.round(f.parseOnlyPerCpuSec).toLocaleString('en-US')}`,
    },
    {
      name: 'indicator matcher vs the full path (parse, map, probe every line; 100 k indicators)',
      unit: 'events/s',
      value: f.eventsPerSec,
      baseline: { name: 'full path', value: f.fullPathPerSec },
    },
    {
      name: `load ${INDICATORS.toLocaleString('en-US')} indicators`,
      unit: 's',
      value: f.loadMs / 1000,
      target: '<= 1.5',
      note: `${(f.loadCpuMs / 1000).toFixed(2)} s of CPU (all threads of the process, the collector's included)`,
    },
    {
      name: `matcher memory, ${INDICATORS.toLocaleString('en-US')} indicators (RSS growth)`,
      unit: 'MB',
      value: f.rssMatcherMb,
      target: '<= 400',
      note: `process RSS ${Math.round(f.rssTotalMb)} MB with the pattern texts`,
    },
  ];
}
