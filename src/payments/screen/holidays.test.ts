import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CALENDARS, isHoliday, localTime, weekday } from './calendars.ts';
import { easter, holidaysOf } from './holidays.ts';

test('US federal holidays of 2016 follow the statute, Christmas on Sunday observed Monday', () => {
  assert.deepEqual(
    [...holidaysOf('US', 2016)].sort(),
    ['01-01', '01-18', '02-15', '05-30', '07-04', '09-05', '10-10', '11-11', '11-24', '12-26'].map(
      (d) => `2016-${d}`,
    ),
  );
});

test('Easter and the days tied to it are computed', () => {
  assert.equal(new Date(easter(2016)).toISOString().slice(0, 10), '2016-03-27');
  assert.equal(new Date(easter(2025)).toISOString().slice(0, 10), '2025-04-20');
  assert.ok(isHoliday('PH', '2016-03-25'));
  assert.ok(isHoliday('CL', '2016-03-26'));
});

test('the dates of the Bangladesh case: PH Chinese New Year, BD weekend Friday and Saturday', () => {
  assert.ok(isHoliday('PH', '2016-02-08'));
  assert.ok(!isHoliday('PH', '2016-02-09'));
  assert.deepEqual(CALENDARS.BD?.weekend, [5, 6]);
  assert.equal(weekday('2016-02-05'), 5);
  assert.ok(isHoliday('BD', '2016-02-21'));
  assert.ok(isHoliday('VN', '2016-02-09'));
});

test('release times without offset are local; with an offset they are converted to the zone', () => {
  assert.deepEqual(localTime('2016-02-04T20:36:00', 'Asia/Dhaka'), {
    date: '2016-02-04',
    minutes: 20 * 60 + 36,
  });
  assert.deepEqual(localTime('2016-02-04T15:00:00Z', 'Asia/Dhaka'), { date: '2016-02-04', minutes: 21 * 60 });
  assert.deepEqual(localTime('2016-07-04T01:00:00Z', 'America/New_York'), {
    date: '2016-07-03',
    minutes: 21 * 60,
  });
});

test('isHoliday answers as the year holiday list does, for any date text (or fails as it does)', () => {
  const date = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 1990, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.string({ maxLength: 10 }),
  );
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(CALENDARS)), date, (country, text) => {
      let expected: boolean | 'throws';
      try {
        expected = holidaysOf(country, Number(text.slice(0, 4))).has(text);
      } catch {
        // a year that is no number has no holiday list, then and now
        expected = 'throws';
      }
      if (expected === 'throws') assert.throws(() => isHoliday(country, text), text);
      else assert.equal(isHoliday(country, text), expected, text);
    }),
    { numRuns: 3000 },
  );
});
