import fc from 'fast-check';
import { makeIban } from './bic.ts';
import { formatMinorUnits } from './currency.ts';
import type { Account, Money, Party, Payment } from './types.ts';

/** fast-check arbitraries of valid payments in the canonical shape the parsers produce (tests only). */

const LETTER = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const ALNUM = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const word = fc.array(ALNUM, { minLength: 1, maxLength: 8 }).map((c) => c.join(''));
const letters = (n: number) => fc.array(LETTER, { minLength: n, maxLength: n }).map((c) => c.join(''));

export const bicArb = fc
  .tuple(
    letters(4),
    fc.constantFrom('US', 'BD', 'PH', 'LK', 'DE', 'GB', 'TW', 'CL', 'VN'),
    letters(2),
    letters(3),
  )
  .map(([a, b, c, d]) => `${a}${b}${c}${d}`);

/** A line of 1–35 SWIFT-X characters that cannot be mistaken for a field tag or a block end. */
export const lineArb = fc
  .array(word, { minLength: 1, maxLength: 4 })
  .map((w) => w.join(' ').slice(0, 35))
  .filter((l) => l.trim() === l && l.length > 0);

const dateArb = fc.date({ min: new Date('2000-01-01'), max: new Date('2079-12-31'), noInvalidDate: true });
const dayArb = dateArb.map((d) => d.toISOString().slice(0, 10));
const minuteArb = dateArb.map((d) => `${d.toISOString().slice(0, 16)}:00`);
const uuidArb = fc.uuid({ version: 4 });

export const moneyArb: fc.Arbitrary<Money> = fc
  .tuple(
    fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'PHP', 'BDT'),
    fc.bigInt({ min: 1n, max: 999_999_999_999n }),
  )
  .map(([currency, minor]) => ({ value: formatMinorUnits(minor, currency), currency, minor }));

const accountArb: fc.Arbitrary<Account> = fc.oneof(
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: 18, maxLength: 18 }).map((d) => ({
    kind: 'iban' as const,
    value: makeIban('DE', d.join('')),
  })),
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: 4, maxLength: 20 }).map((d) => ({
    kind: 'other' as const,
    value: d.join(''),
  })),
);

/** 50K / 59 shaped parties, or option F with a country (MT). */
const mtPartyArb: fc.Arbitrary<Party> = fc.oneof(
  fc.record({
    name: lineArb,
    addressLines: fc.array(lineArb, { maxLength: 3 }),
    account: fc.option(accountArb, { nil: undefined }),
  }),
  fc.record({
    name: lineArb.map((l) => l.slice(0, 33)),
    addressLines: fc.array(
      lineArb.map((l) => l.slice(0, 30)),
      { minLength: 1, maxLength: 2 },
    ),
    country: fc.constantFrom('US', 'BD', 'PH', 'LK'),
    account: accountArb,
  }),
);

/** Drops undefined properties, as the parsers never set them. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = clean(v);
  return out as T;
}

const narrative = (max: number) =>
  fc.array(lineArb, { minLength: 1, maxLength: max }).map((l) => l.join('\n'));

export const mtPaymentArb: fc.Arbitrary<Payment> = fc
  .record({
    reference: fc.array(ALNUM, { minLength: 1, maxLength: 16 }).map((c) => c.join('')),
    uetr: fc.option(uuidArb, { nil: undefined }),
    valueDate: dayArb,
    createdAt: fc.option(minuteArb, { nil: undefined }),
    amount: moneyArb,
    senderBic: bicArb,
    receiverBic: bicArb,
    debtor: mtPartyArb,
    debtorAgent: fc.option(bicArb, { nil: undefined }),
    creditor: mtPartyArb,
    creditorAgent: fc.option(bicArb, { nil: undefined }),
    intermediaries: fc.array(
      bicArb.map((bic) => ({ role: 'intermediary', bic })),
      { maxLength: 1 },
    ),
    remittance: fc.option(narrative(4), { nil: undefined }),
    charges: fc.constantFrom('OUR', 'SHA', 'BEN'),
    bankOperationCode: fc.constant('CRED'),
    senderToReceiver: fc.option(narrative(6), { nil: undefined }),
  })
  .map((p) => clean({ format: 'mt103' as const, ...p, source: { index: 0, line: 1 } }));

const isoText = fc
  .string({ minLength: 1, maxLength: 35 })
  .map((s) => s.trim())
  // XML normalises line ends and the parser trims; control characters are not allowed in XML 1.0
  .filter((s) => s.length > 0 && !/\s\s/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 32));

const isoPartyArb: fc.Arbitrary<Party> = fc.record({
  name: isoText,
  addressLines: fc.array(isoText, { maxLength: 2 }),
  country: fc.option(fc.constantFrom('US', 'BD', 'PH', 'LK', 'TW'), { nil: undefined }),
  account: fc.option(accountArb, { nil: undefined }),
  isPerson: fc.option(fc.boolean(), { nil: undefined }),
  identifier: fc.option(word, { nil: undefined }),
});

export const pacsPaymentArb: fc.Arbitrary<Payment> = fc
  .record({
    reference: fc.array(ALNUM, { minLength: 1, maxLength: 35 }).map((c) => c.join('')),
    endToEndId: fc.array(ALNUM, { minLength: 1, maxLength: 35 }).map((c) => c.join('')),
    uetr: fc.option(uuidArb, { nil: undefined }),
    valueDate: dayArb,
    createdAt: dateArb.map((d) => d.toISOString().slice(0, 19)),
    amount: moneyArb,
    senderBic: bicArb,
    receiverBic: bicArb,
    debtor: isoPartyArb,
    debtorAgent: bicArb,
    creditor: isoPartyArb,
    creditorAgent: bicArb,
    intermediaries: fc.array(
      bicArb.map((bic) => ({ role: 'intermediary', bic })),
      { maxLength: 3 },
    ),
    remittance: fc.option(
      fc.array(isoText, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')),
      { nil: undefined },
    ),
    charges: fc.constantFrom('DEBT', 'CRED', 'SHAR', 'SLEV'),
  })
  .map((p) => {
    const fix = (party: Party): Party => {
      // an identifier is only carried where the party has an identification element
      const { identifier, ...rest } = party;
      return party.isPerson === undefined ? rest : { ...rest, identifier: identifier ?? 'UNKNOWN' };
    };
    return clean({
      format: 'pacs.008' as const,
      ...p,
      debtor: fix(p.debtor),
      creditor: fix(p.creditor),
      source: { index: 0, line: 1, transaction: 0 },
    });
  });
