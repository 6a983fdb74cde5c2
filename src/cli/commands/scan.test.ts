import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type CliResult, runCli } from '../../../test/support/cli.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { validateObject } from '../../stix/index.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SYSMON = join(ROOT, 'data', 'logs', 'otrf-sysmon-sample.jsonl');
const ZEEK = join(ROOT, 'data', 'logs', 'zeek-wrccdc2018-sample.jsonl');

/**
 * Runs `bulwark scan …` as its own process through the real command runner (exit codes, error lines),
 * with a program holding only this command until the lead wires it into program.ts.
 */
/** Runs the real `bulwark scan` command as users do (exit codes, stderr). */
function bulwark(args: string[], input = ''): Promise<CliResult> {
  return runCli(['scan', ...args], { input });
}

const HASH_ID = 'indicator--0b8e7e58-2f8b-4c43-9d56-0a1f0c6c4d11';
const DNS_ID = 'indicator--5d2b9a3c-6f0e-4e8a-b1d2-7c3e4f5a6b22';
const NOTHING_ID = 'indicator--9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c33';

function indicator(id: string, pattern: string): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
  };
}

describe('bulwark scan', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const bundle = join(dir.path, 'bundle.json');
  writeFileSync(
    bundle,
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      objects: [
        indicator(
          HASH_ID,
          "[file:hashes.'SHA-256' = '3337E3875B05E0BFBA69AB926532E3F179E8CFBF162EBB60CE58A0281437A7EF']",
        ),
        indicator(DNS_ID, "[domain-name:value = 'ise.wrccdc.org' AND domain-name:value LIKE '%.org']"),
        indicator(NOTHING_ID, "[ipv4-addr:value = '192.0.2.1']"),
      ],
    }),
  );
  const log = `${readFileSync(SYSMON, 'utf8')}{broken\n${readFileSync(ZEEK, 'utf8')}`;

  it('writes valid STIX sightings with count, first and last seen and observed-data refs that resolve', async () => {
    const { code, stdout, stderr } = await bulwark(['-', '--indicators', bundle, '--json'], log);
    assert.equal(code, 0, stderr);
    const objects = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) assert.ok(validateObject(o).ok, JSON.stringify(validateObject(o)));
    const byId = new Map(objects.map((o) => [o.id as string, o]));
    const sightings = objects.filter((o) => o.type === 'sighting');
    assert.deepEqual(
      sightings.map((s) => s.sighting_of_ref),
      [HASH_ID, DNS_ID],
    );
    const [hash, dns] = sightings as [Record<string, unknown>, Record<string, unknown>];
    assert.equal(hash.count, 1);
    assert.equal(hash.first_seen, '2020-10-19T07:30:46.251Z');
    assert.equal(dns.count, 5);
    // the five DNS lines fall in one millisecond (times are kept to the millisecond)
    assert.equal(dns.first_seen, '2018-03-24T17:15:20.865Z');
    assert.equal(dns.last_seen, '2018-03-24T17:15:20.865Z');
    for (const s of sightings) {
      const refs = s.observed_data_refs as string[];
      assert.equal(refs.length, s.count);
      for (const ref of refs) {
        const data = byId.get(ref);
        assert.equal(data?.type, 'observed-data');
        for (const sco of (data?.object_refs ?? []) as string[]) assert.ok(byId.has(sco), `${ref} -> ${sco}`);
      }
    }
    assert.match(stderr, /^line 8: malformed/m);
  });

  it('prints a summary table without --json', async () => {
    const { code, stdout } = await bulwark([SYSMON, '--indicators', bundle, '--workers', '0']);
    assert.equal(code, 0);
    assert.match(stdout, /scanned 7 events .* against 3 indicators and 0 rules: 1 matched/);
    assert.match(stdout, new RegExp(`^1\\t2020-10-19T07:30:46.251Z\\t.*${HASH_ID}`, 'm'));
  });

  it('reports the first 20 malformed lines by number, then how many more', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? 'nope' : '{"a":1}')).join('\n');
    const { code, stderr } = await bulwark(['-', '--workers', '0'], lines);
    assert.equal(code, 0);
    const named = stderr.match(/^line \d+: malformed/gm) ?? [];
    assert.equal(named.length, 13);
    assert.match(stderr, /^line 25: malformed/m);
    const many = Array.from({ length: 30 }, () => 'nope').join('\n');
    const more = await bulwark(['-', '--workers', '0'], many);
    assert.equal((more.stderr.match(/^line \d+: malformed/gm) ?? []).length, 20);
    assert.match(more.stderr, /10 more malformed lines skipped/);
  });

  it('runs Sigma rules in the same pass and reports each matching rule as a sigma indicator with its sighting', async () => {
    const rules = join(dir.path, 'rules');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'psexec.yml'),
      [
        'title: PsExec run from a download folder',
        'id: 5a7e1c2b-3d4f-4a6b-9c8d-0e1f2a3b4c5d',
        'logsource:',
        '  product: windows',
        '  category: process_creation',
        'detection:',
        '  selection:',
        "    Image|endswith: '\\PsExec.exe'",
        '  condition: selection',
        'level: high',
      ].join('\n'),
    );
    writeFileSync(join(rules, 'broken.yml'), 'title: broken\ndetection: [\n');
    const { code, stdout, stderr } = await bulwark([SYSMON, '--rules', rules, '--json', '--workers', '1']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /rule skipped/);
    const objects = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) assert.ok(validateObject(o).ok, JSON.stringify(validateObject(o)));
    const rule = objects.find((o) => o.type === 'indicator');
    assert.equal(rule?.pattern_type, 'sigma');
    assert.equal(rule?.name, 'PsExec run from a download folder');
    const sighting = objects.find((o) => o.type === 'sighting');
    assert.equal(sighting?.sighting_of_ref, rule?.id);
    assert.equal(sighting?.count, 1);
    assert.equal(sighting?.first_seen, '2020-10-19T07:30:46.251Z');
    const again = await bulwark([SYSMON, '--rules', rules, '--json', '--workers', '0']);
    const ruleAgain = again.stdout.split('\n').find((l) => l.includes('"pattern_type":"sigma"'));
    assert.equal(
      (JSON.parse(ruleAgain!) as { id: string }).id,
      rule?.id,
      'the rule id gives the indicator id',
    );
  });

  it('exits 1 on an unreadable input or an invalid bundle and 2 on bad usage', async () => {
    assert.equal((await bulwark([join(dir.path, 'missing.jsonl')])).code, 1);
    const notBundle = join(dir.path, 'not-bundle.json');
    writeFileSync(notBundle, '{"type":"indicator"}');
    assert.equal((await bulwark([SYSMON, '--indicators', notBundle])).code, 1);
    assert.equal((await bulwark([SYSMON, '--workers', 'many'])).code, 2);
    assert.equal((await bulwark([])).code, 2);
  });
});
