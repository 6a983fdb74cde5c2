import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileGlob } from './glob-matcher.ts';
import { naiveGlob } from './test-helpers.ts';
import { formatSigmaString, type GlobToken, normalise, ONE, parseSigmaString, STAR } from './wildcard.ts';

const alphabet = fc.constantFrom('a', 'b', 'A', '\\', '*', '?', '.', 'x');
const sigmaText = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
const tokenArb: fc.Arbitrary<GlobToken> = fc.oneof(
  fc.constant(STAR as GlobToken),
  fc.constant(ONE as GlobToken),
  fc
    .array(fc.constantFrom('a', 'b', '*', '?', '\\', 'x'), { minLength: 1, maxLength: 3 })
    .map((c) => c.join('')),
);

test('escapes follow the specification: \\* and \\? are literal, \\\\ is one backslash, a lone \\ stays', () => {
  assert.deepEqual(parseSigmaString('a\\*b'), ['a*b']);
  assert.deepEqual(parseSigmaString('a\\?b'), ['a?b']);
  assert.deepEqual(parseSigmaString('C:\\Windows'), ['C:\\Windows']);
  assert.deepEqual(parseSigmaString('C:\\\\Windows'), ['C:\\Windows']);
  assert.deepEqual(parseSigmaString('\\\\*'), ['\\', STAR]);
  assert.deepEqual(parseSigmaString('\\\\\\*'), ['\\*']);
  assert.deepEqual(parseSigmaString('\\\\\\\\'), ['\\\\']);
  assert.deepEqual(parseSigmaString('a**b?'), ['a', STAR, 'b', ONE]);
  assert.deepEqual(parseSigmaString('trailing\\'), ['trailing\\']);
});

test('formatting tokens and parsing them back gives the same tokens', () => {
  fc.assert(
    fc.property(fc.array(tokenArb, { maxLength: 6 }), (raw) => {
      const tokens = normalise(raw);
      assert.deepEqual(parseSigmaString(formatSigmaString(tokens)), tokens);
    }),
  );
});

test('the compiled glob agrees with the backtracking reference on random patterns and strings', () => {
  fc.assert(
    fc.property(
      sigmaText,
      fc.array(fc.constantFrom('a', 'b', 'x', '*', '?', '\\', '.'), { maxLength: 10 }),
      (p, cs) => {
        const tokens = parseSigmaString(p);
        const s = cs.join('');
        assert.equal(
          compileGlob(tokens)(s),
          naiveGlob(tokens, s),
          `pattern ${JSON.stringify(p)} on ${JSON.stringify(s)}`,
        );
      },
    ),
    { numRuns: 3000 },
  );
});
