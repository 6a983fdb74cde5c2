import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { nameTokens } from './normalise-name.ts';
import { jaroWinkler, osaDistance } from './string-metrics.ts';
import { tokenSetSimilarity } from './token-similarity.ts';

test('Jaro-Winkler gives the published reference values', () => {
  assert.equal(jaroWinkler('MARTHA', 'MARHTA').toFixed(3), '0.961');
  assert.equal(jaroWinkler('DWAYNE', 'DUANE').toFixed(3), '0.840');
  assert.equal(jaroWinkler('DIXON', 'DICKSONX').toFixed(3), '0.813');
  assert.equal(jaroWinkler('ABC', 'XYZ'), 0);
});

test('OSA distance counts an adjacent transposition as one edit', () => {
  assert.equal(osaDistance('CA', 'AC'), 1);
  assert.equal(osaDistance('FANDATION', 'FOUNDATION'), 2);
  assert.equal(osaDistance('KITTEN', 'SITTING'), 3);
  assert.equal(osaDistance('', 'ABC'), 3);
});

test('the metrics are symmetric, bounded, and exact on equal strings', () => {
  const word = fc.string({ unit: fc.constantFrom(...'ABCDEFG'.split('')), maxLength: 20 });
  fc.assert(
    fc.property(word, word, (a, b) => {
      assert.equal(osaDistance(a, b), osaDistance(b, a));
      assert.ok(osaDistance(a, b) <= Math.max(a.length, b.length));
      assert.equal(osaDistance(a, a), 0);
      const s = jaroWinkler(a, b);
      assert.ok(s >= 0 && s <= 1 + 1e-12);
      assert.equal(jaroWinkler(a, a), 1);
    }),
  );
});

test('names are folded: accents, case, punctuation, transliterated letters and legal forms', () => {
  assert.deepEqual(nameTokens('Société Générale, S.A.'), ['SOCIETE', 'GENERALE']);
  assert.deepEqual(nameTokens('Straße & Søn GmbH'), ['STRASSE', 'SON']);
  assert.deepEqual(nameTokens('The Korea Kwangson Banking Corp.'), ['KOREA', 'KWANGSON', 'BANKING']);
});

test('token-set similarity ignores word order and scores transliteration variants high', () => {
  const a = nameTokens('PARK JIN HYOK');
  assert.equal(tokenSetSimilarity(a, nameTokens('Hyok, Park Jin')), 1);
  assert.ok(tokenSetSimilarity(nameTokens('PAK JIN HYOK'), a) > 0.92);
  assert.ok(tokenSetSimilarity(nameTokens('GLOBAL TRADING PTE LTD'), a) < 0.6);
});

test('OSA distance with a limit is exact up to the limit and above it beyond', () => {
  const word = fc.string({ unit: fc.constantFrom(...'ABCDE'.split('')), maxLength: 14 });
  fc.assert(
    fc.property(word, word, fc.nat({ max: 4 }), (a, b, limit) => {
      const full = osaDistance(a, b);
      const limited = osaDistance(a, b, limit);
      if (full <= limit) assert.equal(limited, full, `${a} ${b} ${limit}`);
      else assert.ok(limited > limit, `${a} ${b} ${limit}: ${limited}`);
    }),
    { numRuns: 10000 },
  );
});
