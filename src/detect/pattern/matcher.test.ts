import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternMatcher } from './index.ts';
import type { Match, Observation } from './observation.ts';

/** An observation of one process named `name` at `seconds`. */
function event(seconds: number, name: string): Observation {
  return { time: seconds * 1000, objects: { '0': { type: 'process', name } } };
}

/** Feeds events in order; returns, per match, the second and process name of each observation in it. */
function run(
  pattern: string,
  events: readonly Observation[],
  matcher = new PatternMatcher(pattern),
): string[][] {
  const out: string[][] = [];
  for (const e of events) for (const m of matcher.push(e)) out.push(describe(m));
  return out;
}

function describe(m: Match): string[] {
  return m.observations.map((o) => `${o.time / 1000}:${(o.objects['0'] as { name: string }).name}`);
}

const A = "[process:name = 'a']";
const B = "[process:name = 'b']";

test('FOLLOWEDBY matches only when the right side comes after the left', () => {
  const events = [event(0, 'b'), event(1, 'a'), event(2, 'x'), event(3, 'b')];
  assert.deepEqual(run(`${A} FOLLOWEDBY ${B}`, events), [['1:a', '3:b']]);
  assert.deepEqual(run(`${B} FOLLOWEDBY ${A}`, events), [['0:b', '1:a']]);
});

test('AND needs two distinct observations in any order', () => {
  assert.deepEqual(run(`${A} AND ${B}`, [event(0, 'b'), event(1, 'a')]), [['0:b', '1:a']]);
  assert.deepEqual(run(`${A} AND ${A}`, [event(0, 'a')]), []);
  assert.deepEqual(run(`${A} AND ${A}`, [event(0, 'a'), event(1, 'a')]).length, 2);
});

test('OR reports each observation that satisfies either side', () => {
  assert.deepEqual(run(`${A} OR ${B}`, [event(0, 'a'), event(1, 'x'), event(2, 'b')]), [['0:a'], ['2:b']]);
});

test('WITHIN over a group bounds the span of all its observations, and old partial matches expire', () => {
  const pattern = `(${A} FOLLOWEDBY ${B}) WITHIN 10 SECONDS`;
  const matcher = new PatternMatcher(pattern);
  assert.deepEqual(run(pattern, [event(0, 'a'), event(5, 'b')], matcher), [['0:a', '5:b']]);
  assert.equal(matcher.partials, 2);
  assert.deepEqual(run(pattern, [event(20, 'b')], matcher), [], 'the a at 0 s is 20 s old');
  assert.equal(matcher.partials, 1, 'only the b at 20 s is still held');
  assert.deepEqual(run(pattern, [event(21, 'a'), event(31, 'b')], matcher), [['21:a', '31:b']]);
});

test('a qualifier after the right side binds to that side only, as the grammar says', () => {
  assert.deepEqual(run(`${A} FOLLOWEDBY ${B} WITHIN 10 SECONDS`, [event(0, 'a'), event(60, 'b')]), [
    ['0:a', '60:b'],
  ]);
});

test('REPEATS counts distinct observations, and WITHIN after it bounds the repetitions', () => {
  const events = [event(0, 'a'), event(100, 'a'), event(101, 'a'), event(102, 'a'), event(103, 'a')];
  assert.deepEqual(run(`${A} REPEATS 3 TIMES WITHIN 5 SECONDS`, events), [
    ['100:a', '101:a', '102:a'],
    ['101:a', '102:a', '103:a'],
  ]);
  assert.deepEqual(run(`${A} REPEATS 3 TIMES`, events.slice(0, 3)), [['0:a', '100:a', '101:a']]);
});

test('REPEATS of a FOLLOWEDBY group needs that many disjoint pairs', () => {
  const pattern = `(${A} FOLLOWEDBY ${B}) REPEATS 2 TIMES`;
  assert.deepEqual(run(pattern, [event(0, 'a'), event(1, 'b'), event(2, 'b')]), []);
  assert.deepEqual(run(pattern, [event(0, 'a'), event(1, 'b'), event(2, 'a'), event(3, 'b')]), [
    ['0:a', '1:b', '2:a', '3:b'],
  ]);
});

test('START/STOP admits only observations inside the interval', () => {
  const base = Date.UTC(2020, 0, 1) / 1000;
  const pattern = `${A} START t'2020-01-01T00:00:10Z' STOP t'2020-01-01T00:00:20Z'`;
  const got = run(pattern, [event(base + 9, 'a'), event(base + 10, 'a'), event(base + 20, 'a')]);
  assert.deepEqual(got, [[`${base + 10}:a`]]);
});

test('without a WITHIN window partial matches are capped, so memory stays bounded', () => {
  const matcher = new PatternMatcher(`${A} FOLLOWEDBY ${B}`, { maxPartials: 8 });
  for (let i = 0; i < 100; i++) matcher.push(event(i, 'a'));
  assert.equal(matcher.partials, 8);
  const [match] = matcher.push(event(100, 'b'));
  assert.deepEqual(match && describe(match), ['99:a', '100:b'], 'the latest start gives the tightest match');
});

test('a late observation still matches; expiry follows the latest time seen', () => {
  const pattern = `(${A} AND ${B}) WITHIN 10 SECONDS`;
  assert.deepEqual(run(pattern, [event(10, 'a'), event(5, 'b')]), [['5:b', '10:a']]);
});
