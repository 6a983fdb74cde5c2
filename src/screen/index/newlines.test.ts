import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { findNewlines } from './newlines.ts';

it('finds exactly the newlines a byte-by-byte scan finds, at any alignment and range', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 200 }).map((b) => b.map((x) => (x % 5 === 0 ? 10 : x))),
      fc.nat(7),
      fc.nat(),
      fc.nat(),
      (body, shift, a, b) => {
        const buf = new Uint8Array(body.length + shift).subarray(shift);
        buf.set(body);
        const start = body.length === 0 ? 0 : a % body.length;
        const end = start + (body.length === 0 ? 0 : b % (body.length - start + 1));
        const expected: number[] = [];
        for (let i = start; i < end; i++) if (buf[i] === 10) expected.push(i);
        const { count, out } = findNewlines(buf, start, end, new Uint32Array(2));
        assert.deepEqual([...out.subarray(0, count)], expected);
      },
    ),
    { numRuns: 1000 },
  );
});
