import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Observation } from '../pattern/observation.ts';
import {
  IndicatorMatcher,
  KIND_CONFIRM,
  KIND_INVALID,
  KIND_MULTI,
  KIND_PURE,
  KIND_RESIDUAL,
} from './indicator-matcher.ts';

const at = (objects: Record<string, object>): Observation => ({ time: 0, objects });

function hitIds(m: IndicatorMatcher, obs: Observation): string[] {
  const n = m.matchObservation(obs);
  return [...m.hits.subarray(0, n)].map((i) => m.ids[i]!).sort();
}

test('indicators are sorted into pure, confirmed, residual, several-observation and invalid', () => {
  const m = new IndicatorMatcher([
    { id: 'pure', pattern: "[ipv4-addr:value = '1.2.3.4'] OR [domain-name:value = 'x.test']" },
    { id: 'confirm', pattern: "[file:hashes.MD5 = 'ab' AND file:size > 10]" },
    { id: 'residual', pattern: '[file:size > 10]' },
    { id: 'multi', pattern: "[domain-name:value = 'x.test'] FOLLOWEDBY [ipv4-addr:value = '1.2.3.4']" },
    { id: 'invalid', pattern: '[not a pattern' },
  ]);
  assert.deepEqual([...m.kinds], [KIND_PURE, KIND_CONFIRM, KIND_RESIDUAL, KIND_MULTI, KIND_INVALID]);
  assert.equal(m.stats.invalid, 1);
});

test('an equality with a CIDR block on an address path matches the addresses inside it', () => {
  const m = new IndicatorMatcher([{ id: 'net', pattern: "[ipv4-addr:value = '198.51.100.0/24']" }]);
  assert.deepEqual(hitIds(m, at({ 0: { type: 'ipv4-addr', value: '198.51.100.77' } })), ['net']);
  assert.deepEqual(hitIds(m, at({ 0: { type: 'ipv4-addr', value: '198.51.101.1' } })), []);
});

test('hash names and hash case are normalised on both sides', () => {
  const m = new IndicatorMatcher([{ id: 'h', pattern: "[file:hashes.SHA256 = 'ABCDEF']" }]);
  assert.deepEqual(hitIds(m, at({ 0: { type: 'file', hashes: { 'sha-256': 'abcdef' } } })), ['h']);
  m.begin();
  m.offer(m.pathId("file:hashes.'SHA-256'"), 'AbCdEf');
  assert.equal(
    m.finish(() => at({})),
    1,
  );
});

test('a candidate of a several-observation pattern is reported, not confirmed', () => {
  const m = new IndicatorMatcher([
    { id: 'multi', pattern: "[domain-name:value = 'x.test'] AND [ipv4-addr:value = '1.2.3.4']" },
  ]);
  m.matchObservation(at({ 0: { type: 'domain-name', value: 'x.test' } }));
  assert.equal(m.hitCount, 0);
  assert.deepEqual([...m.multi.subarray(0, m.multiCount)], [0]);
});

test('no observation is built for an event that hits nothing when every pattern is anchored', () => {
  const m = new IndicatorMatcher([{ id: 'a', pattern: "[url:value = 'http://x.test/']" }]);
  m.begin();
  m.offer(m.pathId('url:value'), 'http://y.test/');
  let built = 0;
  m.finish(() => {
    built++;
    return at({});
  });
  assert.equal(built, 0);
  assert.equal(m.pathId('ipv4-addr:value'), -1);
});
