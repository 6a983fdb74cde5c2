/**
 * Screening, in-process: the screening index's lookups/s over 1 M random ETH/BTC-like addresses of
 * which 100 k are labelled, ~50 % of lookups hits, against a plain `Set<string>.has` loop over the same
 * strings (which does not normalise; V8 also caches each string's hash, so the baseline is a floor no
 * hashing table can pass on reused strings). Also: the same on mixed-case (checksummed-like) input,
 * against `Set.has(normaliseValue(…))`, which is what a correct Set-based screen needs; and full
 * `screen()` results/s; and the same queries as one batch (`lookupMany`). Sizes:
 * BENCH_SCREEN_ADDRESSES, BENCH_SCREEN_LABELLED, BENCH_SCREEN_LOOKUPS.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ScreeningIndex } from '../src/screen/index.ts';
import type { Label } from '../src/screen/labels/types.ts';
import { normaliseValue } from '../src/stix/index.ts';
import type { BenchResult } from './support/types.ts';

const ADDRESSES = Number(process.env.BENCH_SCREEN_ADDRESSES ?? 1_000_000);
const LABELLED = Number(process.env.BENCH_SCREEN_LABELLED ?? 100_000);
const LOOKUPS = Number(process.env.BENCH_SCREEN_LOOKUPS ?? 10_000_000);
const TARGET = 5_000_000;

const HEX = '0123456789abcdef';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Small deterministic PRNG (xorshift32), so every run screens the same data. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** A flat (sequential) copy: addresses read from JSON or a socket are flat, concatenations are ropes. */
function flat(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

function addresses(count: number, random: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const chars: string[] = [];
    if (random() < 0.6) {
      for (let j = 0; j < 40; j++) chars.push(HEX[Math.floor(random() * 16)]!);
      out.push(flat(`0x${chars.join('')}`));
    } else {
      for (let j = 0; j < 33; j++) chars.push(BASE58[Math.floor(random() * 58)]!);
      out.push(flat(`1${chars.join('')}`));
    }
  }
  return out;
}

function label(address: string): Label {
  return {
    address,
    category: 'sanctioned',
    source: 'bench',
    detail: 'bench label',
    marking: 'clear',
    authorOrg: 'bench',
    stixIds: [],
    entities: [],
  };
}

/** Mixed-case spelling of EVM addresses (as checksummed addresses arrive); base58 unchanged. */
function mixedCase(address: string, random: () => number): string {
  if (!address.startsWith('0x')) return address;
  let out = '0x';
  for (let i = 2; i < address.length; i++) out += random() < 0.5 ? address[i]!.toUpperCase() : address[i];
  return flat(out);
}

/** `rateOf` for a loop over `queries` (warmed on the first 100 k). */
function rate(lookups: number, body: (queries: readonly string[]) => number, queries: readonly string[]) {
  body(queries.slice(0, 100_000)); // warm the JIT
  return rateOf(lookups, queries.length, () => body(queries));
}

/** Median rate over rounds of `body`, which screens `perRound` addresses and returns its hits. */
function rateOf(lookups: number, perRound: number, body: () => number) {
  body(); // warm the JIT
  const rounds = Math.max(5, Math.round(lookups / perRound));
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    hits = body();
    const used = process.cpuUsage(cpu);
    rates.push(perRound / ((performance.now() - started) / 1000));
    cpuRates.push(perRound / ((used.user + used.system) / 1e6));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // per CPU-second as well: on a shared, loaded machine wall time says little
  return { perSec: median(rates), perCpuSec: median(cpuRates), hits };
}

