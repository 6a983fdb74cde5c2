import { bic8, bicCountry } from '../bic.ts';
import { minorToNumber } from '../currency.ts';
import type { Payment } from '../types.ts';
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

export function featuresOf(p: Payment): PaymentFeatures {
  const bank = p.debtorAgent ?? p.senderBic;
  const beneficiaryBank = p.creditorAgent ?? p.receiverBic;
  const beneficiaryCountry =
    p.creditor.country ?? (beneficiaryBank ? bicCountry(beneficiaryBank) : undefined);
  const debtorId = p.debtor.account?.value ?? foldName(p.debtor.name ?? p.debtor.bic ?? '');
  const creditorId = `${p.creditor.account?.value ?? ''}|${foldName(p.creditor.name ?? p.creditor.bic ?? '')}`;
  const amount = minorToNumber(p.amount.minor, p.amount.currency);
  const t = p.createdAt
    ? Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(p.createdAt) ? p.createdAt : `${p.createdAt}Z`)
    : NaN;
  return {
    originator: `${bank ? bic8(bank) : '?'}|${debtorId}`,
    senderCountry: bank ? bicCountry(bank) : undefined,
    beneficiary: creditorId,
    beneficiaryBank: beneficiaryBank ? bic8(beneficiaryBank) : undefined,
    beneficiaryCountry,
    corridor: `${p.amount.currency}|${beneficiaryCountry ?? '?'}`,
    currency: p.amount.currency,
    logAmount: Math.log10(Math.max(amount, 0.01)),
    creditorIsPerson: isPerson(p.creditor),
    releaseMinute: Number.isNaN(t) ? undefined : Math.floor(t / 60_000),
  };
}
