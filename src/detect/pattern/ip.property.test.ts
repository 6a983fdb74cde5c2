import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ipv4Within, ipv6Range, ipv6Within, packedIpv4 } from './ip.ts';

const dotted = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const sameNetwork = (a: number, b: number, prefix: number): boolean =>
  Math.floor(a / 2 ** (32 - prefix)) === Math.floor(b / 2 ** (32 - prefix));

test('an IPv4 address lies in a block exactly when their top prefix bits agree', () => {
  const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  fc.assert(
    fc.property(u32, u32, fc.integer({ min: 0, max: 32 }), (address, network, prefix) => {
      const inside = ipv4Within(packedIpv4(dotted(address)), packedIpv4(`${dotted(network)}/${prefix}`));
      assert.equal(inside, sameNetwork(address, network, prefix));
    }),
    { numRuns: 3000 },
  );
});

test('IPv4-mapped IPv6 blocks agree with the IPv4 arithmetic', () => {
  const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  fc.assert(
    fc.property(u32, u32, fc.integer({ min: 0, max: 32 }), (address, network, prefix) => {
      const inner = ipv6Range(`::ffff:${dotted(address)}`);
      const outer = ipv6Range(`::ffff:${dotted(network)}/${96 + prefix}`);
      assert.ok(inner && outer);
      assert.equal(ipv6Within(inner, outer), sameNetwork(address, network, prefix));
    }),
    { numRuns: 1000 },
  );
});

test('arbitrary text is never taken for an address unless it is one', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), (text) => {
      const packed = packedIpv4(text);
      if (packed >= 0) assert.match(text, /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/);
      const v6 = ipv6Range(text);
      if (v6) assert.ok(v6.lo <= v6.hi && v6.hi < 1n << 128n);
    }),
    { numRuns: 3000 },
  );
});
