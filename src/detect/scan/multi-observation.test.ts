import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndicatorInput } from '../matcher/index.ts';
import { loadMapping } from './mapping.ts';
import { prefilterLines } from './prefilter-lines.ts';
import { BatchScanner } from './scan-batch.ts';
import { type ScanSummary, scanLines } from './scanner.ts';

// Several-observation patterns with an observation no exact value, block or expression anchors:
// the matcher cannot follow them through its index, the scan routes events to them by object type.
// Parenthesised: in the STIX grammar a qualifier binds to the observation expression just before it,
// so without the parentheses WITHIN would qualify only the second observation (see the last test).
const PORT_THEN_IP = {
  id: 'indicator--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  pattern:
    "([network-traffic:dst_port > 4000] FOLLOWEDBY [ipv4-addr:value = '203.0.113.9']) WITHIN 60 SECONDS",
};
const BURST = {
  id: 'indicator--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  pattern:
    "[network-traffic:dst_port >= 6000 AND network-traffic:dst_port < 6100 AND network-traffic:dst_ref.value != '10.9.9.9'] REPEATS 3 TIMES WITHIN 30 SECONDS",
};
// an exact indicator, so the byte prefilter could decide the anchored part alone
const EXACT = {
  id: 'indicator--cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  pattern: "[domain-name:value = 'x.example']",
};
const INDICATORS = [PORT_THEN_IP, BURST, EXACT];

const T0 = Date.UTC(2026, 0, 1);

function ecs(ms: number, fields: Record<string, unknown>): string {
  return JSON.stringify({ '@timestamp': new Date(T0 + ms).toISOString(), ...fields });
}
const to = (ms: number, ip: string, port: number): string => ecs(ms, { destination: { ip, port } });
const dns = (ms: number, name: string): string => ecs(ms, { dns: { question: { name } } });

async function scan(
  lines: readonly string[],
  workers = 0,
  indicators: readonly IndicatorInput[] = INDICATORS,
) {
  return scanLines([lines.join('\n')], { indicators, mapping: loadMapping(), workers });
}

/** Matched lines per indicator id. */
function matched(
  summary: ScanSummary,
  indicators: readonly IndicatorInput[] = INDICATORS,
): Map<string, number[]> {
  return new Map(summary.sightings.map((s) => [indicators[s.ordinal]!.id, s.evidence.map((e) => e.line)]));
}

test('a FOLLOWEDBY with a comparison fires on the ordered pair within its window, with both events as evidence', async () => {
  const summary = await scan([
    dns(0, 'unrelated.example'),
    to(1_000, '10.0.0.1', 4444),
    to(2_000, '10.0.0.2', 80),
    to(31_000, '203.0.113.9', 443),
  ]);
  assert.deepEqual(matched(summary).get(PORT_THEN_IP.id), [2, 4]);
  assert.equal(summary.sightings.find((s) => s.ordinal === 0)?.first, T0 + 1_000);
});

test('the FOLLOWEDBY does not fire outside its window, in the wrong order, or on one event with both', async () => {
  const outside = await scan([to(0, '10.0.0.1', 4444), to(61_000, '203.0.113.9', 443)]);
  assert.equal(matched(outside).get(PORT_THEN_IP.id), undefined);
  const reversed = await scan([to(0, '203.0.113.9', 443), to(10_000, '10.0.0.1', 4444)]);
  assert.equal(matched(reversed).get(PORT_THEN_IP.id), undefined);
  const one = await scan([to(0, '203.0.113.9', 4444)]);
  assert.equal(matched(one).get(PORT_THEN_IP.id), undefined);
  // the boundary: 60 s apart is within 60 SECONDS
  const edge = await scan([to(0, '10.0.0.1', 4444), to(60_000, '203.0.113.9', 443)]);
  assert.deepEqual(matched(edge).get(PORT_THEN_IP.id), [1, 2]);
});

