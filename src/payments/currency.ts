/** ISO 4217 currencies and the exact conversion of amounts between decimal text and minor units. */

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
  const decimals = DECIMALS.get(currency);
  if (decimals === undefined) return 'currency';
  const at = text.indexOf(separator);
  const whole = at < 0 ? text : text.slice(0, at);
  const fraction = at < 0 ? '' : text.slice(at + 1);
  if (whole.length === 0 || !/^\d+$/.test(whole) || (fraction.length > 0 && !/^\d+$/.test(fraction))) {
    return 'syntax';
  }
  // trailing zeros beyond the currency's decimals change nothing; other digits would be lost
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return 'decimals';
  const digits = significant.padEnd(decimals, '0');
  // one BigInt, not four, while the value is exact as a double (every payment screened passes here)
  if (whole.length + decimals <= 15) return BigInt(Number(whole) * 10 ** decimals + Number(digits || '0'));
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(digits || '0');
}

/** Canonical decimal text of minor units: `370000` USD → `3700.00`. */
export function formatMinorUnits(minor: bigint, currency: string): string {
  const decimals = DECIMALS.get(currency) ?? 2;
  if (decimals === 0) return minor.toString();
  const small = minor >= 0n && minor <= 999_999_999_999_999n;
  const digits = (small ? String(Number(minor)) : minor.toString()).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The amount as a float, for statistics only (never for money arithmetic). */
export function minorToNumber(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** (DECIMALS.get(currency) ?? 2);
}
