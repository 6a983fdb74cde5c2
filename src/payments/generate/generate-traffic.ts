import { formatMinorUnits } from '../currency.ts';
import { formatPacs008 } from '../iso20022/format-pacs.ts';
import { formatMt103 } from '../mt103/format-mt103.ts';
import { CALENDARS, isHoliday, weekday } from '../screen/calendars.ts';
import type { Payment } from '../types.ts';
import {
  ORIGINATORS,
  type Originator,
  SUPPLIER_COUNTRIES,
  SUPPLIER_FORMS,
  SUPPLIER_TRADES,
  SUPPLIER_WORDS,
} from './actors.ts';
import { HEIST_RUNS, type HeistRun } from './heist-runs.ts';
import { Random } from './random.ts';

export interface LabelledPayment {
  payment: Payment;
  /** True for the payments of an injected heist run. */
  heist: boolean;
  run?: string;
  /** The payment as the originator's format writes it (MT103 FIN or pacs.008 XML). */
  text: string;
}

export interface TrafficOptions {
  seed?: number;
  /** First and last day of ordinary traffic, YYYY-MM-DD. */
  start?: string;
  end?: string;
}

interface Beneficiary {
  name: string;
  account: string;
  bank: string;
  country: string;
  /** log10 of the usual amount. */
  level: number;
}

const DAY = 86_400_000;

/**
 * Months of ordinary traffic from several originators, with the heist runs of `heist-runs.ts` among it,
 * sorted by release time. Same seed, same traffic.
 */
export function generateTraffic(options: TrafficOptions = {}): LabelledPayment[] {
  const random = new Random(options.seed ?? 2016);
  const start = Date.parse(`${options.start ?? '2015-08-01'}T00:00:00Z`);
  const end = Date.parse(`${options.end ?? '2016-02-29'}T00:00:00Z`);
  const out: LabelledPayment[] = [];
  let serial = 0;
  for (const originator of ORIGINATORS) {
    const beneficiaries = Array.from({ length: random.int(8, 14) }, () => supplier(random, originator));
    for (let t = start; t <= end; t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (!isBusinessDay(originator.country, date)) continue;
      const count = random.int(0, originator.perDay * 2);
      for (let i = 0; i < count; i++) {
        if (random.chance(0.03)) beneficiaries.push(supplier(random, originator));
        const who = random.pick(beneficiaries);
        const late = random.chance(0.03);
        const minute = late
          ? originator.close + random.int(0, 90)
          : random.int(originator.open, originator.close - 1);
        const level = who.level + 0.2 * random.normal() + (random.chance(0.01) ? 0.8 : 0);
        const payment = build(random, originator, who, date, minute, level, `N${++serial}`, 'INV');
        out.push({ payment, heist: false, text: format(originator, payment) });
      }
    }
  }
  for (const run of HEIST_RUNS) out.push(...heistRun(random, run, () => ++serial));
  return out.sort((a, b) => (a.payment.createdAt ?? '').localeCompare(b.payment.createdAt ?? ''));
}

export function isBusinessDay(country: string, date: string): boolean {
  const calendar = CALENDARS[country];
  return !(calendar?.weekend.includes(weekday(date)) ?? false) && !isHoliday(country, date);
}

function supplier(random: Random, originator: Originator): Beneficiary {
  const country = random.pick(SUPPLIER_COUNTRIES);
  const base = originator.name === 'BANGLADESH BANK' ? 6.3 : 4.6;
  return {
    name: `${random.pick(SUPPLIER_WORDS)} ${random.pick(SUPPLIER_TRADES)} ${random.pick(SUPPLIER_FORMS)}`,
    account: random.digits(random.int(8, 14)),
    bank: `${random.pick(['ALFA', 'BETA', 'GAMA', 'KAPA', 'SIGM', 'OMGA'])}${country}${random.pick(['2X', '3Y', '5Z'])}XXX`,
    country,
    level: base + random.next() * 1.2,
  };
}

function build(
  random: Random,
  originator: Originator,
  who: Beneficiary,
  date: string,
  minute: number,
  level: number,
  reference: string,
  remittance: string,
): Payment {
  const currency = 'USD';
  const minor = BigInt(Math.max(100, Math.round(10 ** level * 100)));
  const day = Date.parse(`${date}T00:00:00Z`) + Math.floor(minute / 1440) * DAY;
  const clock = minute % 1440;
  const created = `${new Date(day).toISOString().slice(0, 10)}T${String(Math.floor(clock / 60)).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}:00`;
  const creditorCountry = originator.format === 'pacs.008' ? { country: who.country } : {};
  return {
    format: originator.format,
    reference,
    ...(originator.format === 'pacs.008' ? { endToEndId: reference } : {}),
    uetr: random.uuid(),
    valueDate: created.slice(0, 10),
    createdAt: created,
    amount: { value: formatMinorUnits(minor, currency), currency, minor },
    senderBic: originator.bic,
    receiverBic: originator.receiver,
    debtor: {
      name: originator.name,
      addressLines: [],
      account: { kind: 'other', value: originator.account },
    },
    debtorAgent: originator.bic,
    creditor: {
      name: who.name,
      addressLines: [],
      account: { kind: 'other', value: who.account },
      ...creditorCountry,
    },
    creditorAgent: who.bank,
    intermediaries: [],
    remittance: remittance === 'INV' ? `INV ${random.digits(8)}` : remittance,
    charges: originator.format === 'pacs.008' ? 'SHAR' : 'SHA',
    ...(originator.format === 'mt103' ? { bankOperationCode: 'CRED' } : {}),
    source: { index: 0, line: 1 },
  };
}

function format(originator: Originator, payment: Payment): string {
  return originator.format === 'mt103' ? formatMt103(payment) : formatPacs008(payment);
}

function heistRun(random: Random, run: HeistRun, next: () => number): LabelledPayment[] {
  const originator = ORIGINATORS.find((o) => o.bic === run.originator) as Originator;
  const out: LabelledPayment[] = [];
  let minute = run.startMinute;
  for (let i = 0; i < run.count; i++) {
    const who = run.beneficiary(random, i);
    const payment = build(
      random,
      originator,
      who,
      run.date,
      minute,
      who.level,
      `H${next()}`,
      run.remittance(i),
    );
    payment.valueDate = run.valueDate ?? payment.valueDate;
    out.push({ payment, heist: true, run: run.name, text: format(originator, payment) });
    minute += random.int(run.gapMinutes[0], run.gapMinutes[1]);
  }
  return out;
}
