/**
 * Top-k path search (k = 5, 6 hops) between address pairs of the generated 5 M-transfer account
 * graph (bench/trace-graph.ts, kept in .bench-work/trace-<edges> as trace.bench.ts keeps it), in
 * milliseconds per search, against a baseline in the same run: the single fewest-hop path search
 * the product had before (one earliest-arrival BFS over whole-graph arrays, no amounts), kept here
 * only as that baseline. Pairs alternate engine and baseline so machine load hits both alike.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Graph, openGraph } from '../src/chain/index.ts';
import { findPaths } from '../src/trace/index.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';
import { addressHex, generateEdges, writeGraph } from './trace-graph.ts';

const ROOT = join(import.meta.dirname, '..');
const EDGES = Number(process.env.BENCH_TRACE_EDGES ?? 5_000_000);
const HOPS = 6;
const K = 5;
const PAIRS = Number(process.env.BENCH_PATH_PAIRS ?? 12);
const RUNS = 3;

/** The previous `paths`: fewest hops, earliest arrival, one path, Ethereum rows. */
function baseline(g: Graph, src: number, dst: number, maxHops: number): boolean {
  const n = g.dict.count;
  const arrival = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const parent = new Int32Array(n).fill(-1);
  let frontier = new Int32Array(16);
  let next = new Int32Array(16);
  let size = 1;
  frontier[0] = src;
  arrival[src] = -1;
  const to = g.ethereum.c.rowTo.data;
  for (let hop = 0; hop < maxHops && size > 0; hop++) {
    let count = 0;
    for (let i = 0; i < size; i++) {
      const a = frontier[i]!;
      const after = arrival[a]!;
      const rows = g.outEdges(a, 'ethereum');
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k]!;
        const b = to[r]!;
        if (r <= after || b >= n || r >= arrival[b]!) continue;
        arrival[b] = r;
        parent[b] = a;
        if (count === next.length) {
          const bigger = new Int32Array(count * 2);
          bigger.set(next);
          next = bigger;
        }
        next[count++] = b;
      }
    }
    [frontier, next] = [next, frontier];
    size = count;
    if (arrival[dst]! < Number.POSITIVE_INFINITY) break;
  }
  return parent[dst]! >= 0;
}

function graph(): { g: Graph; from: Int32Array; to: Int32Array } {
  const e = generateEdges(EDGES);
  const dir = join(ROOT, '.bench-work', `trace-${EDGES}`);
  if (existsSync(join(dir, 'MANIFEST.json'))) return { g: openGraph(dir, { readonly: true }), ...e };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { g: writeGraph(dir, e), ...e };
}

function timed<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

export async function run(): Promise<BenchResult[]> {
  const { g, from, to } = graph();
  try {
    // sources: busy (the generator's low indexes pay most) or the payer of a random transfer;
    // targets: the payee of a transfer in the last fifth of the chain, or a busy payee (a hub, as
    // an exchange's deposit wallet is: the widest backward cone)
    const pairs: [string, string][] = [];
    for (let i = 0; i < PAIRS; i++) {
      const s = i % 2 === 0 ? 20 + i : from[(i * 7919) % from.length]!;
      const late = to[from.length - 1 - ((i * 104729) % Math.floor(from.length / 5))]!;
      const t = i % 4 < 2 ? late : 1 + i;
      pairs.push([addressHex(s + 1), addressHex(t + 1)]);
    }
    const search = (p: [string, string]) =>
      findPaths({ graph: g, from: p[0], to: p[1], maxHops: HOPS, k: K, chain: 'ethereum' });
    const old = (p: [string, string]) => baseline(g, g.addressId(p[0]), g.addressId(p[1]), HOPS);
    search(pairs[0]!);
    old(pairs[0]!);
    const ours: number[] = [];
    const oursCpu: number[] = [];
    const theirs: number[] = [];
    let found = 0;
    let states = 0;
    let examined = 0;
    let hopsSum = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const p of pairs) {
        const a = timed(() => search(p));
        const b = timed(() => old(p));
        ours.push(a.ms);
        oursCpu.push(a.cpuMs);
        theirs.push(b.ms);
        if (run === 0) {
          if (a.value.paths.length > 0) found++;
          hopsSum += a.value.paths[0]?.steps.length ?? 0;
          states += a.value.states;
          examined += a.value.examined;
          if (process.env.BENCH_PATH_VERBOSE)
            console.error(
              `${p[0]} → ${p[1]}: ${a.ms.toFixed(1)} ms (baseline ${b.ms.toFixed(1)}), ${a.value.paths.length} paths, hops ${a.value.paths.map((x) => x.steps.length).join(',')}, ${a.value.states} states, ${a.value.examined} rows`,
            );
          if (a.value.paths.length > 0 !== b.value)
            throw new Error(`engine and baseline disagree on ${p.join(' → ')}`);
        }
      }
    }
    const sorted = [...ours].sort((x, y) => x - y);
    const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
    return [
      {
        name: `trace paths: top-${K}, ${HOPS} hops, ${EDGES.toLocaleString('en-US')}-transfer graph`,
        unit: 'ms per search (median)',
        value: median(ours),
        baseline: {
          name: 'previous single fewest-hop BFS (no amounts, whole-graph arrays)',
          value: median(theirs),
        },
        note: `${median(oursCpu).toFixed(1)} CPU-ms median, p90 ${p90.toFixed(1)} ms; ${found}/${pairs.length} pairs connected (mean best ${(hopsSum / Math.max(1, found)).toFixed(1)} hops); per pair ${Math.round(states / pairs.length)} partial paths, ${Math.round(examined / pairs.length)} rows examined`,
      },
    ];
  } finally {
    g.close();
  }
}

if (import.meta.main) {
  const t0 = performance.now();
  for (const r of await run()) console.log(JSON.stringify(r));
  console.error(`(${((performance.now() - t0) / 1000).toFixed(1)} s with the graph)`);
}
