import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPattern, isValidPattern, parsePattern } from './index.ts';
import { SPEC_EXAMPLES, withoutSpans } from './test-support.ts';

test('every spec example parses and is valid', () => {
  assert.ok(SPEC_EXAMPLES.length >= 40);
  for (const example of SPEC_EXAMPLES) {
    assert.doesNotThrow(() => parsePattern(example), example);
    assert.equal(isValidPattern(example), true, example);
  }
});

test('formatting a spec example and parsing it again gives the same tree', () => {
  for (const example of SPEC_EXAMPLES) {
    const first = parsePattern(example);
    const text = formatPattern(first);
    assert.deepEqual(withoutSpans(parsePattern(text)), withoutSpans(first), text);
    assert.equal(formatPattern(parsePattern(text)), text);
  }
});
