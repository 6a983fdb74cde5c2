import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError } from '../../errors/index.ts';
import { formatPattern, parsePattern } from '../../stix/index.ts';
import { compilePattern, matchesObservation, PatternMatcher } from './index.ts';
import type { Observation } from './observation.ts';

const FILE: Observation = {
  time: 0,
  objects: {
    '0': {
      type: 'file',
      name: 'invoice.exe',
      size: 371712,
      hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f', 'SHA-256': 'aec0' },
      created: '2014-01-13T07:03:17Z',
      magic_number_hex: 'FFD8',
      is_encrypted: false,
      extensions: {
        'windows-pebinary-ext': {
          sections: [
            { entropy: 7.5, name: '.text' },
            { entropy: 2.0, name: '.rsrc' },
          ],
        },
      },
      parent_directory_ref: '1',
    },
    '1': { type: 'directory', path: 'C:\\Windows\\System32' },
    '2': {
      type: 'artifact',
      payload_bin: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00]).toString('base64'),
    },
  },
};

function matches(pattern: string, obs: Observation = FILE): boolean {
  return matchesObservation(compilePattern(pattern), obs);
}

test('= and != compare strings, numbers and booleans of the same type only', () => {
  assert.equal(matches("[file:name = 'invoice.exe']"), true);
  assert.equal(matches("[file:name = 'other.exe']"), false);
  assert.equal(matches("[file:name != 'other.exe']"), true);
  assert.equal(matches('[file:size = 371712]'), true);
  assert.equal(matches('[file:size = 371712.0]'), true);
  assert.equal(matches("[file:size = '371712']"), false);
  assert.equal(matches("[file:size != '371712']"), false);
  assert.equal(matches('[file:is_encrypted = false]'), true);
  assert.equal(
    matches("[file:hashes.'SHA-256' = 'aec0' AND file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']"),
    true,
  );
});

test('ordering operators on numbers, strings and timestamps', () => {
  assert.equal(matches('[file:size > 371711]'), true);
  assert.equal(matches('[file:size >= 371712]'), true);
  assert.equal(matches('[file:size < 371712]'), false);
  assert.equal(matches('[file:size <= 371712]'), true);
  assert.equal(matches("[file:name < 'j']"), true);
  assert.equal(matches("[file:created = t'2014-01-13T07:03:17.000Z']"), true);
  assert.equal(matches("[file:created > t'2014-01-13T07:03:16.999Z']"), true);
  assert.equal(matches("[file:created < t'2014-01-13T07:03:17Z']"), false);
});

test('IN tests membership, NOT IN its absence', () => {
  assert.equal(matches("[file:name IN ('a.exe', 'invoice.exe')]"), true);
  assert.equal(matches("[file:name IN ('a.exe', 'b.exe')]"), false);
  assert.equal(matches("[file:name NOT IN ('a.exe', 'b.exe')]"), true);
  assert.equal(matches('[file:size IN (1, 371712)]'), true);
  assert.equal(matches("[file:size IN ('371712', 2)]"), false);
  assert.equal(matches('[file:size IN ()]'), false);
});

test('LIKE uses % and _ anchored to the whole value', () => {
  assert.equal(matches("[file:name LIKE 'inv%.exe']"), true);
  assert.equal(matches("[file:name LIKE 'invoice.ex_']"), true);
  assert.equal(matches("[file:name LIKE 'invoice']"), false);
  assert.equal(matches("[file:name LIKE 'invoice_exe']"), true);
  assert.equal(matches("[file:name LIKE 'invoice.e(x)e']"), false);
  assert.equal(matches("[file:name NOT LIKE '%.dll']"), true);
});

test('MATCHES searches with a regular expression; binary properties are matched byte by byte', () => {
  assert.equal(matches("[file:name MATCHES '^inv.+\\\\.exe$']"), true);
  assert.equal(matches("[file:name MATCHES 'voice']"), true);
  assert.equal(matches("[file:name MATCHES '^voice']"), false);
  assert.equal(matches("[artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1']"), true);
  assert.equal(matches("[artifact:payload_bin MATCHES '^\\\\xc3']"), false);
});

test('hex and binary literals compare bytes', () => {
  assert.equal(matches("[file:magic_number_hex = h'ffd8']"), true);
  assert.equal(matches("[file:magic_number_hex = h'ffd9']"), false);
  assert.equal(matches("[artifact:payload_bin = b'1MOyoQIA']"), true);
  assert.equal(matches("[artifact:payload_bin = h'd4c3b2a10200']"), true);
});

test('EXISTS and NOT', () => {
  assert.equal(matches('[EXISTS file:hashes.MD5]'), true);
  assert.equal(matches("[EXISTS file:hashes.'SHA-1']"), false);
  assert.equal(matches("[file:name NOT = 'invoice.exe']"), false);
  assert.equal(
    matches("[file:mime_type NOT = 'x']"),
    false,
    'a missing property matches nothing, negated or not',
  );
});

test('[*] matches any element, [n] one element, negative from the end', () => {
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]"), true);
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 8.0]"), false);
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[1].name = '.rsrc']"), true);
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[-1].name = '.rsrc']"), true);
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[2].name = '.rsrc']"), false);
  assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections = 'x']"), false);
});

