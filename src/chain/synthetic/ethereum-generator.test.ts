import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { KIND } from '../graph/account-bulk.ts';
import { type Graph, openGraph } from '../graph/graph.ts';
import { type GenerateSummary, generateEthereum } from './ethereum-generator.ts';

const TRANSFERS = 60_000;
const dirs: { remove: () => void }[] = [];

function generate(transfers: number, seed: number): { dir: string; summary: GenerateSummary } {
  const d = tempDir('bulwark-synthetic-');
  dirs.push(d);
  const g = openGraph(d.path);
  const summary = generateEthereum({ graph: g, transfers, seed });
  g.close();
  return { dir: d.path, summary };
}

let graph: Graph;
let summary: GenerateSummary;

before(() => {
  const made = generate(TRANSFERS, 7);
  summary = made.summary;
  graph = openGraph(made.dir, { readonly: true });
});

after(() => {
  graph?.close();
  for (const d of dirs) d.remove();
});

test('writes at least the transfers asked for, about five per transaction, and says so', () => {
  const c = graph.ethereum.c;
  assert.ok(summary.transfers >= TRANSFERS);
  assert.equal(summary.transfers, c.rows);
  assert.equal(summary.transactions, c.txs);
  assert.equal(summary.blocks, c.blocks);
  const perTx = c.rows / c.txs;
  assert.ok(perTx > 3 && perTx < 8, `${perTx} transfers per transaction`);
});

test('degrees are heavy-tailed: a few hubs hold a large share of the endpoints', () => {
  const c = graph.ethereum.c;
  const degree = new Uint32Array(graph.dict.count);
  for (let r = 0; r < c.rows; r++) {
    degree[c.rowFrom.data[r]!]!++;
    degree[c.rowTo.data[r]!]!++;
  }
  const sorted = [...degree].filter((d) => d > 0).sort((a, b) => b - a);
  const total = sorted.reduce((s, d) => s + d, 0);
  const top = sorted.slice(0, Math.ceil(sorted.length / 100)).reduce((s, d) => s + d, 0);
  const medianDegree = sorted[Math.floor(sorted.length / 2)]!;
  assert.ok(top / total > 0.3, `top 1% hold ${((100 * top) / total).toFixed(1)}% of endpoints`);
  assert.ok(sorted[0]! >= 100 * medianDegree, `max ${sorted[0]} vs median ${medianDegree}`);
  // many addresses of every order of magnitude of degree: a tail, not a few outliers
  const decades = new Set(sorted.map((d) => Math.floor(Math.log10(d))));
  assert.ok(decades.size >= 4, `degrees span ${decades.size} decades`);
});

/** Value rows (not fees) an address sends. */
function valueRows(g: Graph, id: number): number[] {
  return [...g.ethereum.outEdges(id)].filter((r) => g.ethereum.c.rowAsset.data[r]! >>> 13 !== KIND.fee);
}

test('peel chains are present: addresses that pass a large rest on, step after step', () => {
  const c = graph.ethereum.c;
  const n = graph.dict.count;
  // a peel step: one payment in, two out — a small share (≤ 10 %) and the rest to the next step
  const ins = new Uint32Array(n);
  const outs = new Uint32Array(n);
  const first = new Int32Array(n).fill(-1);
  const second = new Int32Array(n).fill(-1);
  for (let r = 0; r < c.rows; r++) {
    if (c.rowAsset.data[r]! >>> 13 === KIND.fee) continue;
    const from = c.rowFrom.data[r]!;
    ins[c.rowTo.data[r]!]!++;
    if (outs[from]!++ === 0) first[from] = r;
    else second[from] = r;
  }
  const next = (a: number): number => {
    if (ins[a] !== 1 || outs[a] !== 2) return -1;
    const x = graph.ethereum.approxValue(first[a]!);
    const y = graph.ethereum.approxValue(second[a]!);
    if (Math.min(x, y) > 0.1 * Math.max(x, y)) return -1;
    return c.rowTo.data[x > y ? first[a]! : second[a]!]!;
  };
  const isStep = new Uint8Array(n);
  for (let a = 0; a < n; a++) if (next(a) >= 0) isStep[next(a)!] = 1;
  let chains = 0;
  for (let a = 0; a < n; a++) {
    if (isStep[a] === 1) continue; // count each chain once, from its head
    let length = 0;
    for (let at = next(a); at >= 0 && length < 1000; at = next(at)) length++;
    if (length >= 5) chains++;
  }
  assert.ok(chains >= 10, `${chains} peel chains of 5 steps or more`);
});

