/**
 * LIKE / MATCHES indicators on one path: the Aho-Corasick literal index against the former index (the
 * same expressions in alternations of 64), over feed-like data: BENCH_REGEX_LIKES `LIKE '%.domain.tld'`
 * indicators (default 50,000), BENCH_REGEX_MATCHES regular expressions (1,000) and BENCH_REGEX_VALUES
 * domain names (300,000; ~5 % hits, ~5 % near misses). The former index costs hundreds of regex runs a
 * value, so it sees a slice of the values in each round; rounds alternate the two, and rates are per
 * CPU second of the process (process.cpuUsage), so other load on the machine shifts both alike.
 * Run alone: `node --expose-gc bench/matcher-regex.bench.ts` (the gc makes the memory figure steadier).
 */
import { loadavg } from 'node:os';
import { RegexIndex } from '../src/detect/matcher/regex-index.ts';
import { likeToRegExp } from '../src/detect/pattern/like.ts';
import type { BenchResult } from './support/types.ts';

const LIKES = Number(process.env.BENCH_REGEX_LIKES ?? 50_000);
const MATCHES = Number(process.env.BENCH_REGEX_MATCHES ?? 1_000);
const VALUES = Number(process.env.BENCH_REGEX_VALUES ?? 300_000);
const ROUNDS = 3;
/** Values the former index sees per round: enough for a stable rate at hundreds of regex runs each. */
const OLD_SLICE = Number(process.env.BENCH_REGEX_OLD_SLICE ?? 500);

const TLDS = ['com', 'net', 'org', 'ru', 'info', 'xyz', 'top', 'io', 'cn', 'co.uk'];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'secure',
  'login',
  'pay',
  'cdn',
  'up',
  'date',
  'ver',
  'ify',
  'acc',
  'ount',
  'x',
  'z9',
  '-',
];

/** A small deterministic generator, so both indexes and every run see the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function data(): { entries: { source: string; flags: string; code: number }[]; values: string[] } {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const label = (): string => {
    let s = pick(SYLLABLES.slice(0, 13));
    const n = 2 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) s += pick(SYLLABLES);
    return `${s}${Math.floor(r() * 1000)}`;
  };
  const domains: string[] = [];
  const entries: { source: string; flags: string; code: number }[] = [];
  for (let i = 0; i < LIKES; i++) {
    const d = `${label()}.${pick(TLDS)}`;
    domains.push(d);
    const re = likeToRegExp(`%.${d}`);
    entries.push({ source: re.source, flags: re.flags, code: i * 2 });
  }
  const shapes = [
    (w: string) => `^(?:www\\.)?${w}\\d{0,3}\\.(?:com|net)$`,
    (w: string) => `${w}-[a-z]+\\.`,
    (w: string) => `^[a-z0-9-]+\\.${w}\\.`,
    (w: string) => `(?:${w}|${w}s)\\.top$`,
    (w: string) => `^[a-z]{3}\\d+\\.${w.slice(0, 1)}`, // too short a literal: stays in the alternation
  ];
  for (let i = 0; i < MATCHES; i++)
    entries.push({ source: pick(shapes)(label()), flags: 's', code: (LIKES + i) * 2 + 1 });
  const values: string[] = [];
  for (let i = 0; i < VALUES; i++) {
    const x = r();
    if (x < 0.05) values.push(`${pick(['www', 'mail', 'a1'])}.${pick(domains)}`);
    else if (x < 0.1) values.push(`www.${pick(domains).replace(/\.[a-z.]+$/, '.example')}`);
    else values.push(`${pick(['www.', '', 'cdn.'])}${label()}.${pick(TLDS)}`);
  }
  return { entries, values };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Hits and CPU ms of one pass of `index` over values[from, to). */
function pass(
  index: RegexIndex,
  values: readonly string[],
  from: number,
  to: number,
): { hits: number; cpu: number } {
  let hits = 0;
  const hit = (): void => {
    hits++;
  };
  const t0 = cpuMs();
  for (let i = from; i < to; i++) index.lookup(values[i]!, hit);
  return { hits, cpu: cpuMs() - t0 };
}

export async function run(): Promise<BenchResult[]> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const { entries, values } = data();
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  let t0 = cpuMs();
  const fresh = new RegexIndex(entries);
  const buildNew = cpuMs() - t0;
  gc();
  const heap1 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  t0 = cpuMs();
  const former = new RegexIndex(entries, { literals: false });
  const buildOld = cpuMs() - t0;
  gc();
  const heap2 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  let newCpu = 0;
  let newValues = 0;
  let oldCpu = 0;
  let oldValues = 0;
  let agree = true;
  for (let round = 0; round < ROUNDS; round++) {
    const n = pass(fresh, values, 0, values.length);
    newCpu += n.cpu;
    newValues += values.length;
    const from = (round * OLD_SLICE) % Math.max(1, values.length - OLD_SLICE);
    const o = pass(former, values, from, from + OLD_SLICE);
    oldCpu += o.cpu;
    oldValues += OLD_SLICE;
    // the same slice through the new index: the hit counts must agree
    if (pass(fresh, values, from, from + OLD_SLICE).hits !== o.hits) agree = false;
  }
  if (!agree) throw new Error('the literal index and the former alternations disagree');
  const newRate = newValues / (newCpu / 1000);
  const oldRate = oldValues / (oldCpu / 1000);
  const hits = pass(fresh, values, 0, values.length).hits;
  const sizes = fresh.sizes;
  const note = `${LIKES.toLocaleString('en-US')} LIKE + ${MATCHES.toLocaleString('en-US')} MATCHES on one path, ${values.length.toLocaleString('en-US')} values, ${hits.toLocaleString('en-US')} hits; ${sizes.keyed} keyed by ${sizes.literals} literals, ${sizes.combined} left in alternations; build ${Math.round(buildNew)} ms CPU (former ${Math.round(buildOld)} ms), heap: new index ~${Math.round((heap1 - heap0) / 1e6)} MB, former ~${Math.round((heap2 - heap1) / 1e6)} MB (both hold their RegExp objects); ${ROUNDS} alternating rounds (former: ${OLD_SLICE} values a round); load ${load}`;
  return [
    {
      name: 'LIKE / MATCHES indicators, literal automaton vs alternations of 64, per CPU second',
      unit: 'values/CPU-s',
      value: newRate,
      baseline: { name: 'former index (alternations of 64)', value: oldRate },
      note,
    },
  ];
}

if (process.argv[1] === import.meta.filename) {
  for (const r of await run())
    process.stdout.write(
      `${r.name}: ${Math.round(r.value).toLocaleString('en-US')} ${r.unit} vs ${Math.round(r.baseline!.value).toLocaleString('en-US')} (${(r.value / r.baseline!.value).toFixed(1)}×)\n  ${r.note}\n`,
    );
}
