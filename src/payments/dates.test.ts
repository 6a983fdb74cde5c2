import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isCalendarDate } from './dates.ts';

test('isCalendarDate accepts exactly the dates Date parses and prints back unchanged', () => {
  const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const year = fc
    .oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2016, 2100, 2400))
    .map((n) => String(n).padStart(4, '0'));
  fc.assert(
    fc.property(year, two, two, (y, m, d) => {
      const text = `${y}-${m}-${d}`;
      const date = new Date(`${text}T00:00:00Z`);
      const byDate = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
      assert.equal(isCalendarDate(text), byDate, text);
    }),
    { numRuns: 10000 },
  );
  assert.ok(isCalendarDate('2016-02-29') && !isCalendarDate('2015-02-29') && !isCalendarDate('2100-02-29'));
});
