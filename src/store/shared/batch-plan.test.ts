import assert from 'node:assert/strict';
import { test } from 'node:test';
import { version } from '../conformance/fixtures.ts';
import { type BatchContext, pairKey, planBatch } from './batch-plan.ts';
import { formatMicros, parseMicros } from './timestamps.ts';

const empty: BatchContext = {
  existing: new Set(),
  latest: new Map(),
  lastSeq: 0,
  lastAddedMicros: 0,
  nowMicros: 0,
};

test('dateAdded continues from the last value when the clock is behind it, one microsecond per version', () => {
  const last = parseMicros('2026-11-23T15:30:00.999999Z')!;
  const plan = planBatch([version(), version()], {
    ...empty,
    lastSeq: 41,
    lastAddedMicros: last,
    nowMicros: last - 5_000_000,
  });
  assert.deepEqual(
    plan.outcomes.map((o) => (o.status === 'added' ? [o.seq, o.dateAdded] : o.status)),
    [
      [42, '2026-11-23T15:30:01.000000Z'],
      [43, '2026-11-23T15:30:01.000001Z'],
    ],
  );
});

test('dateAdded starts from the clock when it is ahead of the last value', () => {
  const now = parseMicros('2026-11-23T16:00:00.5Z')!;
  const plan = planBatch([version()], { ...empty, lastAddedMicros: now - 10, nowMicros: now });
  assert.equal(plan.rows[0]?.dateAddedMicros, now);
  assert.equal(formatMicros(now), '2026-11-23T16:00:00.500000Z');
});

test('a newer version demotes the stored latest; an older one does not; the newest in the batch wins', () => {
  const id = 'indicator--x';
  const latest = new Map([
    [id, { seq: 7, modifiedKey: '2026-01-01T00:00:05.000000000Z', authorOrg: 'org-a' }],
  ]);
  const older = version({ id, modified: '2026-01-01T00:00:01Z' });
  const newer = version({ id, modified: '2026-01-01T00:00:06Z' });
  const newest = version({ id, modified: '2026-01-01T00:00:07Z' });
  const plan = planBatch([older, newest, newer], { ...empty, latest, lastSeq: 7 });
  assert.deepEqual(plan.demote, [7]);
  assert.deepEqual(
    plan.rows.map((r) => r.isLatest),
    [false, true, false],
  );
});

test('versions already stored or repeated in the batch are duplicates and take no seq', () => {
  const a = version();
  const b = version();
  const existing = new Set([pairKey(a.id, '2026-01-01T00:00:00.000000000Z')]);
  const plan = planBatch([a, b, b], { ...empty, existing });
  assert.deepEqual(
    plan.outcomes.map((o) => o.status),
    ['duplicate', 'added', 'duplicate'],
  );
  assert.deepEqual(
    plan.rows.map((r) => r.seq),
    [1],
  );
});
