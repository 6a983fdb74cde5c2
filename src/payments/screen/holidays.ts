/**
 * Public holidays of the countries in the heist seeds. Sources and reliability:
 * - US: federal holidays by statute (5 U.S.C. 6103) as rules, Saturday → Friday and Sunday → Monday
 *   (OPM observance), which is also when Fedwire is closed.
 * - Fixed-date national days of BD, PH, LK, TW, CL and VN from each government's published holiday law
 *   (BD Ministry of Public Administration annual circular; PH Republic Act 9492 and the yearly
 *   proclamations; LK Holidays Act; TW Implementation Rules for Memorial Days and Holidays; CL Ley
 *   2.977 and amendments; VN Labour Code art. 112).
 * - Moveable feasts: Easter-based days computed (anonymous Gregorian algorithm); lunar new year dates
 *   listed for 2015–2017 and 2024–2026. Islamic (BD Eid) dates depend on moon sighting: listed only for
 *   2015–2016, ±1 day. Sri Lankan poya (full-moon) days are not listed. The tables were compiled by hand
 *   for this project: check them against the official lists before relying on them in production.
 */

export type HolidayRule =
  | { kind: 'fixed'; month: number; day: number; observed?: boolean }
  | { kind: 'nth-weekday'; month: number; weekday: number; n: number }
  | { kind: 'easter'; offset: number }
  | { kind: 'dates'; dates: readonly string[] };

const LUNAR_NEW_YEAR = ['2015-02-19', '2016-02-08', '2017-01-28', '2024-02-10', '2025-01-29', '2026-02-17'];

function around(dates: readonly string[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const date of dates) {
    const t = Date.parse(`${date}T00:00:00Z`);
    for (let d = from; d <= to; d++) out.push(new Date(t + d * 86_400_000).toISOString().slice(0, 10));
  }
  return out;
}

const fixed = (month: number, day: number, observed = false): HolidayRule => ({
  kind: 'fixed',
  month,
  day,
  observed,
});

export const HOLIDAY_RULES: Readonly<Record<string, readonly HolidayRule[]>> = {
  US: [
    fixed(1, 1, true),
    { kind: 'nth-weekday', month: 1, weekday: 1, n: 3 },
    { kind: 'nth-weekday', month: 2, weekday: 1, n: 3 },
    { kind: 'nth-weekday', month: 5, weekday: 1, n: -1 },
    fixed(7, 4, true),
    { kind: 'nth-weekday', month: 9, weekday: 1, n: 1 },
    { kind: 'nth-weekday', month: 10, weekday: 1, n: 2 },
    fixed(11, 11, true),
    { kind: 'nth-weekday', month: 11, weekday: 4, n: 4 },
    fixed(12, 25, true),
    {
      kind: 'dates',
      dates: ['2021-06-18', '2022-06-20', '2023-06-19', '2024-06-19', '2025-06-19', '2026-06-19'],
    },
  ],
  BD: [
    fixed(2, 21),
    fixed(3, 17),
    fixed(3, 26),
    fixed(4, 14),
    fixed(5, 1),
    fixed(8, 15),
    fixed(12, 16),
    fixed(12, 25),
    {
      kind: 'dates',
      dates: ['2015-07-17', '2015-07-18', '2015-07-19', '2015-09-24', '2015-09-25', '2015-09-26'],
    },
    {
      kind: 'dates',
      dates: ['2016-07-06', '2016-07-07', '2016-07-08', '2016-09-12', '2016-09-13', '2016-09-14'],
    },
  ],
  PH: [
    fixed(1, 1),
    fixed(2, 25),
    fixed(4, 9),
    fixed(5, 1),
    fixed(6, 12),
    fixed(8, 21),
    { kind: 'nth-weekday', month: 8, weekday: 1, n: -1 },
    fixed(11, 1),
    fixed(11, 30),
    fixed(12, 25),
    fixed(12, 30),
    fixed(12, 31),
    { kind: 'easter', offset: -3 },
    { kind: 'easter', offset: -2 },
    { kind: 'dates', dates: LUNAR_NEW_YEAR },
  ],
  LK: [fixed(2, 4), fixed(4, 13), fixed(4, 14), fixed(5, 1), fixed(12, 25), { kind: 'easter', offset: -2 }],
  TW: [
    fixed(1, 1),
    fixed(2, 28),
    fixed(4, 4),
    fixed(10, 10),
    { kind: 'dates', dates: around(LUNAR_NEW_YEAR, -1, 3) },
  ],
  CL: [
    fixed(1, 1),
    fixed(5, 1),
    fixed(5, 21),
    fixed(7, 16),
    fixed(8, 15),
    fixed(9, 18),
    fixed(9, 19),
    fixed(10, 12),
    fixed(10, 31),
    fixed(11, 1),
    fixed(12, 8),
    fixed(12, 25),
    { kind: 'easter', offset: -2 },
    { kind: 'easter', offset: -1 },
  ],
  VN: [
    fixed(1, 1),
    fixed(4, 30),
    fixed(5, 1),
    fixed(9, 2),
    { kind: 'dates', dates: around(LUNAR_NEW_YEAR, -1, 3) },
  ],
};

/** Easter Sunday (Gregorian) of a year, as a UTC timestamp. */
export function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(Date.UTC(year, month - 1, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7));
  }
  const last = new Date(Date.UTC(year, month, 0));
  return iso(last.getTime() - ((last.getUTCDay() - weekday + 7) % 7) * 86_400_000);
}

/** Every holiday date (YYYY-MM-DD) of a country in a year. */
export function holidaysOf(country: string, year: number): Set<string> {
  const dates = new Set<string>();
  for (const rule of HOLIDAY_RULES[country] ?? []) {
    if (rule.kind === 'fixed') {
      const t = Date.UTC(year, rule.month - 1, rule.day);
      const weekday = new Date(t).getUTCDay();
      // US observance: a Saturday holiday is taken on Friday, a Sunday one on Monday
      const shift = rule.observed ? (weekday === 6 ? -1 : weekday === 0 ? 1 : 0) : 0;
      dates.add(iso(t + shift * 86_400_000));
    } else if (rule.kind === 'nth-weekday') dates.add(nthWeekday(year, rule.month, rule.weekday, rule.n));
    else if (rule.kind === 'easter') dates.add(iso(easter(year) + rule.offset * 86_400_000));
    else for (const date of rule.dates) if (date.startsWith(String(year))) dates.add(date);
  }
  return dates;
}
