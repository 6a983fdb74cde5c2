import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../../errors/index.ts';
import { quote } from './format.ts';
import { formatPattern, parsePattern } from './index.ts';
import { KEYWORDS } from './keywords.ts';
import { SPEC_EXAMPLES, withoutSpans } from './test-support.ts';

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((w) => !KEYWORDS.has(w));
const objectType = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/).filter((w) => !KEYWORDS.has(w));
const key = fc.oneof(word, fc.string({ maxLength: 6 }));
const step = fc.oneof(
  key.map((name) => ({ kind: 'key', name })),
  fc
    .oneof(fc.constant('*' as const), fc.integer({ min: -5, max: 20 }))
    .map((index) => ({ kind: 'index', index })),
);
const path = (type: string) =>
  fc.tuple(key, fc.array(step, { maxLength: 3 })).map(([first, rest]) => ({
    objectType: type,
    steps: [{ kind: 'key', name: first }, ...rest],
  }));

const date = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const rfc3339 = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');
const timestamp = date.map(rfc3339);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
const literal = fc.oneof(
  fc.string().map((value) => ({ kind: 'string', value })),
  fc.maxSafeInteger().map((value) => ({ kind: 'int', value: value + 0 })),
  finite.map((value) => ({ kind: 'float', value })),
  fc.boolean().map((value) => ({ kind: 'bool', value })),
  fc.uint8Array({ maxLength: 6 }).map((b) => ({ kind: 'hex', value: Buffer.from(b).toString('hex') })),
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((b) => ({ kind: 'binary', value: Buffer.from(b).toString('base64') })),
  timestamp.map((value) => ({ kind: 'timestamp', value })),
);
const orderable = literal.filter((l) => l.kind !== 'bool');
const str = fc.string().map((value) => ({ kind: 'string', value }));

const comparison = (type: string) =>
  fc.oneof(
    fc.record({ kind: fc.constant('exists'), path: path(type) }),
    fc.record({
      kind: fc.constant('comparison'),
      path: path(type),
      operator: fc.constantFrom('=', '!='),
      negated: fc.boolean(),
      value: literal,
    }),
    fc.record({
      kind: fc.constant('comparison'),
      path: path(type),
      operator: fc.constantFrom('<', '>', '<=', '>='),
      negated: fc.boolean(),
      value: orderable,
    }),
    fc.record({
      kind: fc.constant('comparison'),
      path: path(type),
      operator: fc.constantFrom('LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'),
      negated: fc.boolean(),
      value: str,
    }),
    fc.record({
      kind: fc.constant('comparison'),
      path: path(type),
      operator: fc.constant('IN'),
      negated: fc.boolean(),
      value: fc.array(literal, { maxLength: 4 }),
    }),
  );

// One object type per observation, so AND inside it always satisfies the same-type rule.
const comparisonTree = (type: string) =>
  fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      comparison(type),
      fc.record({ kind: fc.constantFrom('and', 'or'), left: tie('node'), right: tie('node') }),
    ),
  })).node;

const qualifier = fc.oneof(
  fc
    .oneof(fc.integer({ min: 1, max: 100000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true }))
    .map((seconds) => ({
      kind: 'within',
      seconds,
    })),
  fc.integer({ min: 1, max: 1000 }).map((times) => ({ kind: 'repeats', times })),
  fc
    .tuple(date, date)
    .filter(([a, b]) => a.getTime() !== b.getTime())
    // Ordered by time, not text: '…00.001Z' sorts before '…00Z' as a string.
    .map(([a, b]) => (a < b ? [a, b] : [b, a]).map(rfc3339))
    .map(([startTime, stopTime]) => ({ kind: 'start-stop', startTime, stopTime })),
);

const expression = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    objectType.chain((type) => comparisonTree(type).map((c) => ({ kind: 'observation', comparison: c }))),
    fc.record({
      kind: fc.constantFrom('obs-and', 'obs-or', 'followedby'),
      left: tie('node'),
      right: tie('node'),
    }),
    fc.record({ kind: fc.constant('qualified'), expression: tie('node'), qualifier }),
  ),
})).node;

test('format then parse gives back any pattern tree', () => {
  fc.assert(
    fc.property(expression, (tree) => {
      const text = formatPattern({ kind: 'pattern', expression: tree, start: 0, end: 0 } as never);
      const parsed = parsePattern(text);
      assert.deepEqual(withoutSpans(parsed.expression), withoutSpans(tree), text);
      assert.equal(formatPattern(parsed), text);
    }),
    { numRuns: 500 },
  );
});

test('parse(format(parse(p))) equals parse(p) for spec examples', () => {
  for (const example of SPEC_EXAMPLES) {
    const first = parsePattern(example);
    assert.deepEqual(withoutSpans(parsePattern(formatPattern(first))), withoutSpans(first));
  }
});

function onlyBulwarkErrors(text: string): void {
  try {
    parsePattern(text);
  } catch (error) {
    if (!(error instanceof BulwarkError)) throw error;
    assert.equal(error.code, 'BULWARK_E_PATTERN_SYNTAX');
    const offset = error.place.offset ?? -1;
    assert.ok(offset >= 0 && offset <= text.length, `offset ${offset} outside the text`);
  }
}

test('arbitrary strings give a pattern or a PATTERN_SYNTAX error, never anything else', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), onlyBulwarkErrors), { numRuns: 2000 });
  const tokens = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    'a:b',
    '.c',
    "'x'",
    '=',
    'IN',
    'AND',
    'OR',
    'NOT',
    'EXISTS',
    'FOLLOWEDBY',
    'WITHIN',
    '5',
    'SECONDS',
    'REPEATS',
    'TIMES',
    'START',
    'STOP',
    "t'2016-01-01T00:00:00Z'",
    ',',
    '[*]',
    '-1',
    '.5',
    "h'ff'",
    '/*',
    '*/',
    '//',
  );
  fc.assert(
    fc.property(fc.array(tokens, { maxLength: 25 }), (parts) => onlyBulwarkErrors(parts.join(' '))),
    { numRuns: 3000 },
  );
});

test('mutated spec examples give a pattern or a PATTERN_SYNTAX error', () => {
  const mutation = fc.record({
    example: fc.constantFrom(...SPEC_EXAMPLES),
    at: fc.nat(),
    remove: fc.nat({ max: 4 }),
    insert: fc.string({ maxLength: 3 }),
  });
  fc.assert(
    fc.property(mutation, ({ example, at, remove, insert }) => {
      const i = at % (example.length + 1);
      onlyBulwarkErrors(example.slice(0, i) + insert + example.slice(i + remove));
    }),
    { numRuns: 3000 },
  );
});

test('any string survives quoting as a literal and parsing back', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (value) => {
      const parsed = parsePattern(`[x:y = ${quote(value)}]`).expression;
      assert.ok(parsed.kind === 'observation' && parsed.comparison.kind === 'comparison');
      assert.deepEqual((parsed.comparison.value as { value: string }).value, value);
    }),
    { numRuns: 2000 },
  );
});
