import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parsePattern } from '../../stix/index.ts';
import { anchorPlan } from './anchors.ts';
import { simpleAnchor } from './simple-pattern.ts';

const type = fc.constantFrom(
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'file',
  'network-traffic',
  'email-addr',
);
const path = fc.constantFrom(
  'value',
  "hashes.'SHA-256'",
  'hashes.MD5',
  'hashes.sha256',
  "hashes.'sha-1'",
  'dst_ref.value',
  'src_ref.value',
);
const value = fc.oneof(
  fc.constantFrom(
    '10.0.0.1',
    '10.0.0.0/8',
    '2001:db8::/32',
    '2001:db8::1',
    'evil.example',
    'AbC',
    '1.2.3.999',
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/['\\]/.test(s)),
);
const op = fc.constantFrom('=', 'ISSUBSET');

test('the fast recogniser gives the same anchor as the parser for every pattern it accepts', () => {
  fc.assert(
    fc.property(type, path, op, value, (t, p, o, v) => {
      const text = `[${t}:${p} ${o} '${v}']`;
      const fast = simpleAnchor(text);
      let slow: ReturnType<typeof anchorPlan> | undefined;
      try {
        slow = anchorPlan(parsePattern(text).expression);
      } catch {
        slow = undefined;
      }
      if (fast === undefined) return;
      assert.ok(slow?.pure, `${text} is pure for the parser too`);
      assert.equal(slow.anchors?.length, 1);
      const { path: _ignored, ...bare } = slow.anchors![0]!;
      assert.deepEqual(fast, bare, text);
    }),
    { numRuns: 2000 },
  );
});

test('patterns beyond the common shapes are left to the parser', () => {
  for (const text of [
    "[domain-name:value LIKE '%.x']",
    "[url:value = 'it\\'s']",
    "[ipv4-addr:value = '1.2.3.4'] OR [ipv4-addr:value = '1.2.3.5']",
    "[file:name = 'x']",
    "[ipv4-addr:value ISSUBSET 'not-an-ip']",
  ])
    assert.equal(simpleAnchor(text), undefined, text);
});
