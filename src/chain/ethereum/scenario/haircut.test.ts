import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Flow, haircut } from './haircut.ts';

const addr = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;

describe('haircut ground truth', () => {
  it('splits taint in proportion to the sender’s mix', () => {
    const flows: Flow[] = [
      { txHash: 't0', from: addr(9), to: addr(1), value: 30n, asset: 'ETH' }, // clean funding
      { txHash: 'theft', from: addr(0), to: addr(1), value: 10n, asset: 'ETH' },
      { txHash: 't2', from: addr(1), to: addr(2), value: 20n, asset: 'ETH' },
    ];
    const truth = haircut({ flows, seedTxs: new Set(['theft']), swaps: new Set() });
    assert.deepEqual(truth, [
      { address: addr(1), asset: 'ETH', received: 10n, holding: 5n },
      { address: addr(2), asset: 'ETH', received: 5n, holding: 5n },
    ]);
  });

  it('carries taint across a swap to the asset paid back, leaving the pool clean', () => {
    const flows: Flow[] = [
      { txHash: 'theft', from: addr(0), to: addr(1), value: 100n, asset: 'ETH' },
      { txHash: 's', from: addr(5), to: addr(1), value: 400n, asset: 'TOK' },
      { txHash: 's', from: addr(1), to: addr(5), value: 50n, asset: 'ETH' },
    ];
    const truth = haircut({ flows, seedTxs: new Set(['theft']), swaps: new Set([addr(5)]) });
    assert.deepEqual(truth, [
      { address: addr(1), asset: 'ETH', received: 100n, holding: 50n },
      { address: addr(1), asset: 'TOK', received: 400n, holding: 400n },
    ]);
  });

  it('never creates taint, and loses at most one base unit per transfer to rounding (no swaps)', () => {
    const flow = fc.record({
      from: fc.integer({ min: 1, max: 6 }),
      to: fc.integer({ min: 1, max: 6 }),
      share: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.array(flow, { maxLength: 60 }),
        (stolen, clean, steps) => {
          const balance = new Map<number, bigint>([
            [1, stolen],
            [2, clean],
          ]);
          const flows: Flow[] = [
            { txHash: 'clean', from: addr(9), to: addr(2), value: clean, asset: 'ETH' },
            { txHash: 'theft', from: addr(0), to: addr(1), value: stolen, asset: 'ETH' },
          ];
          steps.forEach((s, i) => {
            const have = balance.get(s.from) ?? 0n;
            const value = (have * BigInt(s.share)) / 100n;
            if (value === 0n || s.from === s.to) return;
            balance.set(s.from, have - value);
            balance.set(s.to, (balance.get(s.to) ?? 0n) + value);
            flows.push({ txHash: `t${i}`, from: addr(s.from), to: addr(s.to), value, asset: 'ETH' });
          });
          const held = haircut({ flows, seedTxs: new Set(['theft']), swaps: new Set() }).reduce(
            (n, e) => n + e.holding,
            0n,
          );
          assert.ok(held <= stolen && held >= stolen - BigInt(flows.length), `${held} of ${stolen}`);
        },
      ),
    );
  });
});
