import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rankOrder } from './rank.ts';

test('rankOrder gives the order of sorting by value descending, then by address', () => {
  const entry = fc.record({
    value: fc.constantFrom(0, 1, 2.5, 1e18, 3e21),
    name: fc.string({ unit: fc.constantFrom('0', '7', 'a', 'f'), maxLength: 3 }),
  });
  fc.assert(
    fc.property(fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 60 }), (entries) => {
      const value = Float64Array.from(entries.map((e) => e.value));
      const names = entries.map((e) => e.name);
      const expected = entries
        .map((_, i) => i)
        .sort((x, y) => value[y]! - value[x]! || (names[x]! < names[y]! ? -1 : 1));
      assert.deepEqual([...rankOrder(value, names)], expected);
    }),
  );
});

test('rankOrder keeps listing order among equal values at one address (several assets)', () => {
  assert.deepEqual([...rankOrder(Float64Array.from([5, 7, 5, 5]), ['b', 'a', 'a', 'b'])], [1, 2, 0, 3]);
});
