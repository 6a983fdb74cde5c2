import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { sha256dInto, sha256Into } from './sha256.ts';

test('the JavaScript SHA-256 equals node:crypto for any message and offset', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (msg, pad) => {
      const src = new Uint8Array(pad + msg.length);
      src.set(msg, pad);
      const out = new Uint8Array(40);
      sha256Into(src, pad, msg.length, out, 3);
      assert.equal(Buffer.from(out.subarray(3, 35)).toString('hex'), hash('sha256', msg));
      sha256dInto(src, pad, msg.length, out, 0);
      assert.equal(
        Buffer.from(out.subarray(0, 32)).toString('hex'),
        hash('sha256', hash('sha256', msg, 'buffer')),
      );
    }),
    { numRuns: 500 },
  );
});
