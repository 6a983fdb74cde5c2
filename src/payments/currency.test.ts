import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatMinorUnits, toMinorUnits, toMoney } from './currency.ts';

/** The exact reading with BigInt only, that the fast path for short amounts must agree with. */
function exact(whole: string, fraction: string, decimals: number): bigint {
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

test('amounts become exact minor units and back, on both sides of the double-precision limit', () => {
  const digits = (max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
  fc.assert(
    fc.property(
      digits(20),
      fc.option(digits(2), { nil: undefined }),
      fc.constantFrom('USD', 'JPY', 'BHD'),
      (whole, fraction, ccy) => {
        const decimals = ccy === 'JPY' ? 0 : ccy === 'BHD' ? 3 : 2;
        const text = fraction === undefined ? whole : `${whole},${fraction}`;
        const minor = toMinorUnits(text, ccy, ',');
        const significant = (fraction ?? '').replace(/0+$/, '');
        if (significant.length > decimals) return assert.equal(minor, 'decimals');
        const expected = exact(whole, significant, decimals);
        assert.equal(minor, expected);
        const formatted = formatMinorUnits(expected, ccy);
        const reference = expected.toString().padStart(decimals + 1, '0');
        assert.equal(
          formatted,
          decimals === 0 ? reference : `${reference.slice(0, -decimals)}.${reference.slice(-decimals)}`,
        );
      },
    ),
    { numRuns: 5000 },
  );
});

/** The reading `toMoney` replaced: regexes, then BigInt arithmetic and formatting of the result. */
function previousMinorUnits(text: string, decimals: number, separator: string): bigint | string {
  const at = text.indexOf(separator);
  const whole = at < 0 ? text : text.slice(0, at);
  const fraction = at < 0 ? '' : text.slice(at + 1);
  if (whole.length === 0 || !/^\d+$/.test(whole) || (fraction.length > 0 && !/^\d+$/.test(fraction))) {
    return 'syntax';
  }
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return 'decimals';
  return exact(whole, significant, decimals);
}

test('toMoney gives the minor units and canonical text of the regex-and-BigInt reading, or its problem', () => {
  const text = fc
    .array(fc.constantFrom('0', '0', '1', '5', '9', ',', '.', 'a', ' ', '-', '٣'), { maxLength: 22 })
    .map((c) => c.join(''));
  fc.assert(
    fc.property(
      text,
      fc.constantFrom('USD', 'JPY', 'BHD', 'CLF', 'XXX'),
      fc.constantFrom(',', '.'),
      (t, ccy, sep: ',' | '.') => {
        const money = toMoney(t, ccy, sep);
        const decimals = ({ USD: 2, JPY: 0, BHD: 3, CLF: 4 } as Record<string, number>)[ccy];
        if (decimals === undefined) return assert.equal(money, 'currency');
        const expected = previousMinorUnits(t, decimals, sep);
        if (typeof expected === 'string') return assert.equal(money, expected, t);
        assert.deepEqual(
          money,
          { value: formatMinorUnits(expected, ccy), currency: ccy, minor: expected },
          t,
        );
        assert.equal(toMinorUnits(t, ccy, sep), expected);
      },
    ),
    { numRuns: 10000 },
  );
  assert.deepEqual(toMoney('007,5', 'USD', ','), { value: '7.50', currency: 'USD', minor: 750n });
  assert.deepEqual(toMoney('0,', 'JPY', ','), { value: '0', currency: 'JPY', minor: 0n });
});
