import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { naiveMinutes, naiveUtcMillis, weekdayOfIso } from './civil-time.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

test('naiveUtcMillis equals Date.parse(text + "Z") wherever it answers, and answers for every valid time', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 0, max: 33 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      (y, mo, d, h, mi, s) => {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
        const fast = naiveUtcMillis(text);
        if (fast !== undefined) assert.equal(fast, Date.parse(`${text}Z`), text);
        const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= 28 && h <= 23 && mi <= 59 && s <= 59;
        if (valid) assert.notEqual(fast, undefined, text);
      },
    ),
    { numRuns: 5000 },
  );
  for (const other of [
    '2016-02-04T20:36',
    '2016-02-04T20:36:00Z',
    '2016-02-04 20:36:00',
    '2016-02-04T24:00:00',
  ]) {
    assert.equal(naiveUtcMillis(other), undefined, other);
  }
});

test('weekdayOfIso equals the Date.UTC weekday wherever it answers', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 40 }),
      (y, mo, d) => {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        const fast = weekdayOfIso(text);
        const slow = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
        if (fast !== undefined) assert.equal(fast, slow, text);
        if (y >= 100 && mo >= 1 && mo <= 12) assert.notEqual(fast, undefined, text);
      },
    ),
    { numRuns: 5000 },
  );
  assert.equal(weekdayOfIso('2016-02-05'), 5);
});

test('naiveMinutes reads what the naive localTime pattern reads, on 19-character timestamps', () => {
  const NAIVE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/;
  const char = fc.constantFrom('0', '1', '2', '5', '9', '-', 'T', ':', 'Z', ' ');
  const stamp = fc.array(char, { minLength: 19, maxLength: 19 }).map((c) => c.join(''));
  const near = fc
    .tuple(
      fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      fc.nat(18),
      char,
    )
    .map(([d, at, c]) => {
      const iso = d.toISOString().slice(0, 19);
      return iso.slice(0, at) + c + iso.slice(at + 1);
    });
  fc.assert(
    fc.property(fc.oneof(stamp, near), (text) => {
      const m = NAIVE.exec(text);
      const fast = naiveMinutes(text);
      if (fast !== undefined) assert.equal(fast, Number(m?.[2]) * 60 + Number(m?.[3]), text);
      else if (text.length === 19) assert.equal(m, null, text);
    }),
    { numRuns: 5000 },
  );
});
