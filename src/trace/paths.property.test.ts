/**
 * The path search against brute force on small random graphs: every time-ordered, simple, one-asset
 * path within the hops is enumerated with every choice of transfers, each address sequence keeps
 * its best (largest bottleneck, then earliest arrival), and the k best by the ranking rule must be
 * exactly the search's answer — and every answer's transfers must be real, in time order, within
 * the hops, with the bottleneck they claim.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type Graph, openGraph } from '../chain/index.ts';
import { address, TestChain, type TxSpec } from './cluster/test-chain.ts';
import { findPaths } from './paths.ts';
import { ethereumAsset, ethereumValue } from './paths-reach.ts';
import { addr, blockOf, type Move } from './test-graph.ts';

const dir = tempDir('bulwark-paths-prop-');
after(dir.remove);
let made = 0;

interface Step {
  from: number;
  to: number;
  row: number;
  cap: number;
  asset: number;
  /** First row of the step: the Ethereum row, the spender's first input row on Bitcoin. */
  first: number;
}

interface Ranked {
  hops: number;
  b: number;
  last: number;
  ids: number[];
  asset: number;
}

/** Every step of the graph, straight from the row columns. */
function allSteps(g: Graph, chain: 'ethereum' | 'bitcoin'): Step[] {
  const out: Step[] = [];
  const n = g.dict.count;
  if (chain === 'ethereum') {
    const c = g.ethereum.c;
    for (let r = 0; r < c.rows; r++) {
      const from = c.rowFrom.data[r]!;
      const to = c.rowTo.data[r]!;
      const cap = ethereumValue(g, r);
      if (from < n && to < n && cap > 0)
        out.push({ from, to, row: r, cap, asset: ethereumAsset(g, r), first: r });
    }
    return out;
  }
  const c = g.bitcoin.c;
  for (let tx = 0; tx < c.txs; tx++) {
    const spent = new Map<number, { sum: number; first: number }>();
    for (let r = c.txRow.data[tx]!; r < c.txOut.data[tx]!; r++) {
      const a = c.rowAddr.data[r]!;
      if (a >= n) continue;
      const had = spent.get(a);
      spent.set(a, { sum: (had?.sum ?? 0) + c.rowValue.data[r]!, first: had?.first ?? r });
    }
    for (let o = c.txOut.data[tx]!; o < g.bitcoin.txEnd(tx); o++) {
      const to = c.rowAddr.data[o]!;
      if (to >= n || !(c.rowValue.data[o]! > 0)) continue;
      for (const [from, s] of spent) {
        if (from === to || !(s.sum > 0)) continue;
        out.push({ from, to, row: o, cap: Math.min(s.sum, c.rowValue.data[o]!), asset: 0, first: s.first });
      }
    }
  }
  return out;
}

function bruteForce(
  steps: Step[],
  src: number,
  dst: number,
  hops: number,
  startRow: number,
  asset: number,
): Ranked[] {
  const best = new Map<string, Ranked>();
  const walk = (ids: number[], lastRow: number, b: number, a: number): void => {
    const at = ids[ids.length - 1]!;
    if (at === dst && ids.length > 1) {
      const key = `${a}:${ids.join(',')}`;
      const r: Ranked = { hops: ids.length - 1, b, last: lastRow, ids: [...ids], asset: a };
      const had = best.get(key);
      if (!had || r.b > had.b || (r.b === had.b && r.last < had.last)) best.set(key, r);
      return;
    }
    if (ids.length - 1 === hops) return;
    for (const s of steps) {
      if (s.from !== at || s.first <= lastRow || s.first < startRow) continue;
      if (a >= 0 && s.asset !== a) continue;
      if (ids.includes(s.to)) continue;
      walk([...ids, s.to], s.row, Math.min(b, s.cap), s.asset);
    }
  };
  walk([src], -1, Number.POSITIVE_INFINITY, asset);
  return [...best.values()].sort(
    (x, y) =>
      x.hops - y.hops ||
      y.b - x.b ||
      x.last - y.last ||
      (() => {
        for (let i = 0; i < x.ids.length; i++) if (x.ids[i] !== y.ids[i]) return x.ids[i]! - y.ids[i]!;
        return 0;
      })(),
  );
}

