/**
 * `bulwark scan` against a real hub (`bulwark serve` on a socket) and a local store: indicators read
 * over TAXII 2.1 page by page, sightings and observed-data posted back under the chosen TLP marking,
 * readable by the organisation and not by another one; indicators read from the store with `--data`.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tlpMarkingRef } from '../../src/stix/index.ts';
import { TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { runCli, startCli } from '../support/cli.ts';
import { indicator } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-scan-hub-');
const data = join(dir.path, 'data');
const COUNT = 1205; // more than one TAXII page of 1,000

async function ok(args: string[]): Promise<string> {
  const result = await runCli([...args, '--data', data]);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** ECS lines: one hits indicator 3's address, one nothing, one indicator 1204's (past the first page). */
const LOG = [
  { '@timestamp': '2026-02-01T10:00:00Z', destination: { ip: '10.0.0.3' } },
  { '@timestamp': '2026-02-01T10:00:05Z', dns: { question: { name: 'x10.0.0.3.example' } } },
  { '@timestamp': '2026-02-01T10:00:09Z', destination: { ip: '10.0.4.180' } },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

/** A Sigma rule shared through the hub as an indicator (`pattern_type: sigma`), and a type scan does not run. */
const SIGMA = {
  ...indicator(COUNT),
  id: 'indicator--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  name: 'Failed logon (shared Sigma rule)',
  pattern_type: 'sigma',
  pattern: [
    'title: Failed logon',
    'id: 0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f',
    'logsource:',
    '  product: windows',
    '  service: security',
    'detection:',
    '  selection:',
    '    EventID: 4625',
    '  condition: selection',
  ].join('\n'),
};
const SNORT = {
  ...indicator(COUNT + 1),
  id: 'indicator--8c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f',
  pattern_type: 'snort',
  pattern: 'alert tcp any any -> any 445',
};
/** A failed logon (Windows Security, as exporters flatten it): only the shared Sigma rule fires on it. */
const LOGON_LOG = `${JSON.stringify({ '@timestamp': '2026-02-01T11:00:00Z', Channel: 'Security', EventID: 4625, TargetUserName: 'ops' })}\n`;

describe('bulwark scan with a hub and a local store', () => {
  const logFile = join(dir.path, 'log.jsonl');
  const logonFile = join(dir.path, 'logon.jsonl');
  const bundle = join(dir.path, 'indicators.json');
  const objects = Array.from({ length: COUNT }, (_, n) => indicator(n));
  let server: ChildProcess | undefined;
  let url = '';
  let contributor = '';
  let outsider = '';
  let reader = '';

  before(async () => {
    writeFileSync(logFile, `${LOG}\n`);
    writeFileSync(
      bundle,
      JSON.stringify({
        type: 'bundle',
        id: `bundle--${crypto.randomUUID()}`,
        objects: [...objects, SIGMA, SNORT],
      }),
    );
    writeFileSync(logonFile, LOGON_LOG);
    await ok(['org', 'add', 'Bank A']);
    await ok(['org', 'add', 'Exchange B']);
    await ok(['import', bundle, '--org', 'Bank A', '--tlp', 'green']);
    contributor = (await ok(['key', 'create', '--org', 'Bank A', '--role', 'contributor'])).trim();
    reader = (await ok(['key', 'create', '--org', 'Bank A', '--role', 'reader'])).trim();
    outsider = (await ok(['key', 'create', '--org', 'Exchange B', '--role', 'reader'])).trim();
    server = startCli(['serve', '--data', data, '--port', '0', '--no-reference', '--rate-limit', '0']);
    let stderr = '';
    server.stderr?.setEncoding('utf8');
    while (!/listening on (\S+)/.test(stderr)) {
      const [chunk] = (await once(server.stderr!, 'data')) as [string];
      stderr += chunk;
    }
    url = /listening on (\S+)/.exec(stderr)![1]!;
  });
  after(async () => {
    if (server !== undefined && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    dir.remove();
  });

  /** The sightings the key reads from the hub over TAXII. */
  async function hubSightings(key: string): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    const headers = { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE };
    const root = ((await (await fetch(`${url}/taxii2/`, { headers })).json()) as { default: string }).default;
    const base = new URL(root, url);
    const { collections } = (await (await fetch(new URL('collections/', base), { headers })).json()) as {
      collections: { id: string }[];
    };
    for (const c of collections) {
      const page = (await (
        await fetch(new URL(`collections/${c.id}/objects/?match[type]=sighting`, base), { headers })
      ).json()) as { objects?: Record<string, unknown>[] };
      found.push(...(page.objects ?? []));
    }
    return found;
  }

  test('reads every indicator over TAXII and posts sightings and observed-data back, marked as asked', async () => {
    const result = await runCli([
      'scan',
      logFile,
      '--hub',
      url,
      '--key',
      contributor,
      '--tlp',
      'amber',
      '--workers',
      '0',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`against ${COUNT} indicators`));
    assert.match(result.stdout, /: 2 matched/);
    assert.match(result.stderr, /posted \d+ objects .* to Private: Bank A as TLP:AMBER/);
    const sightings = await hubSightings(contributor);
    assert.deepEqual(
      sightings.map((s) => s.sighting_of_ref).sort(),
      [objects[3]!.id, objects[1204]!.id].sort(),
    );
    for (const s of sightings) {
      assert.deepEqual(s.object_marking_refs, [tlpMarkingRef('amber')]);
      assert.equal(s.count, 1);
      assert.equal((s.observed_data_refs as string[]).length, 1);
    }
    assert.deepEqual(await hubSightings(outsider), [], 'another organisation does not see them');
  });

  test('reads the indicators of the local store with --data and posts nothing', async () => {
    const result = await runCli(['scan', logFile, '--data', data, '--workers', '0', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const sightings = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((o) => o.type === 'sighting');
    assert.deepEqual(
      sightings.map((s) => s.sighting_of_ref).sort(),
      [objects[3]!.id, objects[1204]!.id].sort(),
    );
    assert.doesNotMatch(result.stderr, /posted/);
  });

  test('a wrong key fails with the hub error; --hub without a key is a usage error', async () => {
    const wrong = await runCli(['scan', logFile, '--hub', url, '--key', 'bwk_nope', '--workers', '0']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /BULWARK_E_SCAN_HUB/);
    const missing = await runCli(['scan', logFile, '--hub', url, '--workers', '0'], {
      env: { BULWARK_KEY: '' },
    });
    assert.equal(missing.code, 2);
  });

  test('a reader key reads the indicators but may not post: the scan says so and fails', async () => {
    const result = await runCli(['scan', logFile, '--hub', url, '--key', reader, '--workers', '0']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /may not write/);
    assert.match(result.stderr, /BULWARK_E_SCAN_HUB/);
  });

  test('runs the Sigma rules shared through the hub and posts their sightings against the shared indicator', async () => {
    const result = await runCli(['scan', logonFile, '--hub', url, '--key', contributor, '--workers', '1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /against \d+ indicators and 1 rules: 1 matched/);
    assert.match(result.stderr, /1 indicators skipped: pattern type not supported by scan \(snort: 1\)/);
    const shared = (await hubSightings(contributor)).filter((s) => s.sighting_of_ref === SIGMA.id);
    assert.equal(shared.length, 1, 'the hub links the sighting to the shared rule');
    assert.equal(shared[0]!.count, 1);
    assert.equal(shared[0]!.first_seen, '2026-02-01T11:00:00.000Z');
  });

  test('runs the Sigma rules of the local store', async () => {
    const result = await runCli(['scan', logonFile, '--data', data, '--workers', '0', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const objects = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      objects.filter((o) => o.type === 'sighting').map((s) => s.sighting_of_ref),
      [SIGMA.id],
    );
  });

  test('a correlation from --rules over the rule shared through the hub fires, and the hub takes its sighting', async () => {
    const rules = join(dir.path, 'correlations');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'burst.yml'),
      [
        'title: Failed logon burst',
        'id: 1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
        'correlation:',
        '  type: event_count',
        '  rules: [0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f]',
        '  group-by: [TargetUserName]',
        '  timespan: 1m',
        '  condition:',
        '    gte: 3',
      ].join('\n'),
    );
    const burst = join(dir.path, 'burst.jsonl');
    writeFileSync(
      burst,
      [LOGON_LOG, LOGON_LOG.replace(':00Z', ':01Z'), LOGON_LOG.replace(':00Z', ':02Z')].join(''),
    );
    const result = await runCli([
      'scan',
      burst,
      '--rules',
      rules,
      '--hub',
      url,
      '--key',
      contributor,
      '--workers',
      '0',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /and 1 rules and 1 correlations: 2 matched/);
    const correlated = (await hubSightings(contributor)).filter((s) => s.x_bulwark_correlation !== undefined);
    assert.equal(correlated.length, 1);
    assert.deepEqual(correlated[0]!.x_bulwark_correlation, {
      rule_id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
      title: 'Failed logon burst',
      group_by: { TargetUserName: 'ops' },
      event_count: 3,
    });
  });
});
