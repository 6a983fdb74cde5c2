import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ipv4Within, ipv6Range, ipv6Within, packedIpv4 } from '../pattern/ip.ts';
import { CidrIndex } from './cidr-index.ts';

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const v4Block = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
// Few distinct high bits so blocks and addresses overlap often.
const near = fc
  .tuple(fc.constantFrom(10, 192), fc.constantFrom(0, 168), octet, octet)
  .map((o) => o.join('.'));
const nearBlock = fc.tuple(near, fc.integer({ min: 8, max: 32 })).map(([a, p]) => `${a}/${p}`);
const group = fc.integer({ min: 0, max: 3 }).map((n) => n.toString(16));
const v6 = fc.tuple(group, group).map(([a, b]) => `2001:db8:${a}::${b}`);
const v6Block = fc.tuple(v6, fc.integer({ min: 32, max: 128 })).map(([a, p]) => `${a}/${p}`);

function naive(blocks: readonly string[], value: string): number[] {
  const out: number[] = [];
  blocks.forEach((b, code) => {
    const outer4 = packedIpv4(b);
    const inner4 = packedIpv4(value);
    if (outer4 >= 0) {
      if (inner4 >= 0 && ipv4Within(inner4, outer4)) out.push(code);
      return;
    }
    const outer6 = ipv6Range(b);
    const inner6 = value.includes(':') ? ipv6Range(value) : undefined;
    if (outer6 && inner6 && ipv6Within(inner6, outer6)) out.push(code);
  });
  return out;
}

test('the per-prefix block index finds exactly the blocks a naive scan finds', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(v4Block, nearBlock, near, v6Block), { minLength: 1, maxLength: 40 }),
      fc.array(fc.oneof(v4, near, nearBlock, v6, v6Block), { maxLength: 20 }),
      (blocks, values) => {
        const index = new CidrIndex(blocks.map((block, code) => ({ block, code })));
        for (const value of values) {
          const got: number[] = [];
          index.lookup(value, (code) => got.push(code));
          assert.deepEqual(
            [...new Set(got)].sort((a, b) => a - b),
            naive(blocks, value),
            value,
          );
        }
      },
    ),
    { numRuns: 500 },
  );
});
