import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { pushValue, readValue } from '../graph/account-values.ts';
import { BytesColumn, U32Column } from '../graph/column.ts';
import { encoded, encodeScaled } from './wei.ts';

const lo = new U32Column('/nonexistent/lo');
const hi = new U32Column('/nonexistent/hi');
const pool = new BytesColumn('/nonexistent/pool', 1);

test('encodeScaled writes the words pushValue writes for u · 10^e (canonical, decodes exactly)', () => {
  fc.assert(
    fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 40 }), (u, e) => {
      const v = BigInt(u) * 10n ** BigInt(e);
      encodeScaled(u, e);
      pushValue(v, lo, hi, pool);
      const r = lo.length - 1;
      assert.equal(encoded.hi, hi.data[r]);
      assert.equal(encoded.lo, lo.data[r]);
      assert.equal(readValue(r, lo, hi, pool), v);
    }),
    { numRuns: 5000 },
  );
});

test('encodeScaled at the edges of the inline form', () => {
  for (const [u, e] of [
    [0, 12],
    [1, 0],
    [9223372, 12],
    [9223373, 12],
    [2 ** 53 - 1, 0],
    [2 ** 53 - 1, 19],
    [1, 63],
  ]) {
    const v = BigInt(u!) * 10n ** BigInt(e!);
    encodeScaled(u!, e!);
    pushValue(v, lo, hi, pool);
    assert.equal(encoded.hi, hi.data[lo.length - 1], `${u}e${e}`);
    assert.equal(encoded.lo, lo.data[lo.length - 1], `${u}e${e}`);
  }
});