function check(
  g: Graph,
  chain: 'ethereum' | 'bitcoin',
  src: string,
  dst: string,
  hops: number,
  k: number,
  asset: string | undefined,
  since: number | undefined,
  startRow: number,
  assetIndex: number,
): void {
  const steps = allSteps(g, chain);
  const s = g.addressId(src);
  const d = g.addressId(dst);
  const found = findPaths({
    graph: g,
    from: src,
    to: dst,
    maxHops: hops,
    k,
    chain,
    ...(asset ? { asset } : {}),
    ...(since !== undefined ? { since } : {}),
  });
  const truth = bruteForce(steps, s, d, hops, startRow, assetIndex).slice(0, k);
  assert.equal(found.truncated, false);
  const got = found.paths.map((p) => ({
    hops: p.steps.length,
    b: p.bottleneck,
    last: p.steps[p.steps.length - 1]!.row,
    ids: [s, ...p.steps.map((x) => x.to)],
    asset: chain === 'bitcoin' ? 0 : p.asset,
  }));
  assert.deepEqual(
    got,
    truth.map((t) => ({ ...t, asset: chain === 'bitcoin' ? 0 : t.asset })),
  );
  for (const p of found.paths) {
    assert.ok(p.steps.length >= 1 && p.steps.length <= hops);
    let before = -1;
    let b = Number.POSITIVE_INFINITY;
    let at = s;
    for (const x of p.steps) {
      assert.equal(x.from, at);
      const real = steps.find(
        (y) => y.from === x.from && y.to === x.to && y.row === x.row && y.first === x.via,
      );
      assert.ok(real, `step ${x.from}→${x.to} at row ${x.row} is a transfer`);
      assert.ok(x.via > before && x.via >= startRow, 'each step after the one before it');
      assert.equal(x.capacity, real.cap);
      if (chain === 'ethereum') assert.equal(real.asset, p.asset);
      b = Math.min(b, x.capacity);
      before = x.row;
      at = x.to;
    }
    assert.equal(at, d);
    assert.equal(p.bottleneck, b);
  }
}

const NAMES = 'abcdef';

describe('path search against brute force', () => {
  it('Ethereum: random transfers in two assets, several per transaction', () => {
    const move = fc.record({
      from: fc.integer({ min: 0, max: 4 }),
      to: fc.integer({ min: 0, max: 4 }),
      value: fc.integer({ min: 0, max: 6 }),
      token: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(move, { minLength: 1, maxLength: 3 }), {
          minLength: 6,
          maxLength: 30,
          size: 'max',
        }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(undefined, undefined, 'ETH', 't'),
        fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (blocks, a, z, hops, k, assetName, sinceBlock, cuts) => {
          const steps: Move[][] = blocks.map((ms) =>
            ms.map((m) => ({
              from: NAMES[m.from]!,
              to: NAMES[m.to]!,
              value: BigInt(m.value),
              ...(m.token ? { asset: 't' } : {}),
            })),
          );
          // commits here and there: the rows of an address then lie in several adjacency segments
          const g = openGraph(`${dir.path}/${made++}`);
          steps.forEach((moves, i) => {
            g.ethereum.append(blockOf(i, moves));
            if (cuts[i % cuts.length]) g.ethereum.commit();
          });
          g.ethereum.commit();
          try {
            const src = addr(NAMES[a]!);
            const dst = addr(NAMES[z]!);
            if (g.addressId(src) < 0 || g.addressId(dst) < 0 || src === dst) return;
            const asset = assetName === 't' ? addr('t') : assetName;
            let assetIndex = -1;
            if (assetName === 'ETH') assetIndex = 0;
            if (assetName === 't') {
              const id = g.addressId(addr('t'));
              assetIndex = -2;
              for (let i = 1; i <= g.ethereum.c.assetAddr.length; i++)
                if (g.ethereum.assetAddress(i) === id) assetIndex = i;
              if (assetIndex === -2 || id < 0) return; // no token moved: covered by the unit tests
            }
            const since = sinceBlock === null ? undefined : 1_700_000_000 + 12 * sinceBlock;
            const c = g.ethereum.c;
            const startRow =
              since === undefined
                ? 0
                : sinceBlock! >= c.blocks
                  ? c.rows
                  : c.txRow.data[c.blockTx.data[sinceBlock!]!]!;
            check(g, 'ethereum', src, dst, hops, k, asset, since, startRow, assetIndex);
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Bitcoin: random spends of unspent outputs, several inputs and outputs per transaction', () => {
    const spend = fc.record({
      ins: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
      outs: fc.array(
        fc.record({ to: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: 1, max: 9 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      newBlock: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(spend, { minLength: 4, maxLength: 14, size: 'max' }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        (spends, a, z, hops, k) => {
          const g = openGraph(`${dir.path}/${made++}`);
          try {
            const chain = new TestChain();
            // coinbases pay every name first, so each has something to spend
            chain.append(
              g,
              NAMES.split('').map((name) => ({ ins: [], outs: [{ to: name, value: 10 }] })),
            );
            const unspent: [number, number][] = NAMES.split('').map((_, i) => [i, 0]);
            let txCount = NAMES.length;
            let pending: TxSpec[] = [];
            for (const sp of spends) {
              if (unspent.length === 0) break;
              const ins: [number, number][] = [];
              for (const pick of sp.ins) {
                if (unspent.length === 0) break;
                ins.push(unspent.splice(pick % unspent.length, 1)[0]!);
              }
              const tx = txCount++;
              pending.push({ ins, outs: sp.outs.map((o) => ({ to: NAMES[o.to]!, value: o.value })) });
              sp.outs.forEach((_, vout) => {
                unspent.push([tx, vout]);
              });
              if (sp.newBlock) {
                chain.append(g, pending);
                pending = [];
              }
            }
            if (pending.length > 0) chain.append(g, pending);
            const src = address(NAMES[a]!);
            const dst = address(NAMES[z]!);
            if (src === dst) return;
            check(g, 'bitcoin', src, dst, hops, k, undefined, undefined, 0, -1);
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
