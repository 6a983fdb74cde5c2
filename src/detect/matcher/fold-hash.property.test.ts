import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FoldSet } from './fold-hash.ts';

// Never 0 (the empty slot), as finishFold guarantees for the hashes a set is given.
const hash = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((h) => h !== 0);

function batched(set: FoldSet, probes: readonly number[]): boolean[] {
  const hashes = Int32Array.from(probes);
  const found = new Uint8Array(probes.length);
  set.markMembers(hashes, probes.length, found, new Int32Array(probes.length));
  return Array.from(found, (f) => f === 1);
}

test('markMembers answers as has does, for a set with a summary and one without', () => {
  // 40,000 values: 131,072 slots, above the size that keeps a summary; 500: below it
  for (const size of [40_000, 500]) {
    const members = fc.sample(hash, { numRuns: size, seed: size });
    const set = new FoldSet(size);
    for (const h of members) set.add(h);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...members), hash), { maxLength: 300 }), (probes) => {
        assert.deepEqual(
          batched(set, probes),
          probes.map((h) => set.has(h)),
        );
      }),
      { numRuns: 200 },
    );
    // every member is found, whatever else is asked with it
    assert.ok(batched(set, members).every((f) => f));
  }
});