export async function run(): Promise<BenchResult[]> {
  const random = prng(0x5eed);
  const all = addresses(ADDRESSES, random);
  const labelled = all.slice(0, LABELLED);
  const built = performance.now();
  const index = new ScreeningIndex({ labels: labelled.map(label), version: 1, objectCount: LABELLED });
  const buildMs = performance.now() - built;
  const set = new Set(labelled);

  // ~50 % hits: every other query is a labelled address, the others unlabelled ones.
  const poolSize = Math.min(1_000_000, LOOKUPS);
  const queries: string[] = [];
  for (let i = 0; i < poolSize; i++) {
    queries.push(
      i % 2 === 0
        ? labelled[Math.floor(random() * LABELLED)]!
        : all[LABELLED + Math.floor(random() * (ADDRESSES - LABELLED))]!,
    );
  }
  const mixed = queries.map((q) => mixedCase(q, random));

  const indexLoop = (qs: readonly string[]): number => {
    let hits = 0;
    for (let i = 0; i < qs.length; i++) if (index.riskRankOf(index.lookup(qs[i]!)) > 0) hits++;
    return hits;
  };
  // A batch in one call: the index overlaps the batch's cache misses (`lookupMany`).
  const batch = new Int32Array(queries.length);
  const manyLoop = (qs: readonly string[]): number => {
    index.lookupMany(qs, batch, 0, qs.length);
    let hits = 0;
    for (let i = 0; i < qs.length; i++) if (index.riskRankOf(batch[i]!) > 0) hits++;
    return hits;
  };
  const setLoop = (qs: readonly string[]): number => {
    let hits = 0;
    for (let i = 0; i < qs.length; i++) if (set.has(qs[i]!)) hits++;
    return hits;
  };
  const setNormalisedLoop = (qs: readonly string[]): number => {
    let hits = 0;
    for (let i = 0; i < qs.length; i++) if (set.has(normaliseValue('cryptocurrency-wallet', qs[i]!))) hits++;
    return hits;
  };
  const screenLoop = (qs: readonly string[]): number => {
    let hits = 0;
    for (let i = 0; i < qs.length; i++) if (index.screen(qs[i]!).risk !== 'none') hits++;
    return hits;
  };

  // Bulk screening as a file, request body or socket delivers it: newline-separated bytes.
  const body = Buffer.from(`${queries.join('\n')}\n`, 'latin1');
  const entries = new Int32Array(queries.length + 1);
  const bytesRate = rateOf(LOOKUPS, queries.length, () => {
    const n = index.lookupLines(body, 0, body.length, entries);
    let hits = 0;
    for (let i = 0; i < n; i++) if (index.riskRankOf(entries[i]!) > 0) hits++;
    return hits;
  });
  const splitRate = rateOf(LOOKUPS / 4, queries.length, () => {
    const lines = body.toString('latin1').split('\n');
    let hits = 0;
    for (let i = 0; i < lines.length; i++) if (set.has(lines[i]!)) hits++;
    return hits;
  });
  const ours = rate(LOOKUPS, indexLoop, queries);
  const plain = rate(LOOKUPS, setLoop, queries);
  const many = rate(LOOKUPS, manyLoop, queries);
  if (ours.hits !== plain.hits) throw new Error(`index found ${ours.hits} hits, Set ${plain.hits}`);
  if (many.hits !== plain.hits) throw new Error(`lookupMany found ${many.hits} hits, Set ${plain.hits}`);
  if (bytesRate.hits !== plain.hits || splitRate.hits !== plain.hits)
    throw new Error(
      `byte screening found ${bytesRate.hits} hits, split + Set ${splitRate.hits}, Set ${plain.hits}`,
    );
  const oursMixed = rate(LOOKUPS / 2, indexLoop, mixed);
  const plainMixed = rate(LOOKUPS / 2, setNormalisedLoop, mixed);
  if (oursMixed.hits !== ours.hits) throw new Error('mixed-case input changed the hits');
  const full = rate(LOOKUPS / 10, screenLoop, queries);
  const perCpu = (r: { perCpuSec: number }) => Math.round(r.perCpuSec).toLocaleString('en-US');
  const cpuNote = (a: { perCpuSec: number }, b: { perCpuSec: number }) =>
    `per CPU-second ${perCpu(a)} vs ${perCpu(b)} (${(a.perCpuSec / b.perCpuSec).toFixed(2)}×); load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
  const note = `${ADDRESSES.toLocaleString('en-US')} addresses, ${LABELLED.toLocaleString('en-US')} labelled, ${((ours.hits / queries.length) * 100).toFixed(0)} % hits`;
  return [
    {
      name: 'bulk screening of newline-separated addresses (bytes in, entries out)',
      unit: 'lookups/s',
      value: bytesRate.perSec,
      baseline: { name: 'decode + split + Set<string>.has (no normalisation)', value: splitRate.perSec },
      target: `>= ${TARGET}`,
      note: `${note}; ${Math.round(bytesRate.perCpuSec).toLocaleString('en-US')} per CPU-second; Set.has on already-built strings: ${Math.round(plain.perSec).toLocaleString('en-US')}/s`,
    },
    {
      name: 'screening index lookups (normalised input)',
      unit: 'lookups/s',
      value: ours.perSec,
      baseline: { name: 'Set<string>.has on the same strings', value: plain.perSec },
      target: `>= ${TARGET}`,
      note: `${note}; medians of ${Math.max(5, Math.round(LOOKUPS / queries.length))} rounds; ${cpuNote(ours, plain)}`,
    },
    {
      name: 'batched look-ups (lookupMany)',
      unit: 'lookups/s',
      value: many.perSec,
      baseline: { name: 'Set<string>.has on the same strings, one at a time', value: plain.perSec },
      target: `>= ${TARGET}`,
      note: `${note}; the whole pool in one call; ${cpuNote(many, plain)}`,
    },
    {
      name: 'screening index lookups (mixed-case EVM input)',
      unit: 'lookups/s',
      value: oursMixed.perSec,
      baseline: { name: 'Set.has(normaliseValue(…))', value: plainMixed.perSec },
      target: `>= ${TARGET}`,
      note: `${note}; ${cpuNote(oursMixed, plainMixed)}`,
    },
    { name: 'screen() results with reasons', unit: 'results/s', value: full.perSec, note },
    {
      name: 'screening index build',
      unit: 'ms',
      value: buildMs,
      note: `${LABELLED.toLocaleString('en-US')} labels`,
    },
  ];
}

if (import.meta.main) console.log(await run());
