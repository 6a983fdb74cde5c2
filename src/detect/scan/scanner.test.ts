import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateObject } from '../../stix/index.ts';
import type { IndicatorInput } from '../matcher/index.ts';
import { loadMapping } from './mapping.ts';
import { BatchScanner } from './scan-batch.ts';
import { type ScanSummary, scanLines } from './scanner.ts';
import { sightingObjects } from './stix-output.ts';

const INDICATORS = [
  { id: 'indicator--11111111-1111-4111-8111-111111111111', pattern: "[ipv4-addr:value = '198.51.100.7']" },
  {
    id: 'indicator--22222222-2222-4222-8222-222222222222',
    pattern: "[domain-name:value LIKE '%.evil.example']",
  },
  {
    id: 'indicator--33333333-3333-4333-8333-333333333333',
    pattern:
      "[domain-name:value = 'stage.evil.example'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.5'] WITHIN 60 SECONDS",
  },
];

function ecs(second: number, fields: Record<string, unknown>): string {
  return JSON.stringify({
    '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    ...fields,
  });
}

const LOG = [
  ecs(1, { destination: { ip: '198.51.100.7' } }),
  'this is not json',
  ecs(2, { dns: { question: { name: 'stage.evil.example' } } }),
  '',
  '[1,2]',
  ecs(3, { destination: { ip: '203.0.113.5' } }),
  ecs(4, { destination: { ip: '198.51.100.7' }, url: { full: 'http://x.example/' } }),
  ecs(5, { destination: { ip: '10.0.0.1' } }),
].join('\n');

async function scan(
  text: string,
  workers: number,
  indicators: readonly IndicatorInput[] = INDICATORS,
): Promise<{ summary: ScanSummary; malformed: number[] }> {
  const malformed: number[] = [];
  const summary = await scanLines([text], {
    indicators,
    mapping: loadMapping(),
    workers,
    onMalformed: (line) => malformed.push(line),
  });
  return { summary, malformed };
}

test('malformed lines are counted and named by line number, and the scan goes on past them', async () => {
  const { summary, malformed } = await scan(LOG, 0);
  assert.deepEqual(malformed, [2, 5]);
  assert.equal(summary.malformed, 2);
  assert.equal(summary.events, 5);
  assert.equal(summary.lines, 8);
});

test('each indicator gets one sighting with its matched-event count and first and last times', async () => {
  const { summary } = await scan(LOG, 0);
  const byId = new Map(summary.sightings.map((s) => [INDICATORS[s.ordinal]!.id, s]));
  const ip = byId.get(INDICATORS[0]!.id)!;
  assert.equal(ip.count, 2);
  assert.equal(ip.first, Date.UTC(2026, 0, 1, 0, 0, 1));
  assert.equal(ip.last, Date.UTC(2026, 0, 1, 0, 0, 4));
  assert.deepEqual(
    ip.evidence.map((e) => e.line),
    [1, 7],
  );
  assert.equal(byId.get(INDICATORS[1]!.id)?.count, 1);
  // the FOLLOWEDBY pattern matches the DNS event followed by the connection: two events
  const followed = byId.get(INDICATORS[2]!.id)!;
  assert.deepEqual(
    followed.evidence.map((e) => e.line),
    [3, 6],
  );
});

test('worker threads give the same summary, in the same order, as scanning on one thread', async () => {
  // enough lines for several batches, so threads finish out of order
  const big = Array.from({ length: 6 }, () => `${LOG}\n${'{"pad":"'.padEnd(400_000, 'x')}"}`).join('\n');
  const one = await scan(big, 0);
  const many = await scan(big, 2);
  assert.deepEqual(many.malformed, one.malformed);
  assert.deepEqual(many.summary, one.summary);
});

