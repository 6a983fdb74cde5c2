import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { likeToRegExp } from './like.ts';

/** SQL LIKE by its definition: % takes any run, _ one character, anything else itself. */
function naiveLike(pattern: string, value: string): boolean {
  if (pattern === '') return value === '';
  const [head, rest] = [pattern[0], pattern.slice(1)];
  if (head === '%') {
    for (let i = 0; i <= value.length; i++) if (naiveLike(rest, value.slice(i))) return true;
    return false;
  }
  if (value === '') return false;
  return (head === '_' || head === value[0]) && naiveLike(rest, value.slice(1));
}

test('LIKE agrees with its definition, regular-expression characters included', () => {
  const pattern = fc.string({
    unit: fc.constantFrom('a', 'b', '%', '_', '.', '*', '\\', '(', '$', '\n'),
    maxLength: 8,
  });
  const value = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', '\\', '(', '$', '\n'), maxLength: 8 });
  fc.assert(
    fc.property(pattern, value, (p, v) => {
      assert.equal(likeToRegExp(p).test(v), naiveLike(p, v));
    }),
    { numRuns: 3000 },
  );
});
