import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatMicros, parseMicros, timestampKey } from './timestamps.ts';

const instant = fc.bigInt({ min: 0n, max: 8_000_000_000_000_000n }).map(Number);

test('formatMicros and parseMicros round-trip every microsecond instant', () => {
  fc.assert(
    fc.property(instant, (us) => {
      const text = formatMicros(us);
      assert.match(text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      assert.equal(parseMicros(text), us);
    }),
  );
});

test('formatted instants sort as text in the order of their values', () => {
  fc.assert(
    fc.property(instant, instant, (a, b) => {
      const [x, y] = [formatMicros(a), formatMicros(b)];
      assert.equal(Math.sign(a - b), x < y ? -1 : x > y ? 1 : 0);
    }),
  );
});

test('timestampKey orders modified values by instant whatever their fractional digits', () => {
  const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 9 });
  fc.assert(
    fc.property(instant, digits, instant, digits, (a, fa, b, fb) => {
      const base = (us: number) => formatMicros(us - (us % 1_000_000)).slice(0, 19);
      const text = (us: number, f: string) => `${base(us)}${f ? `.${f}` : ''}Z`;
      const nanos = (us: number, f: string) =>
        BigInt(us - (us % 1_000_000)) * 1000n + BigInt(f.padEnd(9, '0') || '0');
      const [na, nb] = [nanos(a, fa), nanos(b, fb)];
      const [ka, kb] = [timestampKey(text(a, fa)), timestampKey(text(b, fb))];
      assert.equal(na < nb ? -1 : na > nb ? 1 : 0, ka < kb ? -1 : ka > kb ? 1 : 0);
    }),
  );
});

test('timestampKey treats a missing modified as the smallest key', () => {
  assert.equal(timestampKey(null), '');
  assert.ok(timestampKey(null) < timestampKey('1970-01-01T00:00:00Z'));
});

test('parseMicros truncates sub-microsecond digits and rejects non-UTC text', () => {
  assert.equal(parseMicros('1970-01-01T00:00:01.0000019Z'), 1_000_001);
  assert.equal(parseMicros('2026-11-23T15:30:00+01:00'), undefined);
  assert.equal(parseMicros('yesterday'), undefined);
});