test('_ref and _refs paths resolve through the observation objects', () => {
  assert.equal(matches("[file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']"), true);
  const dns: Observation = {
    time: 0,
    objects: {
      a: { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['b', 'c'] },
      b: { type: 'ipv4-addr', value: '203.0.113.1' },
      c: { type: 'ipv4-addr', value: '198.51.100.1' },
    },
  };
  assert.equal(
    matches(
      "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1']",
      dns,
    ),
    true,
  );
  assert.equal(matches("[domain-name:resolves_to_refs[0].value = '198.51.100.1']", dns), false);
  assert.equal(matches("[domain-name:resolves_to_refs[*].type = 'ipv4-addr']", dns), true);
  assert.equal(
    matches("[domain-name:resolves_to_refs[*].value = '198.51.100.1']", {
      time: 0,
      objects: { a: { type: 'domain-name', resolves_to_refs: ['zz'] } },
    }),
    false,
  );
});

test('comparisons joined by AND must hold for one and the same object', () => {
  const two: Observation = {
    time: 0,
    objects: { a: { type: 'file', name: 'a.exe', size: 1 }, b: { type: 'file', name: 'b.exe', size: 2 } },
  };
  assert.equal(matches("[file:name = 'a.exe' AND file:size = 1]", two), true);
  assert.equal(matches("[file:name = 'a.exe' AND file:size = 2]", two), false);
  assert.equal(matches("[file:name = 'a.exe' OR file:size = 2]", two), true);
  assert.equal(matches("[file:name = 'zz' OR directory:path = 'C:\\\\Windows\\\\System32']"), true);
});

test('ISSUBSET and ISSUPERSET compare IPv4 and IPv6 ranges numerically', () => {
  const ip = (value: string): Observation => ({ time: 0, objects: { '0': { type: 'ipv4-addr', value } } });
  assert.equal(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.100.255')), true);
  assert.equal(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip('198.51.101.0')), false);
  assert.equal(
    matches("[ipv4-addr:value ISSUBSET '198.51.100.1/24']", ip('198.51.100.9/28')),
    true,
    'host bits of the block are ignored',
  );
  assert.equal(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/25']", ip('198.51.100.0/24')), false);
  assert.equal(matches("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", ip('255.255.255.255')), true);
  assert.equal(matches("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", ip('10.0.0.256')), false);
  assert.equal(matches("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", ip('11.0.0.1')), true);
  assert.equal(matches("[ipv4-addr:value ISSUPERSET '198.51.100.7']", ip('198.51.100.0/24')), true);
  assert.equal(matches("[ipv4-addr:value ISSUPERSET '198.51.100.0/23']", ip('198.51.100.0/24')), false);
  const v6 = (value: string): Observation => ({ time: 0, objects: { '0': { type: 'ipv6-addr', value } } });
  const block = "'2001:0db8:dead:beef:0000:0000:0000:0000/64'";
  assert.equal(matches(`[ipv6-addr:value ISSUBSET ${block}]`, v6('2001:db8:dead:beef::1')), true);
  assert.equal(matches(`[ipv6-addr:value ISSUBSET ${block}]`, v6('2001:db8:dead:bef0::1')), false);
  assert.equal(matches("[ipv6-addr:value ISSUBSET '::ffff:0:0/96']", v6('::ffff:198.51.100.1')), true);
  assert.equal(matches("[ipv6-addr:value ISSUPERSET '2001:db8::1']", v6('2001:db8::/32')), true);
  assert.equal(matches(`[ipv6-addr:value ISSUBSET ${block}]`, v6('2001:db8:::1')), false);
});

test('a regular expression or CIDR block the evaluator cannot use is a PATTERN_SYNTAX error at the literal', () => {
  for (const [pattern, rule, offset] of [
    ["[file:name MATCHES '(']", 'regex', 19],
    ["[ipv4-addr:value ISSUBSET '1.2.3/8']", 'cidr', 26],
  ] as const) {
    assert.throws(
      () => compilePattern(pattern),
      (e: unknown) => e instanceof BulwarkError && e.rule === rule && e.place.offset === offset,
    );
  }
});

test('one observation satisfies OR, START/STOP and REPEATS 1, never AND or FOLLOWEDBY', () => {
  const at = (time: number): Observation => ({ time, objects: { '0': { type: 'url', value: 'http://x' } } });
  const url = "[url:value = 'http://x']";
  assert.equal(matches(`${url} OR [url:value = 'y']`, at(0)), true);
  assert.equal(matches(`${url} AND [url:value = 'http://x']`, at(0)), false);
  assert.equal(matches(`${url} FOLLOWEDBY ${url}`, at(0)), false);
  assert.equal(matches(`${url} REPEATS 1 TIMES`, at(0)), true);
  assert.equal(matches(`${url} REPEATS 2 TIMES`, at(0)), false);
  const window = "START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'";
  assert.equal(matches(`${url} ${window}`, at(Date.UTC(2016, 0, 1, 12))), true);
  assert.equal(matches(`${url} ${window}`, at(Date.UTC(2016, 0, 2))), false, 'STOP is exclusive');
  assert.equal(compilePattern(`${url} WITHIN 5 SECONDS`).singleObservation, true);
  assert.equal(compilePattern(`${url} AND ${url}`).singleObservation, false);
});

test('the largest patterns the parser accepts format, compile and evaluate without exhausting the stack', () => {
  const ors = `[${Array.from({ length: 999 }, (_, i) => `a:b = ${i}`).join(' OR ')}]`;
  const nested = `${'('.repeat(400)}[a:b = 998]${')'.repeat(400)}`;
  const obs: Observation = { time: 0, objects: { x: { type: 'a', b: 998 } } };
  for (const pattern of [ors, nested]) {
    assert.equal(formatPattern(parsePattern(pattern)).length > 0, true);
    assert.equal(matches(pattern, obs), true);
    assert.equal(new PatternMatcher(pattern).push(obs).length, 1);
  }
});
