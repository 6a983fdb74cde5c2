import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { amount } from './result.ts';

test('amount prints the rounded double exactly, below and above 2^53', () => {
  const exact = (x: number) => (x > 0 ? BigInt(Math.round(x)).toString() : '0');
  fc.assert(
    fc.property(fc.oneof(fc.double({ min: 0, max: 2 ** 60, noNaN: true }), fc.integer({ min: 0 })), (x) => {
      assert.equal(amount(x), exact(x));
    }),
    { numRuns: 2000 },
  );
  for (const x of [2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1.5e18, 2.5e22, 0.4, 0.5, 0, -0])
    assert.equal(amount(x), exact(x));
});
