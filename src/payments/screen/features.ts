import { bic8, bicCountry } from '../bic.ts';
import { minorToNumber } from '../currency.ts';
import type { Payment } from '../types.ts';
import { naiveUtcMillis } from './civil-time.ts';
import { PairKeys, StringMemo } from './key-cache.ts';
import { factsOf } from './name-facts.ts';
import { foldName, isFolded } from './normalise-name.ts';
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

/** A bank's BIC8 and country, read together: one memo look-up per bank instead of two. */
interface BankParts {
  bic8: string;
  country: string;
}

// Keys and name readings recur from payment to payment: each is built once and then looked up, so the
// history's Maps and Sets see the same string instances (hash kept) and a payment allocates no keys.
const KEYS = new PairKeys();
const BANKS = new StringMemo<BankParts>((bic) => ({ bic8: bic8(bic), country: bicCountry(bic) }));

/** BIC8 and country of a bank's BIC, the same record each time. */
export function bankKeys(bic: string | undefined): BankParts | undefined {
  return bic ? BANKS.get(bic) : undefined;
}

/** The folded name: most names are folded already, which a scan of their chars tells for less than a look-up. */
function folded(name: string): string {
  if (isFolded(name)) return name;
  const facts = factsOf(name);
  facts.folded ??= foldName(name);
  return facts.folded;
}

export function featuresOf(p: Payment): PaymentFeatures {
  const bank = bankKeys(p.debtorAgent ?? p.senderBic);
  const beneficiaryBank = bankKeys(p.creditorAgent ?? p.receiverBic);
  const beneficiaryCountry = p.creditor.country ?? beneficiaryBank?.country;
  const debtorId = p.debtor.account?.value ?? folded(p.debtor.name ?? p.debtor.bic ?? '');
  const creditorId = beneficiaryKey(p.creditor.account?.value ?? '', p.creditor.name ?? p.creditor.bic ?? '');
  const amount = minorToNumber(p.amount.minor, p.amount.currency);
  const t = p.createdAt ? releaseMillis(p.createdAt) : NaN;
  return {
    originator: KEYS.key(bank ? bank.bic8 : '?', debtorId),
    senderCountry: bank?.country,
    beneficiary: creditorId,
    beneficiaryBank: beneficiaryBank?.bic8,
    beneficiaryCountry,
    corridor: KEYS.key(p.amount.currency, beneficiaryCountry ?? '?'),
    currency: p.amount.currency,
    logAmount: Math.log10(Math.max(amount, 0.01)),
    creditorIsPerson: isPerson(p.creditor),
    releaseMinute: Number.isNaN(t) ? undefined : Math.floor(t / 60_000),
  };
}

/** Accounts one name is remembered with, before its list starts over (bounds the scan). */
const MAX_ACCOUNTS_PER_NAME = 8;

/**
 * `${account}|${folded name}`, interned in the name's record: the record is the one the person and
 * watch-list readings of the same name use, so the key costs no look-up in a table of every account.
 */
function beneficiaryKey(account: string, name: string): string {
  const facts = factsOf(name);
  facts.folded ??= foldName(name);
  let accounts = facts.accounts;
  let keys = facts.keys;
  if (accounts === undefined || keys === undefined) {
    accounts = [];
    keys = [];
    facts.accounts = accounts;
    facts.keys = keys;
  }
  for (let i = 0; i < accounts.length; i++) if (accounts[i] === account) return keys[i] as string;
  if (accounts.length >= MAX_ACCOUNTS_PER_NAME) {
    accounts.length = 0;
    keys.length = 0;
  }
  const key = `${account}|${facts.folded}`;
  accounts.push(account);
  keys.push(key);
  return key;
}

/** Release instant; a timestamp without offset is read as UTC (the sender's clock, for windows). */
export function releaseMillis(createdAt: string): number {
  // the MT103 shape `2016-02-04T20:36:00` by arithmetic: no regex, template string or Date per payment
  const fast = naiveUtcMillis(createdAt);
  if (fast !== undefined) return fast;
  return Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(createdAt) ? createdAt : `${createdAt}Z`);
}
