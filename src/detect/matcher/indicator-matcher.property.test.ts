import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compilePattern } from '../pattern/compile.ts';
import type { Observation } from '../pattern/observation.ts';
import { IndicatorMatcher } from './indicator-matcher.ts';

const IPS = ['10.0.0.1', '10.0.0.2', '10.0.1.7', '192.168.5.5', '2001:db8::1', '2001:db8:0:1::9'];
const BLOCKS = ['10.0.0.0/24', '10.0.0.0/16', '10.0.0.2/32', '0.0.0.0/0', '192.168.0.0/17', '2001:db8::/48'];
const DOMAINS = ['evil.example', 'a.evil.example', 'bank.example', 'wallet.test'];
const HASHES = ['aa11', 'bb22', 'cc33'];
const URLS = ['http://evil.example/a', 'http://bank.example/login'];

const q = (s: string): string => `'${s}'`;
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const ipType = (ip: string): string => (ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr');

/** One comparison over one object type: indexable ones and ones the index cannot serve. */
const comparison = fc.oneof(
  pick(IPS).map((ip) => `${ipType(ip)}:value = ${q(ip)}`),
  pick(BLOCKS).map((b) => `${ipType(b)}:value ISSUBSET ${q(b)}`),
  pick(BLOCKS).map((b) => `network-traffic:dst_ref.value ISSUBSET ${q(b)}`),
  pick(IPS).map((ip) => `network-traffic:dst_ref.value = ${q(ip)}`),
  pick(DOMAINS).map((d) => `domain-name:value = ${q(d)}`),
  pick(['%.evil.example', 'bank%', '_allet.test', 'evil.example']).map(
    (l) => `domain-name:value LIKE ${q(l)}`,
  ),
  pick(['^a[.]', 'bank', 'test$']).map((r) => `domain-name:value MATCHES ${q(r)}`),
  pick(HASHES).map((h) => `file:hashes.'SHA-256' = ${q(h)}`),
  fc.subarray(URLS, { minLength: 1 }).map((us) => `url:value IN (${us.map(q).join(', ')})`),
  pick(DOMAINS).map((d) => `domain-name:value NOT = ${q(d)}`),
  pick([80, 443]).map((p) => `network-traffic:dst_port = ${p}`),
  pick(['file:size > 100', 'EXISTS file:name', "file:name != 'x.exe'"]),
);

const typeOf = (c: string): string => c.slice(0, c.indexOf(':'));

const observationText = fc.array(comparison, { minLength: 1, maxLength: 3 }).chain((cs) =>
  fc.array(fc.boolean(), { minLength: cs.length, maxLength: cs.length }).map((ands) => {
    let text = cs[0]!;
    // AND only joins comparisons of one type, as the grammar requires
    for (let i = 1; i < cs.length; i++)
      text += ands[i] && typeOf(cs[i]!) === typeOf(cs[i - 1]!) ? ` AND ${cs[i]}` : ` OR ${cs[i]}`;
    return `[${text}]`;
  }),
);

const pattern = fc.oneof(
  { weight: 4, arbitrary: observationText },
  { weight: 1, arbitrary: fc.tuple(observationText, observationText).map(([a, b]) => `${a} OR ${b}`) },
  {
    weight: 1,
    arbitrary: observationText.map((o) => `${o} START t'2026-01-01T00:00:00Z' STOP t'2026-06-01T00:00:00Z'`),
  },
);

const event = fc
  .record({
    ip: fc.option(pick(IPS)),
    dst: fc.option(pick(IPS)),
    port: pick([80, 443]),
    domain: fc.option(pick(DOMAINS)),
    hash: fc.option(pick(HASHES)),
    url: fc.option(pick(URLS)),
    size: fc.integer({ min: 0, max: 200 }),
    month: fc.integer({ min: 0, max: 11 }),
  })
  .map((e): Observation => {
    const objects: Record<string, object> = {};
    if (e.ip !== null) objects['0'] = { type: ipType(e.ip), value: e.ip };
    if (e.dst !== null) {
      objects['1'] = { type: ipType(e.dst), value: e.dst };
      objects['2'] = { type: 'network-traffic', dst_ref: '1', dst_port: e.port, protocols: ['tcp'] };
    }
    if (e.domain !== null) objects['3'] = { type: 'domain-name', value: e.domain };
    if (e.hash !== null) objects['4'] = { type: 'file', hashes: { 'SHA-256': e.hash }, size: e.size };
    if (e.url !== null) objects['5'] = { type: 'url', value: e.url };
    return { time: Date.UTC(2026, e.month, 2), objects };
  });

test('the combined matcher hits exactly the indicators the one-by-one evaluator matches', () => {
  fc.assert(
    fc.property(
      fc.array(pattern, { minLength: 1, maxLength: 25 }),
      fc.array(event, { maxLength: 20 }),
      (patterns, events) => {
        const matcher = new IndicatorMatcher(patterns.map((p, i) => ({ id: `i${i}`, pattern: p })));
        const compiled = patterns.map((p) => compilePattern(p));
        for (const obs of events) {
          const naive = compiled.flatMap((c, i) => (c.test(obs) ? [i] : []));
          const n = matcher.matchObservation(obs);
          const got = [...matcher.hits.subarray(0, n)].sort((a, b) => a - b);
          assert.deepEqual(got, naive, `event ${JSON.stringify(obs)}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});
