import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatMinorUnits, toMinorUnits } from './currency.ts';

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
