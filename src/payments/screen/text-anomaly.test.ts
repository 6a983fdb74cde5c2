import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from './config.ts';
import { mayHoldWord, NearMissFinder } from './text-anomaly.ts';

test('where mayHoldWord says no the search finds no near miss, and find answers as the search does', () => {
  const config = defaultConfig();
  const minLength = config.rules.textAnomaly.minLength;
  const finder = new NearMissFinder(config.dictionary, minLength);
  const words = config.dictionary.slice(0, 20);
  const piece = fc.oneof(
    fc.constantFrom(' ', '-', '/', '1', '9', 'é', 'ß', 'ﬁ', 'INV', 'FANDATION', 'bank', 'FOUNDATIONS'),
    fc.constantFrom(...words),
    fc.string({ maxLength: 4 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
      const text = parts.join('');
      const uncached = finder.search(text);
      if (!mayHoldWord(text, minLength)) assert.equal(uncached, undefined, text);
      assert.deepEqual(finder.find(text), uncached);
    }),
    { numRuns: 3000 },
  );
  assert.equal(mayHoldWord('INV 85265677', minLength), false);
  assert.equal(mayHoldWord('SHALIKA FANDATION', minLength), true);
});
