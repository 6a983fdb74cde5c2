/**
 * `bulwark scan` and Sigma beyond `--rules DIR`: rules shared as indicators (`pattern_type: sigma`) in
 * a bundle, correlation rules over the base rules' matches, and rule faults reported with their file
 * or indicator and line — on the main thread and with scanning threads.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { validateObject } from '../../src/stix/index.ts';
import { type CliResult, runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-scan-sigma-');
after(() => dir.remove());

const FAILED_LOGON = [
  'title: Failed logon',
  'id: 6c1e5a70-1b2c-4d3e-8f4a-5b6c7d8e9f01',
  'name: failed_logon',
  'logsource:',
  '  product: windows',
  '  service: security',
  'detection:',
  '  selection:',
  '    EventID: 4625',
  '  condition: selection',
].join('\n');

const BRUTE_FORCE = [
  'title: Logon brute force',
  'id: 7d2f6b81-2c3d-4e4f-9a5b-6c7d8e9f0a12',
  'correlation:',
  '  type: event_count',
  '  rules: [failed_logon]',
  '  group-by: [TargetUserName]',
  '  timespan: 5m',
  '  condition:',
  '    gte: 3',
].join('\n');

/** A flat Windows Security event (EventID + Channel, as exporters write it) at `second` past 10:00. */
function logon(second: number, user: string, eventId = 4625): string {
  return JSON.stringify({
    '@timestamp': `2026-03-01T10:00:${String(second).padStart(2, '0')}.000Z`,
    Channel: 'Security',
    EventID: eventId,
    TargetUserName: user,
    IpAddress: '198.51.100.7',
  });
}

function write(name: string, text: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
}

function objectsOf(result: CliResult): Record<string, unknown>[] {
  assert.equal(result.code, 0, result.stderr);
  const objects = result.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const o of objects) assert.ok(validateObject(o).ok, JSON.stringify(validateObject(o)));
  return objects;
}

const sightings = (objects: Record<string, unknown>[]) => objects.filter((o) => o.type === 'sighting');

function indicator(id: string, patternType: string, pattern: string): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: `${patternType} indicator`,
    pattern,
    pattern_type: patternType,
    valid_from: '2026-01-01T00:00:00Z',
  };
}

const SIGMA_ID = 'indicator--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const BROKEN_ID = 'indicator--2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const STIX_ID = 'indicator--3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f';

describe('bulwark scan with Sigma rules shared as indicators', () => {
  const bundle = write(
    'shared.json',
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f70',
      objects: [
        indicator(SIGMA_ID, 'sigma', FAILED_LOGON),
        indicator(BROKEN_ID, 'sigma', 'title: broken\ndetection: [\n'),
        indicator(STIX_ID, 'stix', "[ipv4-addr:value = '198.51.100.7']"),
        indicator('indicator--4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f71', 'snort', 'alert tcp any any -> any 80'),
        indicator('indicator--5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a82', 'snort', 'alert udp any any -> any 53'),
        indicator('indicator--6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b93', 'yara', 'rule x { condition: true }'),
      ],
    }),
  );
  const log = write(
    'logons.jsonl',
    `${[logon(1, 'bob'), logon(2, 'bob', 4624), logon(3, 'alice')].join('\n')}\n`,
  );

  for (const workers of ['0', '1']) {
    test(`a bundle's sigma indicator fires in the same pass as its STIX ones (--workers ${workers})`, async () => {
      const result = await runCli(['scan', log, '--indicators', bundle, '--json', '--workers', workers]);
      const objects = objectsOf(result);
      const bySubject = new Map(sightings(objects).map((s) => [s.sighting_of_ref, s]));
      assert.equal(bySubject.get(SIGMA_ID)?.count, 2, 'the two failed logons');
      assert.equal(bySubject.get(STIX_ID)?.count, 3, 'the address is in every event');
      assert.equal(bySubject.size, 2);
      assert.equal(
        objects.find((o) => o.type === 'indicator'),
        undefined,
        'a shared rule is already an indicator: none is made up for it',
      );
      // the broken rule is named by its indicator, with the line; the others are counted once by type
      assert.match(result.stderr, new RegExp(`rule skipped: YAML: .*\\(${BROKEN_ID}, line \\d+`));
      assert.match(
        result.stderr,
        /3 indicators skipped: pattern type not supported by scan \(snort: 2, yara: 1\)/,
      );
      assert.match(result.stderr, /1 rules skipped \(1 did not load\)/);
    });
  }

  test('shared rules and --rules DIR rules run together', async () => {
    const rules = join(dir.path, 'success-rules');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'success.yml'),
      FAILED_LOGON.replace('Failed logon', 'Successful logon')
        .replace('6c1e5a70', '8e3a7c92')
        .replace('failed_logon', 'successful_logon')
        .replace('4625', '4624'),
    );
    const result = await runCli(['scan', log, '--indicators', bundle, '--rules', rules, '--workers', '0']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /against 1 indicators and 2 rules \(1 skipped\): 3 matched/);
    assert.match(result.stdout, new RegExp(`^2\\t.*${SIGMA_ID} \\(Sigma: Failed logon\\)`, 'm'));
    assert.match(result.stdout, /^1\t.*\(Sigma: Successful logon\)$/m);
  });
});

