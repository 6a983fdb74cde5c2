/** ISO 4217 currencies and the exact conversion of amounts between decimal text and minor units. */

import type { Money } from './types.ts';

const TWO_DECIMALS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ ' +
  'GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK ' +
  'MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB ' +
  'SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD ' +
  'USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL';
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';

const DECIMALS: ReadonlyMap<string, number> = new Map([
  ...TWO_DECIMALS.split(' ').map((c) => [c, 2] as const),
  ...ZERO_DECIMALS.split(' ').map((c) => [c, 0] as const),
  ...THREE_DECIMALS.split(' ').map((c) => [c, 3] as const),
  ...FOUR_DECIMALS.split(' ').map((c) => [c, 4] as const),
]);

/** The currency's number of decimals, or undefined when the code is not an active ISO 4217 currency. */
export function currencyDecimals(code: string): number | undefined {
  return DECIMALS.get(code);
}

export function knownCurrencies(): string[] {
  return [...DECIMALS.keys()];
}

export type AmountProblem = 'syntax' | 'decimals' | 'currency';

/**
 * Splits an unsigned decimal (`1234.5`, or `1234,5` for SWIFT) into minor units of the currency.
 * Returns the problem instead of throwing so each parser can name its own field.
 */
export function toMinorUnits(text: string, currency: string, separator: '.' | ','): bigint | AmountProblem {
  const money = toMoney(text, currency, separator);
  return typeof money === 'string' ? money : money.minor;
}

/** Canonical decimal text of minor units: `370000` USD → `3700.00`. */
export function formatMinorUnits(minor: bigint, currency: string): string {
  const decimals = DECIMALS.get(currency) ?? 2;
  if (decimals === 0) return minor.toString();
  const small = minor >= 0n && minor <= 999_999_999_999_999n;
  const digits = (small ? String(Number(minor)) : minor.toString()).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function allDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * `toMinorUnits` and `formatMinorUnits` of its result in one pass over the text, by char codes: the
 * canonical text is the whole part without leading zeros and the fraction padded to the currency's
 * decimals, so no BigInt is formatted back (every payment parsed passes here; currency.test.ts holds
 * it to the two functions).
 */
export function toMoney(text: string, currency: string, separator: '.' | ','): Money | AmountProblem {
  const decimals = DECIMALS.get(currency);
  if (decimals === undefined) return 'currency';
  const n = text.length;
  const at = text.indexOf(separator);
  const wholeEnd = at < 0 ? n : at;
  if (wholeEnd === 0 || !allDigits(text, 0, wholeEnd) || (at >= 0 && !allDigits(text, at + 1, n))) {
    return 'syntax';
  }
  // trailing zeros beyond the currency's decimals change nothing; other digits would be lost
  let significantEnd = n;
  if (at >= 0) while (significantEnd > at + 1 && text.charCodeAt(significantEnd - 1) === 48) significantEnd--;
  const significant = at < 0 ? 0 : significantEnd - at - 1;
  if (significant > decimals) return 'decimals';
  let lead = 0;
  while (lead < wholeEnd - 1 && text.charCodeAt(lead) === 48) lead++;
  let fraction = at < 0 ? '' : text.slice(at + 1, significantEnd);
  if (significant < decimals) fraction = fraction.padEnd(decimals, '0');
  const whole = lead === 0 && at < 0 ? text : text.slice(lead, wholeEnd);
  const value = decimals === 0 ? whole : `${whole}.${fraction}`;
  // one BigInt, not four, while the value is exact as a double
  if (wholeEnd + decimals > 15) {
    return { value, currency, minor: BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction || '0') };
  }
  let minor = 0;
  for (let i = 0; i < wholeEnd; i++) minor = minor * 10 + text.charCodeAt(i) - 48;
  for (let i = 0; i < decimals; i++) minor = minor * 10 + (fraction.charCodeAt(i) - 48);
  return { value, currency, minor: BigInt(minor) };
}

/** The amount as a float, for statistics only (never for money arithmetic). */
export function minorToNumber(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** (DECIMALS.get(currency) ?? 2);
}
