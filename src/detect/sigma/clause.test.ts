import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileRules } from './engine.ts';
import { naiveGlob, ruleWith } from './test-helpers.ts';
import { lowerTokens, parseSigmaString, wrapStars } from './wildcard.ts';

const chars = fc.constantFrom('a', 'B', 'b', 'A', '*', '?', '\\', '.', 'é', 'É');
const text = fc.array(chars, { maxLength: 7 }).map((c) => c.join(''));
const position = fc.constantFrom('', 'contains', 'startswith', 'endswith');

/** Reference semantics straight from the specification, one value at a time. */
function reference(pos: string, all: boolean, values: readonly string[], s: string): boolean {
  const one = (v: string): boolean => {
    const tokens = wrapStars(
      parseSigmaString(v),
      pos === 'contains' || pos === 'endswith',
      pos === 'contains' || pos === 'startswith',
    );
    return naiveGlob(lowerTokens(tokens), s.toLowerCase());
  };
  return all ? values.every(one) : values.some(one);
}

test('contains / startswith / endswith / all with wildcards agree with the reference, case-insensitively', () => {
  fc.assert(
    fc.property(
      position,
      fc.boolean(),
      fc.array(text, { minLength: 1, maxLength: 3 }),
      fc.array(text, { maxLength: 4 }),
      (pos, all, values, subjects) => {
        const mods = [pos, all ? 'all' : '']
          .filter((m) => m !== '')
          .map((m) => `|${m}`)
          .join('');
        const list = values.map((v) => JSON.stringify(v)).join(', ');
        const engine = compileRules([
          ruleWith(`    selection:\n        Field${mods}: [${list}]\n    condition: selection`),
        ]);
        const events = subjects.map((s) => ({ Field: s }));
        const got = engine.matchBatch(events, {}).map((m) => m.eventIndex);
        const want = subjects.flatMap((s, i) => (reference(pos, all, values, s) ? [i] : []));
        assert.deepEqual(got, want, `Field${mods}: [${list}] on ${JSON.stringify(subjects)}`);
      },
    ),
    { numRuns: 400 },
  );
});
