import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { loadMapping } from './mapping.ts';
import { scanLines } from './scanner.ts';

const dir = tempDir('bulwark-correlation-scan-');
after(() => dir.remove());

writeFileSync(
  join(dir.path, 'spray.yml'),
  `title: Failed logon
id: 3f0e9d8c-7b6a-4954-8f3e-2d1c0b9a8f7e
name: failed_logon
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
---
title: Password spraying
id: 4a1f0e9d-8c7b-4a65-9f4e-3d2c1b0a9f8e
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 1m
  condition:
    field: TargetUserName
    gte: 3
`,
);

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const PAD = 'x'.repeat(150);
const LINES = 15_000; // about 3 MB: several batches, so the correlated events reach different threads

/**
 * Line `n` (1-based), a millisecond after the one before: successful logons, but for failed ones
 * from 203.0.113.9 for three users on lines that fall in different batches, and two from another address.
 */
function line(n: number): string {
  const failed = new Map([
    [100, ['203.0.113.9', 'ann']],
    [7_000, ['203.0.113.9', 'ben']],
    [7_001, ['198.51.100.4', 'ann']],
    [7_002, ['198.51.100.4', 'ben']],
    [14_000, ['203.0.113.9', 'cat']],
  ]).get(n);
  return JSON.stringify({
    '@timestamp': new Date(T0 + n).toISOString(),
    Channel: 'Security',
    EventID: failed === undefined ? 4624 : 4625,
    TargetUserName: failed?.[1] ?? `user${n % 97}`,
    IpAddress: failed?.[0] ?? '192.0.2.1',
    pad: PAD,
  });
}

const input = `${Array.from({ length: LINES }, (_, k) => line(k + 1)).join('\n')}\n`;

for (const workers of [0, 2]) {
  test(`a correlation over events in different batches fires once, in input order (workers: ${workers})`, async () => {
    assert.ok(input.length > 2 << 20, 'the input spans several batches');
    const summary = await scanLines([input], {
      indicators: [],
      mapping: loadMapping(),
      rules: { dir: dir.path },
      workers,
    });
    assert.equal(summary.events, LINES);
    const [base, correlation, ...rest] = summary.sightings;
    assert.deepEqual(rest, []);
    assert.equal(base?.ordinal, 0);
    assert.equal(base?.count, 5);
    assert.equal(correlation?.ordinal, 1, 'correlations come after the rules');
    assert.equal(correlation?.count, 1);
    assert.deepEqual(correlation?.correlation, {
      id: '4a1f0e9d-8c7b-4a65-9f4e-3d2c1b0a9f8e',
      title: 'Password spraying',
      group: { IpAddress: '203.0.113.9' },
      events: 3,
    });
    assert.deepEqual(
      correlation?.evidence.map((h) => h.line),
      [100, 7_000, 14_000],
    );
    assert.equal(correlation?.first, T0 + 100);
    assert.equal(correlation?.last, T0 + 14_000);
  });
}
