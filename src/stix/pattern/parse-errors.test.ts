import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError } from '../../errors/index.ts';
import { isValidPattern, parsePattern } from './index.ts';

function failure(text: string): BulwarkError {
  try {
    parsePattern(text);
  } catch (error) {
    assert.ok(error instanceof BulwarkError, `not a BulwarkError: ${String(error)}`);
    return error;
  }
  assert.fail(`parsed, but should not: ${text}`);
}

const KEY = "[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar']";

// The OASIS validator's failing cases (stix2patterns/test/v21/test_validator.py) with the column it reports.
const VALIDATOR_CASES: readonly [string, number][] = [
  ['file:size = 1280', 0],
  ['[file:size = ]', 13],
  ['[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 19],
  ['[file.size = 1280]', 5],
  ['[file:name MATCHES /.*\\\\.dll/]', 19],
  [`${KEY} WITHIN ]`, 63],
  [`${KEY} WITHIN 5 HOURS]`, 65],
  [`${KEY} WITHIN -5 SECONDS]`, 63],
  ['[network-traffic:dst_ref.value ISSUBSET ]', 40],
  ["[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", 18],
  ["[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", 24],
  ["[artifact:payload_bin = b'====']", 24],
  ['[foo:bar=1] within 2 seconds', 12],
];

test('malformed patterns fail at the offset the OASIS validator reports', () => {
  for (const [text, offset] of VALIDATOR_CASES) {
    const error = failure(text);
    assert.equal(error.code, 'BULWARK_E_PATTERN_SYNTAX', text);
    assert.equal(error.place.offset, offset, `${text}: ${error.message}`);
  }
});

test('the message names the place and shows the pattern with a caret under it', () => {
  const error = failure("[file:name = 'a' AND file:size = 3");
  assert.match(error.message, /^expected '\]', found the end at offset 34\n/);
  const [, shown, caret] = error.message.split('\n');
  assert.equal(shown, "  [file:name = 'a' AND file:size = 3");
  assert.equal(caret?.indexOf('^'), 2 + 34);
  assert.equal(error.rule, 'observation');
  assert.ok(error.hint && error.hint.length > 0);
});

test('a caret in a long pattern stays under the offending character', () => {
  const text = `[file:name = '${'a'.repeat(200)}' ANDD file:size = 3]`;
  const error = failure(text);
  const [, shown, caret] = error.message.split('\n');
  const column = caret!.indexOf('^');
  assert.equal(shown!.slice(column, column + 4), 'ANDD');
});

test('semantic rules of the spec are enforced with their own rule names', () => {
  const cases: readonly [string, string, number][] = [
    [`${KEY} WITHIN 5 SECONDS WITHIN 6 SECONDS`, 'duplicate-qualifier', 73],
    [`${KEY} REPEATS 2 TIMES REPEATS 3 TIMES`, 'duplicate-qualifier', 72],
    ["[a:b = 1] START t'2016-06-01T02:00:00Z' STOP t'2016-06-01T01:00:00Z'", 'start-before-stop', 45],
    ["[a:b = 1] START t'2016-06-01T02:00:00.5Z' STOP t'2016-06-01T02:00:00.50Z'", 'start-before-stop', 47],
    ['[a:b = 1] WITHIN 0 SECONDS', 'qualifier', 17],
    ['[a:b = 1] REPEATS 0 TIMES', 'qualifier', 18],
    ['[a:b = 1] REPEATS 1.5 TIMES', 'qualifier', 18],
    ["[file:name = 'a' AND ipv4-addr:value = '1.2.3.4']", 'and-same-type', 21],
    ["[(file:name = 'a' OR url:value = 'b') AND file:size = 1]", 'and-same-type', 2],
    ["[a:b = 'x\\n']", 'string', 9],
    ["[a:b = 'open", 'string', 7],
    ['[a:b = 007]', 'number', 7],
    ['[a:b = 5.]', 'observation', 8],
    ['[a:b > true]', 'literal', 7],
    ["[a:b LIKE h'ff']", 'literal', 10],
    ['[a:b IN (1, 2]', 'set', 13],
    ['[a:b[x] = 1]', 'object-path', 5],
    ['[AND:b = 1]', 'object-path', 1],
    ['[a:b = 1] /* open', 'comment', 10],
    ['[a:b = 1] AND', 'observation', 13],
    ['[a:b = 1]]', 'pattern', 9],
  ];
  for (const [text, rule, offset] of cases) {
    const error = failure(text);
    assert.equal(error.rule, rule, `${text}: ${error.message}`);
    assert.equal(error.place.offset, offset, `${text}: ${error.message}`);
  }
});

test('a qualifier may repeat on a parenthesised group, as the reference validator allows', () => {
  assert.equal(isValidPattern(`(${KEY}) WITHIN 5 SECONDS WITHIN 6 SECONDS`), true);
  assert.equal(isValidPattern(`(${KEY} REPEATS 2 TIMES) REPEATS 2 TIMES`), true);
});

test('OR may join comparisons of different object types', () => {
  assert.equal(isValidPattern("[file:name = 'a' OR ipv4-addr:value = '1.2.3.4']"), true);
  assert.doesNotThrow(() => parsePattern("[file:name = 'a' AND url:value = 'b']", { sameTypeInAnd: false }));
});

test('keywords are case-sensitive and comments and odd spellings are accepted', () => {
  assert.equal(isValidPattern('[a:b = 1] and [a:c = 2]'), false);
  const tree = parsePattern("/* c */ [a:b == 1 // line\n AND a:c <> 'x']\u00a0AND\t[a:d = +.5]");
  assert.equal(tree.expression.kind, 'obs-and');
});

test('qualifiers bind to the observation just before them, AND tighter than OR, OR tighter than FOLLOWEDBY', () => {
  const tree = parsePattern('[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3] AND [a:b = 4] WITHIN 5 SECONDS');
  const e = tree.expression;
  assert.equal(e.kind, 'followedby');
  if (e.kind !== 'followedby') return;
  assert.equal(e.right.kind, 'obs-or');
  if (e.right.kind !== 'obs-or') return;
  assert.equal(e.right.right.kind, 'obs-and');
  if (e.right.right.kind !== 'obs-and') return;
  assert.equal(e.right.right.right.kind, 'qualified');
});

test('source offsets point at each node', () => {
  const text = "[a:b = 1] AND [c:d.'e f'[*] IN ('x', 2)]";
  const tree = parsePattern(text);
  const e = tree.expression;
  assert.equal(e.kind, 'obs-and');
  if (e.kind !== 'obs-and' || e.right.kind !== 'observation') return;
  const c = e.right.comparison;
  assert.equal(text.slice(e.right.start, e.right.end), "[c:d.'e f'[*] IN ('x', 2)]");
  assert.equal(text.slice(c.start, c.end), "c:d.'e f'[*] IN ('x', 2)");
  assert.ok(c.kind === 'comparison');
  assert.equal(text.slice(c.path.start, c.path.end), "c:d.'e f'[*]");
});

test('deeply nested input is a syntax error, not a stack overflow', () => {
  const deep = `${'('.repeat(100000)}[a:b = 1]`;
  assert.equal(failure(deep).rule, 'size');
  const long = Array.from({ length: 6000 }, (_, i) => `a:b = ${i}`).join(' OR ');
  assert.equal(failure(`[${long}]`).rule, 'size');
});