describe('bulwark scan --rules DIR with correlation rules', () => {
  const rules = join(dir.path, 'correlation-rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'brute-force.yml'), `${FAILED_LOGON}\n---\n${BRUTE_FORCE}\n`);
  const burst = write(
    'burst.jsonl',
    `${[logon(0, 'bob'), logon(1, 'alice'), logon(2, 'bob'), logon(3, 'bob'), logon(4, 'bob')].join('\n')}\n`,
  );
  const two = write('two.jsonl', `${[logon(0, 'bob'), logon(3, 'bob'), logon(4, 'alice')].join('\n')}\n`);

  for (const workers of ['0', '2']) {
    test(`4 failed logons of one user in 4 s give one correlation sighting (--workers ${workers})`, async () => {
      const objects = objectsOf(
        await runCli(['scan', burst, '--rules', rules, '--json', '--workers', workers]),
      );
      const correlation = objects.find((o) => o.type === 'indicator' && o.name === 'Logon brute force');
      assert.equal(correlation?.pattern_type, 'sigma');
      const found = sightings(objects).filter((s) => s.sighting_of_ref === correlation?.id);
      assert.equal(found.length, 1);
      const [s] = found as [Record<string, unknown>];
      // it fires on bob's third failure; his fourth starts a new window that stays below 3
      assert.equal(s.count, 1);
      assert.equal(s.first_seen, '2026-03-01T10:00:00.000Z');
      assert.equal(s.last_seen, '2026-03-01T10:00:03.000Z');
      assert.deepEqual(s.x_bulwark_correlation, {
        rule_id: '7d2f6b81-2c3d-4e4f-9a5b-6c7d8e9f0a12',
        title: 'Logon brute force',
        group_by: { TargetUserName: 'bob' },
        event_count: 3,
      });
      assert.equal((s.observed_data_refs as string[]).length, 3);
      const base = objects.find((o) => o.type === 'indicator' && o.name === 'Failed logon');
      assert.equal(sightings(objects).find((x) => x.sighting_of_ref === base?.id)?.count, 5);
    });
  }

  test('2 failed logons of one user do not fire it; the table names the group when it does', async () => {
    const quiet = await runCli(['scan', two, '--rules', rules, '--workers', '0']);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.match(quiet.stdout, /against 0 indicators and 1 rules and 1 correlations: 1 matched/);
    assert.doesNotMatch(quiet.stdout, /Sigma correlation/);
    const loud = await runCli(['scan', burst, '--rules', rules, '--workers', '0']);
    assert.match(
      loud.stdout,
      /^1\t2026-03-01T10:00:00.000Z\t2026-03-01T10:00:03.000Z\t.*\(Sigma correlation: Logon brute force\) \[TargetUserName=bob\]$/m,
    );
  });

  test('a correlation naming a rule that does not run is reported and skipped', async () => {
    const lonely = join(dir.path, 'lonely-rules');
    mkdirSync(lonely);
    writeFileSync(join(lonely, 'only-correlation.yml'), `${BRUTE_FORCE}\n`);
    const result = await runCli(['scan', burst, '--rules', lonely, '--workers', '0']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /rule skipped: correlation 'Logon brute force' names rule 'failed_logon'.*only-correlation\.yml/,
    );
    assert.match(result.stderr, /1 rules skipped \(1 correlations name rules that do not run\)/);
  });
});

describe('bulwark scan reports rule faults with their file and line', () => {
  const rules = join(dir.path, 'faulty-rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'good.yml'), FAILED_LOGON);
  writeFileSync(join(rules, 'broken.yml'), 'title: broken\ndetection: [\n');
  writeFileSync(
    join(rules, 'placeholder.yml'),
    [
      'title: Admin tools',
      'logsource:',
      '  product: windows',
      'detection:',
      '  selection:',
      "    TargetUserName|expand: '%admins%'",
      '  condition: selection',
    ].join('\n'),
  );
  const log = write('faults.jsonl', `${logon(0, 'bob')}\n`);

  for (const json of [false, true]) {
    test(`load and compile faults are named, counted and skipped; the scan runs${json ? ' (--json)' : ''}`, async () => {
      const result = await runCli([
        'scan',
        log,
        '--rules',
        rules,
        '--workers',
        '0',
        ...(json ? ['--json'] : []),
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /rule skipped: YAML: .*\(.*broken\.yml, line 3:1\)/);
      assert.match(
        result.stderr,
        /rule skipped: placeholder %admins% has no configured values \(.*placeholder\.yml, line 6, at detection\.selection\)/,
      );
      assert.match(result.stderr, /2 rules skipped \(1 did not load, 1 did not compile\)/);
      if (json) assert.equal(sightings(objectsOf(result)).length, 1, 'the good rule ran');
      else assert.match(result.stdout, /against 0 indicators and 1 rules \(2 skipped\): 1 matched/);
    });
  }

  test('a rules directory that is not there fails the scan before it starts', async () => {
    const result = await runCli(['scan', log, '--rules', join(dir.path, 'no-such-rules'), '--workers', '0']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /BULWARK_E_SCAN_INPUT.*Cannot read rules from .*no-such-rules/);
  });
});
