import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ledger } from './ledger.ts';

describe('ledger: the top three payers of a slot', () => {
  it('are the three distinct payers with the largest single tainted payments, largest first', () => {
    fc.assert(
      fc.property(
        // payer 7 is the slot's own address: paying itself, it is no payer
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 12 })), {
          maxLength: 40,
        }),
        (credits) => {
          const l = new Ledger(16, 6);
          const s = l.open(7, 0, 0, 1, 0);
          // the model: each payer's largest payment, ties going to whoever reached it first
          const max = new Map<number, { t: number; at: number }>();
          let first: [number, number, number] = [-1, 0, 0];
          credits.forEach(([from, t], at) => {
            l.credit(s, t + 1, t, from, 1, from / 10);
            if (from === 7 || t === 0) return;
            if (first[0] < 0) first = [from, t, from / 10];
            const m = max.get(from);
            if (!m || t > m.t) max.set(from, { t, at });
          });
          assert.deepEqual([l.first[s], l.bestFirst[s], l.viaFirst[s]], first, 'the first payer');
          const want = [...max]
            .sort((a, b) => b[1].t - a[1].t || a[1].at - b[1].at)
            .slice(0, 3)
            .map(([from, m]) => [from, m.t, from / 10]);
          const got = [
            [l.parent[s]!, l.best[s]!, l.via[s]!],
            [l.parent2[s]!, l.best2[s]!, l.via2[s]!],
            [l.parent3[s]!, l.best3[s]!, l.via3[s]!],
          ].filter(([, t]) => t! > 0);
          assert.deepEqual(got, want);
        },
      ),
      { numRuns: 500 },
    );
  });
});
