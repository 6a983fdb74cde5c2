import { CALENDARS, isHoliday, localTime, weekday } from '../calendars.ts';
import type { Rule } from './rule.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `HH:MM` of minutes after midnight, built only for a reason that is reported. */
function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// the configured hours are the same strings payment after payment: the last pair read is kept
let startText = '';
let endText = '';
let startMinutes = Number.NaN;
let endMinutes = Number.NaN;

/** Whether minutes after midnight fall outside [start, end). */
function outsideHours(minutes: number, start: string, end: string): boolean {
  if (start !== startText) {
    startMinutes = minutesOf(start);
    startText = start;
  }
  if (end !== endText) {
    endMinutes = minutesOf(end);
    endText = end;
  }
  return minutes < startMinutes || minutes >= endMinutes;
}

/** Release on the sender's weekend or holiday, outside its business hours; value date on a beneficiary holiday. */
export const offHours: Rule = ({ payment, features: f, config }, out) => {
  const rule = config.rules.offHours;
  if (!rule.enabled) return;
  const sender = f.senderCountry ? CALENDARS[f.senderCountry] : undefined;
  const local = sender && payment.createdAt ? localTime(payment.createdAt, sender.timeZone) : undefined;
  if (sender && local && f.senderCountry) {
    const day = weekday(local.date);
    if (sender.weekend.includes(day) || isHoliday(f.senderCountry, local.date)) {
      const what = sender.weekend.includes(day) ? `weekend (${DAYS[day]})` : 'public holiday';
      out.push({
        kind: 'off-hours',
        source: `calendar:${f.senderCountry}`,
        detail: `released ${local.date} ${clockOf(local.minutes)} local time, a ${what} in ${f.senderCountry}`,
        weight: rule.holidayWeight,
      });
    } else if (outsideHours(local.minutes, rule.start, rule.end)) {
      out.push({
        kind: 'off-hours',
        source: `calendar:${f.senderCountry}`,
        detail: `released at ${clockOf(local.minutes)} local time, outside business hours ${rule.start}–${rule.end}`,
        weight: rule.weight,
      });
    }
  }
  const beneficiary = f.beneficiaryCountry;
  if (beneficiary && CALENDARS[beneficiary] && isHoliday(beneficiary, payment.valueDate)) {
    out.push({
      kind: 'beneficiary-holiday',
      source: `calendar:${beneficiary}`,
      detail: `value date ${payment.valueDate} is a public holiday in ${beneficiary}`,
      weight: rule.beneficiaryHolidayWeight,
    });
  }
};