test('block times strictly increase, so row times never go back', () => {
  const c = graph.ethereum.c;
  for (let b = 1; b < c.blocks; b++) assert.ok(c.blockTime.data[b]! > c.blockTime.data[b - 1]!);
  for (let b = 1; b < c.blocks; b++) assert.equal(c.blockHeight.data[b], c.blockHeight.data[b - 1]! + 1);
  assert.ok(graph.ethereum.transfer(0).time <= graph.ethereum.transfer(c.rows - 1).time);
});

test('the heist is in the store as reported: the victim pays the thief the stolen amount', () => {
  const thief = graph.addressId(summary.heist.thief);
  const victim = graph.addressId(summary.heist.victim);
  const paid = [...graph.ethereum.inEdges(thief)].map((r) => graph.ethereum.transfer(r));
  const theft = paid.find((t) => t.from === victim);
  assert.ok(theft);
  assert.equal(theft.value, BigInt(summary.heist.value));
  assert.equal(theft.time, summary.heist.time);
  assert.equal(theft.height, summary.heist.height);
  assert.ok(valueRows(graph, thief).length >= 1, 'the thief moves the loot on');
});

test('CSR adjacency agrees with the rows in both directions', () => {
  const c = graph.ethereum.c;
  const n = graph.dict.count;
  for (const out of [true, false]) {
    const col = out ? c.rowFrom.data : c.rowTo.data;
    const start = new Uint32Array(n + 1);
    for (let r = 0; r < c.rows; r++) start[col[r]! + 1]!++;
    for (let a = 0; a < n; a++) start[a + 1]! += start[a]!;
    const rows = new Uint32Array(c.rows);
    const at = start.slice();
    for (let r = 0; r < c.rows; r++) rows[at[col[r]!]!++] = r;
    for (let a = 0; a < n; a++) {
      const got = out ? graph.ethereum.outEdges(a) : graph.ethereum.inEdges(a);
      assert.deepEqual([...got], [...rows.subarray(start[a]!, start[a + 1]!)], `address ${a}`);
    }
  }
});

test('amounts decode: fees and ether inline or decimal, swap outputs from the pool', () => {
  const c = graph.ethereum.c;
  let pooled = 0;
  for (let r = 0; r < c.rows; r++) {
    const v = graph.ethereum.value(r);
    assert.ok(v > 0n, `row ${r} moves nothing`);
    if (c.rowValueHi.data[r]! >= 0xc0000000) {
      pooled++;
      assert.ok(v >= 1n << 64n && v % 2n === 1n);
    }
  }
  assert.ok(pooled > 0);
});

test('the same seed gives the same store byte for byte; another seed another', () => {
  const a = generate(20_000, 11);
  const b = generate(20_000, 11);
  const c = generate(20_000, 12);
  const files = readdirSync(a.dir).filter((f) => f !== 'LOCK');
  assert.deepEqual(
    files.sort(),
    readdirSync(b.dir)
      .filter((f) => f !== 'LOCK')
      .sort(),
  );
  for (const f of files) assert.ok(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), f);
  assert.deepEqual(a.summary.heist, b.summary.heist);
  assert.ok(
    !readFileSync(join(a.dir, 'ethereum.row.to')).equals(readFileSync(join(c.dir, 'ethereum.row.to'))),
  );
  assert.notEqual(a.summary.heist.thief, c.summary.heist.thief);
});
