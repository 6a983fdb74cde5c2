import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type BridgeEvent, matchBridge } from './bridges.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { traceRequest } from './trace-request.ts';
import type { Model, TraceLabel } from './types.ts';

const dir = tempDir('bulwark-through-prop-');
after(dir.remove);
let n = 0;

const people = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
// few denominations, so withdrawals meet deposits of their amount
const denomination = fc.constantFrom(10, 10, 10, 20);

/** Deposits into the mixer x (from people or the clean faucet m), withdrawals to people, payments among them. */
const history = fc.array(
  fc.oneof(
    fc.record({ from: fc.constantFrom('a', 'a', 'b', 'c', 'm'), to: fc.constant('x'), value: denomination }),
    fc.record({ from: fc.constant('x'), to: people, value: denomination }),
    fc.record({ from: people, to: people, value: fc.constantFrom(5, 10, 35) }),
  ),
  { minLength: 1, maxLength: 30 },
);

const MIXER: TraceLabel = { category: 'mixer', name: 'Mix' };
const seen = (address: string) => (address === addr('x') ? [MIXER] : []);

describe('through mixers, over random histories', () => {
  it('only adds reach, accounts for what went into the mixer once, and marks every link', () => {
    let linked = 0;
    fc.assert(
      fc.property(
        history,
        fc.constantFrom<Model>('poison', 'haircut', 'fifo'),
        fc.integer({ min: 12, max: 3600 }),
        (picks, model, window) => {
          const steps: Move[][] = [[{ from: 'v', to: 'a', value: 100n }]];
          for (const p of picks) if (p.from !== p.to) steps.push([{ ...p, value: BigInt(p.value) }]);
          const g = buildGraph(`${dir.path}/${n++}`, steps);
          try {
            const req = { seeds: [addr('a')], model, hops: 8, mixerWindow: window };
            const on = traceRequest(g, req, seen);
            const off = traceRequest(g, { ...req, throughMixers: false }, seen);
            assert.deepEqual(off.links, []);
            // links only add taint beyond the mixer: whatever the stopped trace reached, this reaches
            const reached = new Set(on.addresses.map((a) => `${a.address} ${a.asset}`));
            for (const a of off.addresses) assert.ok(reached.has(`${a.address} ${a.asset}`), a.address);
            const rows = new Map(on.transfers.map((t) => [t.row, t]));
            let carried = 0;
            for (const l of on.links) {
              assert.ok(l.confidence > 0 && l.confidence <= 1, String(l.confidence));
              assert.ok(Number(l.carried) <= Number(l.withdrawal.value));
              assert.ok(l.deposits.length > 0 && l.deposits.length <= l.candidates);
              for (const d of l.deposits) assert.ok(d.time <= l.withdrawal.time && d.row < l.withdrawal.row);
              assert.equal(rows.get(l.withdrawal.row)?.link?.kind, 'mixer');
              carried += Number(l.carried);
            }
            const mix = on.summary.find((d) => d.category === 'mixer');
            if (on.links.length === 0) return;
            linked++;
            // what went in = what stayed + what left, and no more can leave than went in
            assert.ok(mix !== undefined);
            assert.equal(Number(mix.value) + Number(mix.passedOn), Number(mix.received));
            assert.equal(Number(mix.passedOn), Math.min(carried, Number(mix.received)));
            assert.ok(
              carried <= Number(mix.received) + on.links.length,
              'no more leaves than went in (floors aside)',
            );
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 80 },
    );
    // about one history in four crosses the mixer: the properties above were not vacuous
    assert.ok(linked > 0);
  });
});

describe('bridge matching', () => {
  const event = fc.record({
    side: fc.constantFrom('ethereum:ETH', 'ethereum:0xt', 'bitcoin:BTC'),
    time: fc.integer({ min: 0, max: 1000 }),
    value: fc.constantFrom(1, 0.999, 0.995, 0.98, 2),
  });

  it('shares each deposit over its candidates, on another side, after it, within window and fee', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 6 }),
        fc.array(event, { maxLength: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(0, 0.01, 0.05),
        (ds, rs, window, fee) => {
          const deposits: BridgeEvent[] = ds.map((d, i) => ({
            ...d,
            ref: `d${i}`,
            taint: d.value * 1e8,
            amount: d.value * 1e8,
          }));
          const releases: BridgeEvent[] = rs.map((r, i) => ({
            ...r,
            ref: `r${i}`,
            taint: 0,
            amount: r.value * 1e6,
          }));
          const links = matchBridge(deposits, releases, window, fee);
          for (const d of deposits) {
            const mine = links.filter((l) => l.deposit === d);
            if (mine.length === 0) continue;
            const total = mine.reduce((s, l) => s + l.confidence, 0);
            assert.ok(Math.abs(total - 1) < 1e-9, 'the confidences of one deposit add up to 1');
            for (const l of mine) {
              const r = l.release;
              assert.notEqual(r.side, d.side);
              assert.ok(r.time >= d.time && r.time - d.time <= window);
              assert.ok(r.value <= d.value * (1 + 1e-9) && r.value >= d.value * (1 - fee) - 1e-12);
              // wholly tainted deposits: the release carries its own amount × the confidence
              assert.equal(l.taint, Math.floor(r.amount! * l.confidence));
              assert.equal(l.candidates, mine.length);
            }
          }
          // a release that fits a deposit is never left out
          for (const d of deposits)
            for (const r of releases)
              if (r.side !== d.side && r.time >= d.time && r.time - d.time <= window && r.value === d.value)
                assert.ok(links.some((l) => l.deposit === d && l.release === r));
        },
      ),
    );
  });
});
