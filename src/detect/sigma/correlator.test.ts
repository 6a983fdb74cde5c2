import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Correlator, eventTime } from './correlator.ts';
import { compileRules } from './engine.ts';
import { loadSigmaText } from './load-rule.ts';
import type { SigmaEvent } from './types.ts';

const RULES = `title: Failed logon
id: 10000000-0000-4000-8000-000000000001
name: failed_logon
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
---
title: Successful logon
id: 10000000-0000-4000-8000-000000000002
name: successful_logon
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4624
    condition: selection
`;

function correlationText(body: string): string {
  return `${RULES}---\ntitle: Correlation\nid: 20000000-0000-4000-8000-000000000001\nlevel: high\ncorrelation:\n${body}`;
}

function run(body: string, events: SigmaEvent[]) {
  const { rules, correlations, errors } = loadSigmaText(correlationText(body), 'mr.yml');
  assert.deepEqual(errors, []);
  const engine = compileRules(rules);
  const correlator = new Correlator(correlations, rules);
  // Two batches, to show windows span batch boundaries.
  const cut = Math.floor(events.length / 2);
  const first = events.slice(0, cut);
  const second = events.slice(cut);
  return [
    ...correlator.push(first, engine.matchBatch(first, { product: 'windows', service: 'security' })),
    ...correlator.push(second, engine.matchBatch(second, { product: 'windows', service: 'security' })),
  ];
}

const at = (second: number, EventID: number, user: string, ip = '10.0.0.1'): SigmaEvent => ({
  EventID,
  TargetUserName: user,
  IpAddress: ip,
  '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
});

test('event_count fires once per group when the count within the timespan meets the condition', () => {
  const body =
    '    type: event_count\n    rules: [failed_logon]\n    group-by: [TargetUserName]\n    timespan: 30s\n    condition:\n        gte: 3\n';
  const events = [
    at(0, 4625, 'bob'),
    at(5, 4625, 'alice'),
    at(10, 4625, 'bob'),
    at(50, 4625, 'bob'),
    at(55, 4625, 'bob'),
    at(58, 4625, 'bob'),
    at(59, 4625, 'alice'),
  ];
  const alerts = run(body, events);
  assert.deepEqual(
    alerts.map((a) => [a.group, a.events]),
    [[{ TargetUserName: 'bob' }, [3, 4, 5]]],
  );
  assert.equal(alerts[0]?.level, 'high');
});

test('value_count counts distinct values of the field', () => {
  const body =
    '    type: value_count\n    rules: [10000000-0000-4000-8000-000000000001]\n    group-by: [IpAddress]\n    timespan: 1m\n    condition:\n        field: TargetUserName\n        gte: 3\n';
  const events = [
    at(0, 4625, 'a'),
    at(1, 4625, 'a'),
    at(2, 4625, 'b'),
    at(3, 4625, 'x', '10.9.9.9'),
    at(4, 4625, 'c'),
  ];
  assert.deepEqual(
    run(body, events).map((a) => a.events),
    [[0, 1, 2, 4]],
  );
});

test('temporal needs every rule within the timespan in any order; temporal_ordered in the listed order', () => {
  const temporal =
    '    type: temporal\n    rules: [failed_logon, successful_logon]\n    group-by: [TargetUserName]\n    timespan: 10s\n';
  assert.deepEqual(
    run(temporal, [at(0, 4624, 'bob'), at(3, 4625, 'bob')]).map((a) => a.events),
    [[0, 1]],
  );
  assert.deepEqual(run(temporal, [at(0, 4624, 'bob'), at(30, 4625, 'bob')]), []);
  assert.deepEqual(run(temporal, [at(0, 4624, 'bob'), at(3, 4625, 'eve')]), []);
  const ordered = temporal.replace('type: temporal', 'type: temporal_ordered');
  assert.deepEqual(run(ordered, [at(0, 4624, 'bob'), at(3, 4625, 'bob')]), []);
  assert.deepEqual(
    run(ordered, [at(0, 4625, 'bob'), at(2, 4625, 'bob'), at(3, 4624, 'bob')]).map((a) => a.events),
    [[0, 2]],
  );
});

test('a malformed correlation is reported and skipped', () => {
  const { correlations, errors } = loadSigmaText(
    correlationText(
      '    type: event_count\n    rules: [failed_logon]\n    timespan: 5 minutes\n    condition:\n        gte: 3\n',
    ),
  );
  assert.equal(correlations.length, 0);
  assert.match(errors[0]?.message ?? '', /timespan/);
});

test('event times come from evtx SystemTime, @timestamp, UtcTime or Zeek ts', () => {
  const t = Date.UTC(2025, 10, 27, 7, 40, 10, 165);
  assert.equal(
    eventTime({
      Event: { System: { TimeCreated: { '#attributes': { SystemTime: '2025-11-27T07:40:10.165324Z' } } } },
    }),
    t,
  );
  assert.equal(eventTime({ UtcTime: '2025-11-27 07:40:10.165' }), t);
  assert.equal(eventTime({ ts: t / 1000 }), t);
  assert.ok(Number.isNaN(eventTime({})));
});
