import { naiveMinutes, weekdayOfIso } from './civil-time.ts';
import { holidaysOf } from './holidays.ts';

/** Where a country works: its time zone and its weekend (0 = Sunday … 6 = Saturday). */
export interface CountryCalendar {
  timeZone: string;
  weekend: readonly number[];
}

export const CALENDARS: Readonly<Record<string, CountryCalendar>> = {
  // Bangladesh's weekend is Friday and Saturday
  BD: { timeZone: 'Asia/Dhaka', weekend: [5, 6] },
  US: { timeZone: 'America/New_York', weekend: [0, 6] },
  PH: { timeZone: 'Asia/Manila', weekend: [0, 6] },
  LK: { timeZone: 'Asia/Colombo', weekend: [0, 6] },
  TW: { timeZone: 'Asia/Taipei', weekend: [0, 6] },
  CL: { timeZone: 'America/Santiago', weekend: [0, 6] },
  VN: { timeZone: 'Asia/Ho_Chi_Minh', weekend: [0, 6] },
};

const holidayCache = new Map<string, Set<string>>();
/** Holidays by country, then by year as a number: no key string built per payment. */
const byYear = new Map<string, Map<number, Set<string>>>();

export function isHoliday(country: string, date: string): boolean {
  const year = fourDigits(date);
  if (year < 0) return holidaysByText(country, date).has(date);
  let years = byYear.get(country);
  if (years === undefined) {
    years = new Map();
    byYear.set(country, years);
  }
  let set = years.get(year);
  if (set === undefined) {
    set = holidaysByText(country, date);
    years.set(year, set);
  }
  return set.has(date);
}

/** The year of `YYYY…` when its first four chars are digits, else -1. */
function fourDigits(date: string): number {
  if (date.length < 4) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  return year;
}

function holidaysByText(country: string, date: string): Set<string> {
  const key = `${country}${date.slice(0, 4)}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = holidaysOf(country, Number(date.slice(0, 4)));
    holidayCache.set(key, set);
  }
  return set;
}

export function weekday(date: string): number {
  const fast = weekdayOfIso(date);
  if (fast !== undefined) return fast;
  return new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  ).getUTCDay();
}

/** Local date and minutes after midnight of an instant in a time zone. */
export interface LocalTime {
  date: string;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The sender's local wall-clock time of a release. A timestamp without offset is already local
 * (MT block 2 input time, ISO CreDtTm without zone); with an offset it is converted.
 */
export function localTime(createdAt: string, timeZone: string): LocalTime | undefined {
  const minutes = naiveMinutes(createdAt);
  if (minutes !== undefined) return { date: createdAt.slice(0, 10), minutes };
  const naive = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(createdAt);
  if (naive) return { date: naive[1] as string, minutes: Number(naive[2]) * 60 + Number(naive[3]) };
  const t = Date.parse(createdAt);
  if (Number.isNaN(t)) return undefined;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
