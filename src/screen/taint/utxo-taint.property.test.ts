import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type BitcoinSummary, type Graph, generateBitcoinLike, openGraph } from '../../chain/index.ts';
import { trace } from '../../trace/index.ts';
import type { Ledger } from './ledger.ts';
import { UtxoTaint } from './utxo-taint.ts';

/** Two generated Bitcoin-like chains (heist, peel chains, CoinJoins, exchange fan-in and fan-out). */
const chains: { summary: BitcoinSummary; graph: Graph }[] = [];

before(() => {
  for (const seed of [11, 29]) {
    const summary = generateBitcoinLike({ transactions: 15_000, seed, startTime: 1_600_000_000 });
    chains.push({ summary, graph: openGraph(summary.dir, { readonly: true }) });
  }
});
after(() => {
  for (const c of chains) {
    c.graph.close();
    rmSync(c.summary.dir, { recursive: true, force: true });
  }
});

/** Every column of every slot, bit for bit. */
function sameLedger(x: Ledger, y: Ledger): void {
  assert.equal(x.n, y.n, 'slots');
  const a = x.columns();
  const b = y.columns();
  for (let i = 0; i < a.length; i++)
    assert.deepEqual(a[i]!.subarray(0, x.n), b[i]!.subarray(0, y.n), `column ${i}`);
}

const sources = (g: Graph, summary: BitcoinSummary, picks: readonly number[]) => [
  summary.heist.thief,
  ...picks.map((p) => g.addressOf(p % g.dict.count)),
];

/** A chain, sources (the thief and others), a hop limit and the block boundaries to advance to. */
const cases = fc.record({
  chain: fc.integer({ min: 0, max: 1 }),
  picks: fc.array(fc.nat(), { maxLength: 4 }),
  hops: fc.integer({ min: 0, max: 8 }),
  cuts: fc.array(fc.nat(), { maxLength: 8 }),
});

describe('Bitcoin incremental taint', () => {
  it('after any split of the chain into increments equals one scan from the first block', () => {
    fc.assert(
      fc.property(cases, ({ chain, picks, hops, cuts }) => {
        const { graph: g, summary } = chains[chain]!;
        const seeds = sources(g, summary, picks);
        const once = new UtxoTaint(seeds, hops);
        assert.ok(once.advance(g));
        const blocks = g.bitcoin.c.blocks;
        const steps = new UtxoTaint(seeds, hops);
        for (const cut of [...cuts.map((c) => c % (blocks + 1))].sort((a, b) => a - b))
          assert.ok(steps.advance(g, undefined, cut));
        assert.ok(steps.advance(g));
        assert.deepEqual(steps.cursor, once.cursor);
        sameLedger(steps.ledgers[0]!, once.ledgers[0]!);
      }),
      { numRuns: 40 },
    );
  });

  it("equals trace()'s Bitcoin haircut of the same seeds and hops (received within 1e-9, hops)", () => {
    fc.assert(
      fc.property(cases, ({ chain, picks, hops }) => {
        const { graph: g, summary } = chains[chain]!;
        const seeds = sources(g, summary, picks);
        const taint = new UtxoTaint(seeds, hops);
        taint.advance(g);
        const l = taint.ledgers[0]!;
        const mine = new Map<string, { received: number; hops: number }>();
        for (let s = 0; s < l.n; s++)
          if (l.received[s]! > 0)
            mine.set(g.addressOf(l.addr[s]!), { received: l.received[s]!, hops: l.hop[s]! });
        const traced = trace({
          graph: g,
          seeds,
          model: 'haircut',
          direction: 'forward',
          hops,
          maxTransfers: 0,
        });
        const theirs = traced.addresses.filter((a) => Number(a.received) > 0);
        assert.equal(mine.size, theirs.length, 'the same addresses reached');
        for (const a of theirs) {
          const m = mine.get(a.address);
          assert.ok(m, `${a.address} reached by trace()`);
          const want = Number(a.received);
          assert.ok(Math.abs(m.received - want) <= 1e-9 * want, `${a.address}: ${m.received} vs ${want}`);
          assert.equal(m.hops, a.hops, `hops of ${a.address}`);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('spreads the heist over many addresses within the hops, with taint conserved less fees', () => {
    const { graph: g, summary } = chains[0]!;
    const taint = new UtxoTaint([summary.heist.thief], 6);
    taint.advance(g);
    const l = taint.ledgers[0]!;
    let held = 0;
    let reached = 0;
    for (let s = 0; s < l.n; s++) {
      held += l.taint[s]! + l.blocked[s]!;
      if (l.received[s]! > 0 && l.hop[s]! > 0) reached++;
    }
    const stolen = Number(summary.heist.value);
    assert.ok(reached > 50, `${reached} addresses reached`);
    assert.ok(held <= stolen && held > stolen * 0.9, `${held} of ${stolen} still traced`);
  });
});
