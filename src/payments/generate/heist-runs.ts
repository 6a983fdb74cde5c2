import { FIRST_NAMES, LAST_NAMES, MULE_BANKS } from './actors.ts';
import type { Random } from './random.ts';

export interface HeistBeneficiary {
  name: string;
  account: string;
  bank: string;
  country: string;
  level: number;
}

/** A run of fraudulent payments injected into ordinary traffic. */
export interface HeistRun {
  name: string;
  originator: string;
  date: string;
  /** Local minutes after midnight of the first release (may run past midnight). */
  startMinute: number;
  count: number;
  gapMinutes: readonly [number, number];
  valueDate?: string;
  beneficiary: (random: Random, i: number) => HeistBeneficiary;
  remittance: (i: number) => string;
}

function person(random: Random, banks: typeof MULE_BANKS, level: number): HeistBeneficiary {
  const bank = random.pick(banks);
  return {
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    account: random.digits(12),
    bank: bank.bic,
    country: bank.country,
    level,
  };
}

const PH = MULE_BANKS.filter((b) => b.country === 'PH');
const LK = MULE_BANKS.filter((b) => b.country === 'LK');
const FAR = MULE_BANKS.filter((b) => b.country !== 'PH');

/**
 * After data/payments/bangladesh-2016-scenario.json: 35 MT103s from Bangladesh Bank's nostro at the
 * New York Fed, released from Thursday evening 2016-02-04 into the Bangladeshi weekend, round millions to
 * individuals at one Philippine branch and to a misspelt "foundation" in Sri Lanka; value date the
 * Philippine Chinese New Year holiday. The other runs vary the pattern over the other originators.
 */
export const HEIST_RUNS: readonly HeistRun[] = [
  {
    name: 'bangladesh-2016',
    originator: 'BBHOBDDHXXX',
    date: '2016-02-04',
    startMinute: 20 * 60 + 10,
    count: 35,
    gapMinutes: [4, 14],
    valueDate: '2016-02-08',
    beneficiary: (random, i) =>
      i === 4
        ? {
            name: 'SHALIKA FANDATION',
            account: random.digits(12),
            bank: LK[0]?.bic ?? '',
            country: 'LK',
            level: 7.3,
          }
        : person(random, i < 20 ? PH : FAR, Math.log10(random.int(5, 30) * 1_000_000)),
    remittance: (i) => (i === 4 ? 'DONATION FOR PROJECT' : 'CONSULTANCY FEE'),
  },
  {
    name: 'taiwan-holiday',
    originator: 'PRCBTWTPXXX',
    date: '2016-01-01',
    startMinute: 14 * 60,
    count: 12,
    gapMinutes: [3, 10],
    beneficiary: (random) => person(random, FAR, Math.log10(random.int(1, 6) * 1_000_000)),
    remittance: () => 'SERVICE CHARGES',
  },
  {
    name: 'chile-business-hours',
    originator: 'ANDBCLRMXXX',
    date: '2016-01-19',
    startMinute: 11 * 60,
    count: 15,
    gapMinutes: [1, 4],
    beneficiary: (random) => person(random, FAR, Math.log10(random.int(1, 4) * 1_000_000)),
    remittance: () => 'INVOICE PAYMENT',
  },
  {
    name: 'vietnam-tet',
    originator: 'MKBKVNVXXXX',
    date: '2016-02-09',
    startMinute: 22 * 60,
    count: 8,
    gapMinutes: [4, 12],
    beneficiary: (random, i) =>
      i === 2
        ? {
            name: 'GREEN EARTH FOUNDATON',
            account: random.digits(10),
            bank: LK[0]?.bic ?? '',
            country: 'LK',
            level: 6.2,
          }
        : person(random, FAR, Math.log10(random.int(1, 3) * 1_000_000)),
    remittance: () => 'TRADE SETTLEMENT',
  },
];