test('REPEATS … WITHIN over range and != comparisons counts only the events that satisfy them', async () => {
  const burst = await scan([
    to(0, '10.0.0.1', 6001),
    to(5_000, '10.9.9.9', 6002), // excluded by the != on the destination
    to(6_000, '10.0.0.1', 6200), // out of range
    to(10_000, '10.0.0.3', 6050),
    to(20_000, '10.0.0.4', 6099),
  ]);
  assert.deepEqual(matched(burst).get(BURST.id), [1, 4, 5]);
  // three in range, but spread over 40 s
  const slow = await scan([
    to(0, '10.0.0.1', 6001),
    to(20_000, '10.0.0.1', 6002),
    to(40_000, '10.0.0.1', 6003),
  ]);
  assert.equal(matched(slow).get(BURST.id), undefined);
  const two = await scan([to(0, '10.0.0.1', 6001), to(1_000, '10.9.9.9', 6002), to(2_000, '10.0.0.1', 6003)]);
  assert.equal(matched(two).get(BURST.id), undefined);
});

test('the byte prefilter stays on with such patterns loaded: it keeps the lines holding a field they read', async () => {
  const scanner = new BatchScanner(INDICATORS, loadMapping());
  assert.notEqual(scanner.lineFilter, undefined);
  const lines = [to(0, '10.0.0.1', 4444), dns(1_000, 'unrelated.example'), to(2_000, '203.0.113.9', 443)];
  const pre = prefilterLines(scanner.lineFilter, Buffer.from(lines.join('\n')), 1);
  // the DNS line holds no address, port or name an indicator reads
  assert.deepEqual([pre.count, pre.cleared], [2, 1]);
  const full = new BatchScanner(INDICATORS, loadMapping(), undefined, { prefilter: false });
  assert.deepEqual(
    await scan(lines),
    await scanLines([lines.join('\n')], {
      indicators: INDICATORS,
      mapping: loadMapping(),
      workers: 0,
      scanner: full,
    }),
  );
});

test('one thread and several give the same sightings over batches that split the pairs', async () => {
  // ~2.7 MB: three 1 MB batches; the line times step 100 ms, instances 300 s apart so none pair across
  const lines: string[] = [];
  const expectFollow: number[] = [];
  const expectBurst: number[] = [];
  for (let i = 0; lines.length < 30_000; i++) {
    const ms = lines.length * 100;
    const n = lines.length + 1;
    const k = i % 3000;
    if (k === 100) {
      lines.push(to(ms, '10.1.1.1', 4000 + (i % 2000) + 1));
      expectFollow.push(n);
    } else if (k === 300) {
      // 20 s after the port: the pair
      lines.push(to(ms, '203.0.113.9', 53));
      expectFollow.push(n);
    } else if (k === 1100)
      lines.push(to(ms, '10.1.1.1', 4500)); // followed only 70 s later: outside
    else if (k === 1800) lines.push(to(ms, '203.0.113.9', 80));
    else if (k === 2000 || k === 2050 || k === 2100) {
      lines.push(to(ms, '10.2.2.2', 6000 + k / 50));
      expectBurst.push(n);
    } else if (i % 2 === 0) lines.push(to(ms, `10.3.${i % 250}.${i % 200}`, 80 + (i % 1000)));
    else lines.push(dns(ms, `n${i}.example`));
  }
  const one = await scan(lines, 0);
  const got = matched(one);
  assert.deepEqual(got.get(PORT_THEN_IP.id), expectFollow);
  assert.deepEqual(got.get(BURST.id), expectBurst);
  assert.ok(expectFollow.length >= 20 && expectBurst.length >= 30);
  for (const workers of [1, 3]) assert.deepEqual(await scan(lines, workers), one);
});

test('unparenthesised, WITHIN qualifies only the observation before it, as the STIX grammar binds it', async () => {
  const loose = {
    id: 'indicator--dddddddd-dddd-4ddd-8ddd-dddddddddddd',
    pattern:
      "[network-traffic:dst_port > 4000] FOLLOWEDBY [ipv4-addr:value = '203.0.113.9'] WITHIN 60 SECONDS",
  };
  const far = [to(0, '10.0.0.1', 4444), to(61_000, '203.0.113.9', 443)];
  assert.deepEqual(matched(await scan(far, 0, [loose]), [loose]).get(loose.id), [1, 2]);
  // the order still holds
  const reversed = [to(0, '203.0.113.9', 443), to(61_000, '10.0.0.1', 4444)];
  assert.equal(matched(await scan(reversed, 0, [loose]), [loose]).get(loose.id), undefined);
});
