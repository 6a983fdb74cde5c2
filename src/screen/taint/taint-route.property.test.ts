import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type BitcoinSummary, type Graph, generateBitcoinLike, openGraph } from '../../chain/index.ts';
import { type IndirectReason, pathTo, taintExposure } from './taint-exposure.ts';
import { sourceOf } from './taint-route.ts';
import { UtxoTaint } from './utxo-taint.ts';

/**
 * Generated Bitcoin-like chains (heist, peel chains with change, CoinJoins, exchange fan-in and
 * fan-out). Seed 23 is the chain where, before payers excluded the payee, 2,169 of the 3,378
 * addresses the loot reached had a first route starting mid-chain (at an address paying itself change).
 */
const SEEDS = [23, 11, 29, 5];
const chains: { seed: number; summary: BitcoinSummary; graph: Graph }[] = [];

before(() => {
  for (const seed of SEEDS) {
    const summary = generateBitcoinLike({ transactions: 12_000, seed });
    chains.push({ seed, summary, graph: openGraph(summary.dir, { readonly: true }) });
  }
});
after(() => {
  for (const c of chains) {
    c.graph.close();
    rmSync(c.summary.dir, { recursive: true, force: true });
  }
});

/** The transaction of row r (transactions' first rows are ascending). */
function txOf(g: Graph, r: number): number {
  const starts = g.bitcoin.c.txRow.data;
  let lo = 0;
  let hi = g.bitcoin.c.txs - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= r) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Some transaction spends from `from` (an input row of it) and pays `to` (an output row). */
function pays(g: Graph, from: number, to: number): boolean {
  const spends = new Set<number>();
  for (const r of g.bitcoin.outEdges(from)) spends.add(txOf(g, r));
  for (const r of g.bitcoin.inEdges(to)) if (spends.has(txOf(g, r))) return true;
  return false;
}

/** The thief and a few more sources (addresses the chain pays often, so their taint meets the loot). */
function sourcesOf(g: Graph, summary: BitcoinSummary, seed: number): string[] {
  const picks = [summary.heist.thief];
  for (let k = 1; k <= 3; k++) picks.push(g.addressOf((seed * 7919 * k) % g.dict.count));
  return picks;
}

describe('taint routes on generated Bitcoin chains', () => {
  it('no address is its own payer, and every payer kept is a real payment into it', () => {
    for (const { seed, summary, graph: g } of chains) {
      const taint = new UtxoTaint(sourcesOf(g, summary, seed), 6);
      taint.advance(g);
      const l = taint.ledgers[0]!;
      let checked = 0;
      for (let s = 0; s < l.n; s++) {
        if (!(l.received[s]! > 0) || taint.seed[l.addr[s]!] === 1) continue;
        const me = l.addr[s]!;
        assert.ok(l.first[s]! >= 0 && l.parent[s]! >= 0, `seed ${seed}: ${g.addressOf(me)} has a payer`);
        for (const p of [l.parent[s]!, l.parent2[s]!, l.parent3[s]!, l.first[s]!]) {
          if (p < 0) continue;
          assert.notEqual(p, me, `seed ${seed}: ${g.addressOf(me)} pays itself`);
          assert.ok(pays(g, p, me), `seed ${seed}: ${g.addressOf(p)} → ${g.addressOf(me)} is no payment`);
          checked++;
        }
      }
      assert.ok(checked > 1000, `seed ${seed}: ${checked} payers checked`);
    }
  });

  it('every top path of every tainted address starts at a flagged source, each step a payment', () => {
    for (const { seed, summary, graph: g } of chains) {
      const sources = sourcesOf(g, summary, seed);
      const flagged = new Set(sources);
      const taint = new UtxoTaint(sources, 6);
      taint.advance(g);
      const l = taint.ledgers[0]!;
      const provider = taintExposure({ graph: () => g, taint, sourceLabels: new Map() });
      let reached = 0;
      let routes = 0;
      for (let s = 0; s < l.n; s++) {
        const id = l.addr[s]!;
        if (!(l.received[s]! > 0) || taint.seed[id] === 1) continue;
        reached++;
        const address = g.addressOf(id);
        const reason = provider.exposureOf(address)[0] as IndirectReason;
        assert.equal(reason.kind, 'indirect');
        assert.ok(reason.paths.length > 0);
        for (const { path } of reason.paths) {
          assert.ok(flagged.has(path[0]!), `seed ${seed}: ${address}'s route starts at ${path[0]}`);
          assert.equal(path.at(-1), address);
          assert.equal(
            new Set(path).size,
            path.length,
            `seed ${seed}: ${address}'s route repeats an address`,
          );
          for (let k = 1; k < path.length; k++)
            assert.ok(
              pays(g, g.addressId(path[k - 1]!), g.addressId(path[k]!)),
              `seed ${seed}: ${path[k - 1]} → ${path[k]} is no payment`,
            );
          routes++;
        }
      }
      assert.ok(reached > 1000 && routes >= reached, `seed ${seed}: ${reached} reached, ${routes} routes`);
    }
  });

  it("an alert's source (from its payer) is where the screen's route through that payer starts", () => {
    for (const { seed, summary, graph: g } of chains) {
      const sources = sourcesOf(g, summary, seed);
      const flagged = new Set(sources);
      const taint = new UtxoTaint(sources, 6);
      // every address watched: each output that carries taint is an arrival
      taint.watchAddresses(
        g,
        Array.from({ length: g.dict.count }, (_, id) => g.addressOf(id)),
      );
      const arrivals: { to: number; from: number }[] = [];
      taint.advance(g, (_row, to, _asset, _x, from) => arrivals.push({ to, from }));
      assert.ok(arrivals.length > 1000, `seed ${seed}: ${arrivals.length} arrivals`);
      let fromOthers = 0;
      for (const { to, from } of arrivals) {
        // the payer named is another input address, unless the payee alone gave taint (change)
        if (from !== to) fromOthers++;
        const source = sourceOf(taint, 0, from);
        assert.ok(source >= 0 && flagged.has(g.addressOf(source)), `seed ${seed}: arrival from ${from}`);
        assert.equal(g.addressOf(source), pathTo(g, taint, 0, from)[0]);
      }
      assert.ok(fromOthers > arrivals.length / 2, `seed ${seed}: ${fromOthers} of ${arrivals.length}`);
    }
  });
});
