import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../../errors/index.ts';
import { type Condition, formatCondition, parseCondition } from './condition.ts';
import { firesOn } from './test-helpers.ts';

const id = (name: string): Condition => ({ t: 'id', name });

test('not binds tighter than and, and tighter than or', () => {
  assert.deepEqual(parseCondition('a or b and not c'), {
    t: 'or',
    l: id('a'),
    r: { t: 'and', l: id('b'), r: { t: 'not', e: id('c') } },
  });
  assert.deepEqual(parseCondition('not a and b'), { t: 'and', l: { t: 'not', e: id('a') }, r: id('b') });
  assert.deepEqual(parseCondition('(a or b) and c'), {
    t: 'and',
    l: { t: 'or', l: id('a'), r: id('b') },
    r: id('c'),
  });
});

test('quantifiers: 1 of, all of, N of, with patterns and them; keywords in any case', () => {
  assert.deepEqual(parseCondition('1 of selection_*'), { t: 'of', quantity: 1, pattern: 'selection_*' });
  assert.deepEqual(parseCondition('ALL OF them'), { t: 'of', quantity: 'all', pattern: undefined });
  assert.deepEqual(parseCondition('not 2 of filter*'), {
    t: 'not',
    e: { t: 'of', quantity: 2, pattern: 'filter*' },
  });
});

test('errors are BulwarkErrors that point at the offending position', () => {
  const cases: [string, number][] = [
    ['selection and', 13],
    ['selection or (a', 15],
    ['a b', 2],
    ['1 selection', 2],
    ['all of and', 7],
    ['selection | count() > 5', 10],
    ['sel*', 0],
  ];
  for (const [text, at] of cases) {
    assert.throws(
      () => parseCondition(text),
      (e: unknown) =>
        e instanceof BulwarkError && e.code === 'BULWARK_E_SIGMA_INVALID' && e.place.offset === at,
      text,
    );
  }
});

test('the condition decides which selections fire, with 1 of / all of / them', () => {
  const detection = (condition: string): string =>
    `    sel_a:\n        A: 'x'\n    sel_b:\n        B: 'y'\n    _helper:\n        C: 'z'\n    condition: ${condition}`;
  const events = [{ A: 'x' }, { B: 'y' }, { A: 'x', B: 'y' }, { C: 'z' }, {}];
  assert.deepEqual(firesOn(detection('1 of sel_*'), events), [0, 1, 2]);
  assert.deepEqual(firesOn(detection('all of sel_*'), events), [2]);
  assert.deepEqual(firesOn(detection('1 of them'), events), [0, 1, 2]);
  assert.deepEqual(firesOn(detection('all of them'), events), [2]);
  assert.deepEqual(firesOn(detection('sel_a and not sel_b'), events), [0]);
  assert.deepEqual(firesOn(detection('not (sel_a or sel_b) and not _helper'), events), [4]);
  assert.deepEqual(firesOn(detection('2 of sel_* or _helper'), events), [2, 3]);
});

test('the parser throws nothing but BulwarkError on arbitrary text', () => {
  const words = fc.constantFrom(
    'and',
    'or',
    'not',
    '(',
    ')',
    '1',
    'all',
    'of',
    'them',
    'sel*',
    'x',
    '|',
    ' ',
    '0',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(words, { maxLength: 20 }).map((w) => w.join(' ')),
  );
  fc.assert(
    fc.property(text, (s) => {
      try {
        parseCondition(s);
      } catch (e) {
        assert.ok(e instanceof BulwarkError, `threw ${String(e)} on ${JSON.stringify(s)}`);
      }
    }),
    { numRuns: 3000 },
  );
  assert.throws(() => parseCondition(`${'('.repeat(5000)}a${')'.repeat(5000)}`), BulwarkError);
  assert.throws(() => parseCondition(`${'not '.repeat(5000)}a`), BulwarkError);
});

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('sel', 'filter_a', 'x1', 'Keywords').map(id),
    fc.record({
      t: fc.constant('of' as const),
      quantity: fc.oneof(fc.constant('all' as const), fc.integer({ min: 1, max: 3 })),
      pattern: fc.constantFrom(undefined, 'sel*', 'filter_*', '*'),
    }),
    fc.record({ t: fc.constant('not' as const), e: tie('c') }),
    fc.record({ t: fc.constantFrom('and' as const, 'or' as const), l: tie('c'), r: tie('c') }),
  ),
})).c;

test('random condition trees survive format then parse unchanged', () => {
  fc.assert(
    fc.property(conditionArb, (c) => {
      // fast-check builds records without a prototype; compare plain copies
      assert.deepEqual(parseCondition(formatCondition(c)), structuredClone(c));
    }),
    { numRuns: 2000 },
  );
});
