/**
 * Arrivals on a UTXO chain (what Bitcoin freeze alerts read): whatever the split of the chain into
 * increments, the taint reported arriving at the watched addresses, summed, is exactly what the
 * ledger says each received tainted — each report an output row paying that address, each row once
 * (a source's receipts are not arrivals, as on account chains).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type BitcoinSummary, type Graph, generateBitcoinLike, openGraph } from '../../chain/index.ts';
import { SEED } from './ledger.ts';
import { UtxoTaint } from './utxo-taint.ts';

const chains: { summary: BitcoinSummary; graph: Graph }[] = [];

before(() => {
  for (const seed of [17, 41]) {
    const summary = generateBitcoinLike({ transactions: 12_000, seed, startTime: 1_600_000_000 });
    chains.push({ summary, graph: openGraph(summary.dir, { readonly: true }) });
  }
});
after(() => {
  for (const c of chains) {
    c.graph.close();
    rmSync(c.summary.dir, { recursive: true, force: true });
  }
});

const cases = fc.record({
  chain: fc.integer({ min: 0, max: 1 }),
  picks: fc.array(fc.nat(), { maxLength: 3 }),
  hops: fc.integer({ min: 1, max: 8 }),
  /** Watched: some of the addresses the taint reaches, and some drawn from the whole dictionary. */
  reached: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
  any: fc.array(fc.nat(), { maxLength: 12 }),
  cuts: fc.array(fc.nat(), { maxLength: 8 }),
});

describe('Bitcoin taint arrivals', () => {
  it('summed over any split into blocks, equal the tainted value the ledger says each watched address received', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(cases, ({ chain, picks, hops, reached, any, cuts }) => {
        const { graph: g, summary } = chains[chain]!;
        const c = g.bitcoin.c;
        const sources = [summary.heist.thief, ...picks.map((p) => g.addressOf(p % g.dict.count))];
        const once = new UtxoTaint(sources, hops);
        once.advance(g);
        const l = once.ledgers[0]!;
        const hit: number[] = [];
        for (let s = 0; s < l.n; s++)
          if (l.received[s]! > 0 && (l.flag[s]! & SEED) === 0) hit.push(l.addr[s]!);
        const watched = new Set([
          ...reached.map((r) => hit[r % hit.length]!).filter((id) => id !== undefined),
          // sources too: a source's receipts are never arrivals
          ...any.map((a) => a % g.dict.count),
          ...picks.slice(0, 1).map((p) => p % g.dict.count),
        ]);

        const sourceIds = new Set(sources.map((a) => g.addressId(a)));
        const steps = new UtxoTaint(sources, hops);
        steps.watchAddresses(
          g,
          [...watched].map((id) => g.addressOf(id)),
        );
        const arrived = new Map<number, number>();
        let last = -1;
        const bounds = [...cuts.map((x) => x % (c.blocks + 1)), c.blocks].sort((a, b) => a - b);
        for (const cut of bounds) {
          assert.ok(
            steps.advance(
              g,
              (row, to, asset, x, from) => {
                assert.ok(row > last, 'each output row reported once, in order');
                last = row;
                assert.ok(!g.bitcoin.isInputRow(row), 'an output row');
                assert.equal(c.rowAddr.data[row], to, 'paying the address reported');
                assert.ok(watched.has(to), 'a watched address');
                assert.ok(!sourceIds.has(to), 'not a source');
                assert.equal(asset, 0);
                assert.ok(x > 0 && x <= c.rowValue.data[row]!, 'some of the output, no more');
                assert.ok(from >= 0 && from < g.dict.count, 'from an address');
                arrived.set(to, (arrived.get(to) ?? 0) + x);
              },
              cut,
            ),
          );
        }
        const ledger = steps.ledgers[0]!;
        for (const id of watched) {
          const s = ledger.slotOf[id]!;
          const received = s >= 0 && (ledger.flag[s]! & SEED) === 0 ? ledger.received[s]! : 0;
          assert.equal(arrived.get(id) ?? 0, received, g.addressOf(id));
          // and the same as one scan of the whole chain
          const o = l.slotOf[id]!;
          assert.equal(received, o >= 0 && (l.flag[o]! & SEED) === 0 ? l.received[o]! : 0);
        }
        if (arrived.size > 0) nonEmpty++;
      }),
      { numRuns: 40 },
    );
    assert.ok(nonEmpty > 20, `arrivals were reported in ${nonEmpty} of 40 runs`);
  });
});
