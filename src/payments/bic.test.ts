import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBic } from './bic.ts';

test('isBic accepts exactly the 8- and 11-character codes of the ISO 9362 regex', () => {
  const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
  const text = fc
    .array(fc.constantFrom('A', 'Z', '0', '9', 'a', '-', ' ', '@', '[', '/', 'É'), { maxLength: 13 })
    .map((c) => c.join(''));
  fc.assert(
    fc.property(text, (t) => assert.equal(isBic(t), BIC.test(t), t)),
    { numRuns: 10000 },
  );
  assert.ok(isBic('BBHOBDDH') && isBic('BBHOBDDHXXX') && !isBic('BBHO1DDH') && !isBic('BBHOBDDHXX'));
});
