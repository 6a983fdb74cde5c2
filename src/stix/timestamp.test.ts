import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareTimestamps, isTimestamp } from './timestamp.ts';

test('accepts RFC 3339 UTC timestamps with or without fractional seconds', () => {
  for (const t of ['2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000Z', '2024-02-29T23:59:60.123456Z']) {
    assert.ok(isTimestamp(t), t);
  }
});

test('rejects offsets, missing Z, impossible dates and non-strings', () => {
  for (const t of [
    '2016-01-01T00:00:00',
    '2016-01-01T00:00:00+01:00',
    '2016-01-01 00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:00.Z',
    '',
  ]) {
    assert.ok(!isTimestamp(t), t);
  }
  assert.ok(!isTimestamp(20240101));
});

test('compares instants, not strings, when fraction lengths differ', () => {
  assert.equal(compareTimestamps('2020-01-01T00:00:00Z', '2020-01-01T00:00:00.000Z'), 0);
  assert.ok(compareTimestamps('2020-01-01T00:00:00Z', '2020-01-01T00:00:00.001Z') < 0);
  assert.ok(compareTimestamps('2020-01-01T00:00:00.5Z', '2020-01-01T00:00:00.499999Z') > 0);
});

test('comparison agrees with Date for millisecond timestamps', () => {
  const instant = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString());
  fc.assert(
    fc.property(instant, instant, (a, b) => {
      assert.equal(Math.sign(compareTimestamps(a, b)), Math.sign(Date.parse(a) - Date.parse(b)));
    }),
  );
});
