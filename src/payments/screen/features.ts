import { bic8, bicCountry } from '../bic.ts';
import { minorToNumber } from '../currency.ts';
import type { Payment } from '../types.ts';
import { naiveUtcMillis } from './civil-time.ts';
import { PairKeys, StringMemo } from './key-cache.ts';
import { foldName } from './normalise-name.ts';
import { isPerson } from './party-kind.ts';

/** What the rules look at, derived once per payment. */
export interface PaymentFeatures {
  /** Ordering bank and debtor: `BBHOBDDH|0123456`. */
  originator: string;
  senderCountry: string | undefined;
  beneficiary: string;
  beneficiaryBank: string | undefined;
  beneficiaryCountry: string | undefined;
  /** Currency and beneficiary country: `USD|PH`. */
  corridor: string;
  currency: string;
  /** log10 of the amount in major units. */
  logAmount: number;
  creditorIsPerson: boolean | undefined;
  /** Minutes since the epoch of the release in the sender's clock, for windows; undefined when unknown. */
  releaseMinute: number | undefined;
}

// Keys and name readings recur from payment to payment: each is built once and then looked up, so the
// history's Maps and Sets see the same string instances (hash kept) and a payment allocates no keys.
const KEYS = new PairKeys();
const BIC8 = new StringMemo(bic8);
const COUNTRY = new StringMemo(bicCountry);
const FOLDED = new StringMemo(foldName);

export function featuresOf(p: Payment): PaymentFeatures {
  const bank = p.debtorAgent ?? p.senderBic;
  const beneficiaryBank = p.creditorAgent ?? p.receiverBic;
  const beneficiaryCountry =
    p.creditor.country ?? (beneficiaryBank ? COUNTRY.get(beneficiaryBank) : undefined);
  const debtorId = p.debtor.account?.value ?? FOLDED.get(p.debtor.name ?? p.debtor.bic ?? '');
  const creditorId = KEYS.key(
    p.creditor.account?.value ?? '',
    FOLDED.get(p.creditor.name ?? p.creditor.bic ?? ''),
  );
  const amount = minorToNumber(p.amount.minor, p.amount.currency);
  const t = p.createdAt ? releaseMillis(p.createdAt) : NaN;
  return {
    originator: KEYS.key(bank ? BIC8.get(bank) : '?', debtorId),
    senderCountry: bank ? COUNTRY.get(bank) : undefined,
    beneficiary: creditorId,
    beneficiaryBank: beneficiaryBank ? BIC8.get(beneficiaryBank) : undefined,
    beneficiaryCountry,
    corridor: KEYS.key(p.amount.currency, beneficiaryCountry ?? '?'),
    currency: p.amount.currency,
    logAmount: Math.log10(Math.max(amount, 0.01)),
    creditorIsPerson: isPerson(p.creditor),
    releaseMinute: Number.isNaN(t) ? undefined : Math.floor(t / 60_000),
  };
}

/** Release instant; a timestamp without offset is read as UTC (the sender's clock, for windows). */
export function releaseMillis(createdAt: string): number {
  // the MT103 shape `2016-02-04T20:36:00` by arithmetic: no regex, template string or Date per payment
  const fast = naiveUtcMillis(createdAt);
  if (fast !== undefined) return fast;
  return Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(createdAt) ? createdAt : `${createdAt}Z`);
}
