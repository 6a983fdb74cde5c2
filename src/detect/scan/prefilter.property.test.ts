import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadMapping } from './mapping.ts';
import { BatchScanner } from './scan-batch.ts';
import { setPath } from './test-events.ts';

const mapping = loadMapping();

// Values indicators name, and spellings of them a log may carry (case, spaces, a trailing dot, IPv6 forms).
const IPS = ['10.0.0.1', '10.0.0.2', '192.168.5.5', '2001:db8::1'];
const BLOCKS = ['10.0.0.0/24', '172.16.0.0/12', '203.0.113.0/24', '0.0.0.0/0', '2001:db8:1::/48'];
const DOMAINS = ['evil.example', 'a.evil.example', 'bank.example', 'Ünïcode.example'];
const HASHES = ['aa11bb22', 'cc33dd44', 'ee55ff66'];
const URLS = ['http://evil.example/a', 'http://bank.example/login'];
const NAMES = ['mimikatz.exe', 'payload.bin'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const indicator = fc.oneof(
  pick(IPS).map((ip) => `[${ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = '${ip}']`),
  pick(BLOCKS).map((b) => `[${b.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value ISSUBSET '${b}']`),
  pick(IPS).map((ip) => `[network-traffic:dst_ref.value = '${ip}']`),
  pick(DOMAINS).map((d) => `[domain-name:value = '${d}']`),
  pick(HASHES).map((h) => `[file:hashes.'SHA-256' = '${h}']`),
  pick(HASHES).map((h) => `[file:hashes.MD5 = '${h}']`),
  pick(URLS).map((u) => `[url:value = '${u}']`),
  pick(NAMES).map((n) => `[file:name = '${n}']`),
  pick(DOMAINS).map((d) => `[domain-name:value = '${d}' AND network-traffic:dst_port = 443]`),
);

/** A value near an indicator's: itself re-spelt, a substring, a superstring, or unrelated. */
const value = fc
  .tuple(
    pick([
      ...IPS,
      '10.0.0.9',
      '10.0.0.77',
      '172.16.3.4',
      '203.0.113.7',
      '2001:DB8:0:0::1',
      '2001:db8:1::5',
      ...DOMAINS,
    ]),
    pick([...HASHES, ...URLS, ...NAMES, 'x', '', '-', 'C:\\Windows\\mimikatz.exe', '/tmp/payload.bin']),
    fc.nat(9),
  )
  .chain(([a, b, how]) =>
    fc.constantFrom(
      a,
      b,
      a.toUpperCase(),
      ` ${b} `,
      `${a}.`,
      a.slice(1),
      `x${a}`,
      `${b}z`,
      `SHA256=${b.toUpperCase()},MD5=${b}`,
      `MD5=${a}`,
      how % 2 === 0 ? `${a}/${b}` : `${b}\\${a}`,
    ),
  );

const FIELDS = [
  'destination.ip',
  'source.ip',
  'dns.question.name',
  'url.full',
  'file.hash.sha256',
  'file.name',
  'host.name',
  'message',
];

const ecsLine = fc
  .array(fc.tuple(pick(FIELDS), fc.oneof(value, fc.array(value, { maxLength: 2 })), fc.boolean()), {
    maxLength: 5,
  })
  .map((fields) => {
    const event: Record<string, unknown> = { '@timestamp': '2026-01-01T00:00:00Z' };
    for (const [f, v, flat] of fields) setPath(event, f, v, flat);
    return JSON.stringify(event);
  });

const hashList = fc
  .tuple(pick(HASHES), pick(HASHES), pick(['', ' ', '\\x']))
  .map(([x, y, pad]) => `SHA1=${x}${pad},SHA256=${y.toUpperCase()},IMPHASH=00`);

const sysmonLine = fc.tuple(value, fc.oneof(value, hashList), value).map(([image, hashes, ip]) =>
  JSON.stringify({
    EventID: 3,
    UtcTime: '2026-01-01 00:00:01.000',
    EventData: { Image: image, Hashes: hashes, DestinationIp: ip },
  }),
);

const zeekLine = fc
  .tuple(value, value)
  .map(([h, q]) => JSON.stringify({ ts: 1767225600.5, uid: 'C1', 'id.resp_h': h, query: q }));

/** Lines as logs have them, and broken ones: cut short, with junk, not objects, escapes spelt out. */
const line = fc.oneof(
  ecsLine,
  sysmonLine,
  zeekLine,
  fc
    .oneof(ecsLine, sysmonLine, zeekLine)
    .map((l) => l.replace(/[.:=]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)),
  fc.tuple(ecsLine, fc.nat()).map(([l, n]) => l.slice(0, n % (l.length + 1))),
  ecsLine.map((l) => `${l}x`),
  // whitespace between tokens (and, harmlessly, inside values), or a control byte where a token goes
  fc
    .tuple(ecsLine, pick([' ', '\t', '\r', ' \t ', '\u0001', '\u001f']))
    .map(([l, ws]) => l.replace(/[,:{}[\]]/g, (c) => `${ws}${c}${ws}`)),
  ecsLine.map((l) => l.replace('{', '[')),
  // blanks and a CR around the object (the filter finds the line's end itself when it clears it)
  fc
    .tuple(ecsLine, pick(['\r', ' \t', ' \r', '\u000b']), pick(['', ' ', '\t']))
    .map(([l, after, before]) => `${before}${l}${after}`),
  fc.string({ maxLength: 20 }),
  fc.json(),
  pick([
    '',
    '  ',
    '{}',
    '{"a":01}',
    '{"a":1.}',
    '{"a":"\t"}',
    '{"a":[1,]}',
    '{"a":"\\x"}',
    ' {"a":true} ',
    '{"a":1,\u0001"b":2}',
    '{"a":1}\u0001',
    '{"d\\u0065stination":{"ip":"10.0.0.1"}}',
  ]),
);

function scanWith(indicators: string[], lines: string[], prefilter: boolean) {
  const scanner = new BatchScanner(
    indicators.map((pattern, i) => ({ id: `indicator--${i}`, pattern })),
    mapping,
    undefined,
    { prefilter },
  );
  return { result: scanner.scan(0, lines.join('\n'), 1), filtered: scanner.lineFilter !== undefined };
}

test('the byte prefilter gives exactly the full path’s events, malformed lines and hits', () => {
  let filtered = 0;
  fc.assert(
    fc.property(
      fc.array(indicator, { minLength: 1, maxLength: 8 }),
      fc.array(line, { maxLength: 30 }),
      (indicators, lines) => {
        const fast = scanWith(indicators, lines, true);
        const full = scanWith(indicators, lines, false);
        if (fast.filtered) filtered++;
        assert.deepEqual(fast.result, full.result);
      },
    ),
    { numRuns: 400 },
  );
  // the property says nothing if the prefilter never ran
  assert.ok(filtered > 300, `prefilter ran in ${filtered} of 400 cases`);
});

test('with tens of thousands of indicators (a fold set with a summary) the prefilter still gives the full path’s result', () => {
  // the small property above never builds a set large enough to keep a summary (see FoldSet)
  const many = Array.from({ length: 40_000 }, (_, i) => `[domain-name:value = 'filler-${i}.example']`);
  const indicators = [
    ...many,
    ...IPS.map((ip) => `[${ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = '${ip}']`),
    ...DOMAINS.map((d) => `[domain-name:value = '${d}']`),
    ...HASHES.map((h) => `[file:hashes.'SHA-256' = '${h}']`),
    ...URLS.map((u) => `[url:value = '${u}']`),
    "[ipv4-addr:value ISSUBSET '203.0.113.0/24']",
  ].map((pattern, i) => ({ id: `indicator--${i}`, pattern }));
  const fast = new BatchScanner(indicators, mapping);
  const full = new BatchScanner(indicators, mapping, undefined, { prefilter: false });
  assert.notEqual(fast.lineFilter, undefined);
  const filler = fc.integer({ min: 0, max: 41_000 }).map((i) => `FILLER-${i}.example`);
  const manyLine = fc
    .array(fc.tuple(pick(FIELDS), fc.oneof(value, filler), fc.boolean()), { maxLength: 5 })
    .map((fields) => {
      const event: Record<string, unknown> = {};
      for (const [f, v, flat] of fields) setPath(event, f, v, flat);
      return JSON.stringify(event);
    });
  fc.assert(
    fc.property(fc.array(fc.oneof(manyLine, line), { maxLength: 40 }), (lines) => {
      const text = lines.join('\n');
      assert.deepEqual(fast.scan(0, text, 1), full.scan(0, text, 1));
    }),
    { numRuns: 300 },
  );
});

test('a basename after a slash and each digest of a list are looked up, as the full path maps them', () => {
  const indicators = ["[file:name = 'mimikatz.exe']", "[file:hashes.MD5 = 'cc33dd44']"];
  const sysmon = (data: Record<string, string>) => JSON.stringify({ EventID: 1, EventData: data });
  const hit = [
    sysmon({ Image: 'C:/Tools/mimikatz.exe' }),
    sysmon({ Image: '/opt/x/mimikatz.exe ' }),
    sysmon({ Hashes: 'SHA1=aa11bb22,MD5=CC33DD44,IMPHASH=00' }),
  ];
  const miss = [
    sysmon({ Image: 'C:/Tools/mimikatz.exe.bak' }),
    sysmon({ Image: 'mimikatz.exe/x' }),
    sysmon({ Hashes: 'SHA1=cc33dd44x,MD5=cc33dd4' }),
  ];
  const { result, filtered } = scanWith(indicators, [...hit, ...miss], true);
  assert.ok(filtered);
  assert.deepEqual(
    result.hits.map((h) => h.line),
    [1, 2, 3],
  );
  assert.deepEqual(result, scanWith(indicators, [...hit, ...miss], false).result);
});

test('no substring or superstring of an indicator value is a hit; a re-spelt value is', () => {
  const indicators = ["[domain-name:value = 'evil.example']", "[ipv4-addr:value = '10.0.0.1']"];
  const miss = [
    { dns: { question: { name: 'notevil.example' } } },
    { dns: { question: { name: 'evil.example.com' } } },
    { dns: { question: { name: 'vil.example' } } },
    { url: { full: 'http://evil.example/x' } },
    { destination: { ip: '10.0.0.10' } },
    { destination: { ip: '110.0.0.1' } },
    { message: 'evil.example' },
  ].map((e) => JSON.stringify(e));
  const hit = [{ dns: { question: { name: 'EVIL.example.' } } }, { destination: { ip: '10.0.0.1' } }].map(
    (e) => JSON.stringify(e),
  );
  const { result, filtered } = scanWith(indicators, [...miss, ...hit], true);
  assert.ok(filtered);
  assert.deepEqual(
    result.hits.map((h) => h.line),
    [miss.length + 1, miss.length + 2],
  );
  assert.equal(result.events, miss.length + hit.length);
});

test('LIKE patterns, patterns without an anchor and rewritten values keep the prefilter on (by the keys they read)', () => {
  const like = "[domain-name:value LIKE '%.evil.example']";
  const lines = [
    JSON.stringify({ dns: { question: { name: 'a.evil.example' } } }),
    JSON.stringify({ source: { ip: '10.0.0.1' } }),
  ];
  const fast = scanWith([like], lines, true);
  assert.equal(fast.filtered, true);
  assert.deepEqual(fast.result, scanWith([like], lines, false).result);
  assert.deepEqual(
    fast.result.hits.map((h) => h.line),
    [1],
  );
  assert.equal(scanWith(['[file:size > 10]'], [], true).filtered, true);
  assert.equal(scanWith(["[mac-addr:value = '00-11-22-33-44-55']"], [], true).filtered, true);
  assert.equal(scanWith(["[ipv6-addr:value = '2001:db8::1']"], [], true).filtered, true);
  // Sigma rules read every event: no prefilter
  const sigma = new BatchScanner([{ id: 'indicator--0', pattern: like }], mapping, {
    shared: [
      {
        id: 'indicator--1',
        text: 'title: t\nlogsource: {category: dns}\ndetection: {sel: {query: x}, condition: sel}',
      },
    ],
  });
  assert.equal(sigma.lineFilter, undefined);
});