test('threads that run only the byte prefilter on shared tables give the one-thread summary', async () => {
  const exact = [
    INDICATORS[0]!,
    {
      id: 'indicator--44444444-4444-4444-8444-444444444444',
      pattern: "[ipv4-addr:value ISSUBSET '10.0.0.0/24']",
    },
    { id: 'indicator--55555555-5555-4555-8555-555555555555', pattern: "[url:value = 'http://x.example/']" },
    // the threads load the IPv6 normaliser themselves: a re-spelt address must still hit there
    { id: 'indicator--66666666-6666-4666-8666-666666666666', pattern: "[ipv6-addr:value = '2001:db8::1']" },
  ];
  // the prefilter decides these indicators, so the threads get its tables rather than the matcher
  assert.notEqual(new BatchScanner(exact, loadMapping()).lineFilter, undefined);
  const v6 = ecs(6, { source: { ip: '2001:DB8:0:0::1' } });
  const big = Array.from({ length: 6 }, () => `${LOG}\n${v6}\n${'{"pad":"'.padEnd(400_000, 'x')}"}`).join(
    '\n',
  );
  const one = await scan(big, 0, exact);
  const many = await scan(big, 2, exact);
  assert.equal(one.summary.sightings.length, 4);
  assert.equal(one.summary.sightings.find((x) => x.ordinal === 3)?.count, 6);
  assert.deepEqual(many.malformed, one.malformed);
  assert.deepEqual(many.summary, one.summary);
});

test('chunks are copied before the next is pulled, so a reader may reuse its buffer; lines longer than a batch survive', async () => {
  const long = ecs(9, { destination: { ip: '198.51.100.7' }, pad: 'y'.repeat(5_000_000) });
  const text = `${LOG}\n${long}\n${LOG}\n`;
  const bytes = Buffer.from(text);
  async function* reused(): AsyncGenerator<Buffer> {
    const buffer = Buffer.alloc(65_536);
    for (let at = 0; at < bytes.length; at += buffer.length) {
      const n = bytes.copy(buffer, 0, at, at + buffer.length);
      yield buffer.subarray(0, n);
      buffer.fill(0x7b);
    }
  }
  for (const workers of [0, 2]) {
    const expected = await scan(text, 0);
    const summary = await scanLines(reused(), { indicators: INDICATORS, mapping: loadMapping(), workers });
    assert.deepEqual(summary, expected.summary);
    assert.equal(summary.lines, 17);
    const ip = summary.sightings.find((x) => x.ordinal === 0)!;
    assert.deepEqual(
      ip.evidence.map((e) => e.line),
      [1, 7, 9, 10, 16],
    );
  }
});

test('every object written for the sightings is valid STIX 2.1 and every reference resolves', async () => {
  const { summary } = await scan(LOG, 0);
  const objects = [
    ...sightingObjects(
      summary.sightings,
      INDICATORS.map((i) => i.id),
    ),
  ];
  const ids = new Set(objects.map((o) => o.id));
  for (const o of objects) {
    const result = validateObject(o);
    assert.ok(result.ok, `${o.id}: ${JSON.stringify(result)}`);
  }
  for (const o of objects.filter((x) => x.type === 'observed-data'))
    for (const ref of o.object_refs as string[]) assert.ok(ids.has(ref), ref);
  for (const o of objects.filter((x) => x.type === 'sighting'))
    for (const ref of o.observed_data_refs as string[]) assert.ok(ids.has(ref), ref);
  assert.equal(objects.filter((o) => o.type === 'sighting').length, 3);
});

test('with more batches than the threads hold queued (over 12 MB), results fold in input order on 1 and 2 threads', async () => {
  // each copy of the log numbers its lines anew, so evidence out of order or a batch lost shows
  const copies = Array.from({ length: 30_000 }, (_, k) =>
    LOG.replace('198.51.100.7', k % 1000 === 0 ? '198.51.100.7' : '192.0.2.1'),
  );
  const text = `${copies.join('\n')}\n`;
  const expected = await scan(text, 0);
  assert.ok(text.length > 12 * 2 ** 20, `${text.length} bytes`);
  for (const workers of [1, 2]) {
    const { summary } = await scan(text, workers);
    assert.deepEqual(summary, expected.summary);
  }
  const ip = expected.summary.sightings.find((x) => x.ordinal === 0)!;
  assert.equal(ip.count, 30 + 30_000);
  assert.equal(expected.summary.lines, 30_000 * 8);
});
