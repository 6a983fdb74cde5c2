import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LINE_MISS, LINE_SLOW } from './json-line-filter.ts';
import { loadMapping } from './mapping.ts';
import { BatchScanner } from './scan-batch.ts';

const filter = new BatchScanner(
  [{ id: 'indicator--0', pattern: "[domain-name:value = 'evil.example']" }],
  loadMapping(),
).lineFilter!;

function classify(text: string): { verdict: number; end: number } {
  const bytes = Buffer.from(text);
  filter.dropDeferred(0);
  const verdict = filter.classify(bytes, 0, bytes.length);
  filter.dropDeferred(0);
  return { verdict, end: filter.lineEnd };
}

// Bytes the grammar turns on, so random text is often nearly JSON: quotes, escapes, structure, digits.
const jsonish = fc
  .array(
    fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      ':',
      ',',
      '\\',
      '\\"',
      '\\u00e9',
      '\\u12',
      'u',
      '0',
      '1',
      '-',
      '.',
      'e',
      'true',
      'nul',
      ' ',
      '\t',
      '\r',
      '\u0001',
      'é',
      'ab',
      '"k":',
      '"v"',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('a line the filter clears is one JSON.parse reads as an object, whatever the bytes', () => {
  let cleared = 0;
  fc.assert(
    fc.property(
      fc.oneof(
        jsonish,
        jsonish.map((s) => `{${s}`),
        jsonish.map((s) => `{"a":"${s}"}`),
      ),
      (text) => {
        const { verdict, end } = classify(text);
        if (verdict !== LINE_MISS) return;
        cleared++;
        const value: unknown = JSON.parse(text);
        assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), text);
        assert.equal(end, text.length === 0 ? 0 : Buffer.byteLength(text));
      },
    ),
    { numRuns: 5000 },
  );
  // the property says nothing unless some random lines are cleared
  assert.ok(cleared > 100, `${cleared} of 5000 cleared`);
});

test('every JSON object is cleared or kept, never refused, and its line ends at its newline', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.string(), (object, next) => {
      const line = JSON.stringify(object);
      const { verdict, end } = classify(`${line}\n${next}`);
      assert.notEqual(verdict, LINE_SLOW, line);
      if (verdict === LINE_MISS) assert.equal(end, Buffer.byteLength(line));
    }),
    { numRuns: 2000 },
  );
});
