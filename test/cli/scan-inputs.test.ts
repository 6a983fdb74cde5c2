/**
 * `bulwark scan`'s inputs: a user mapping (--mapping) that makes a custom log field an observable, and
 * the local store as the indicator source when no other is given, found as every store command finds it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cli.ts';
import { indicator } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-scan-inputs-');
const STORED = indicator(7); // 10.0.0.7, imported into the store
const BUNDLED = indicator(8); // 10.0.0.8, only in a bundle file

function bundle(objects: unknown[]): string {
  return JSON.stringify({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects });
}

/** Sighted indicator ids in `--json` output. */
function sighted(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { type: string; sighting_of_ref?: string })
    .filter((o) => o.type === 'sighting')
    .map((o) => o.sighting_of_ref!)
    .sort();
}

describe('bulwark scan inputs', () => {
  const bundleFile = join(dir.path, 'bundle.json');
  const log = join(dir.path, 'log.jsonl');
  // a working directory whose ./bulwark-data is the store, and one with none
  const home = join(dir.path, 'home');
  const empty = join(dir.path, 'empty');
  // the children inherit this process's environment: where the store is must come from each test alone
  delete process.env.BULWARK_DATA;
  delete process.env.BULWARK_DB;
  const env = {};

  before(async () => {
    mkdirSync(home);
    mkdirSync(empty);
    writeFileSync(bundleFile, bundle([BUNDLED]));
    const storeBundle = join(dir.path, 'stored.json');
    writeFileSync(storeBundle, bundle([STORED]));
    const data = join(home, 'bulwark-data');
    for (const args of [
      ['org', 'add', 'Bank A', '--data', data],
      ['import', storeBundle, '--org', 'Bank A', '--data', data],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, r.stderr);
    }
    writeFileSync(
      log,
      `${[
        { '@timestamp': '2026-02-01T10:00:00Z', destination: { ip: '10.0.0.7' } },
        { '@timestamp': '2026-02-01T10:00:01Z', destination: { ip: '10.0.0.8' } },
        // a field no shipped format maps
        { weird_event: 'beacon', weird_ip: '10.0.0.8', weird_time: '2026-02-01T10:00:02Z' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
  });
  after(() => dir.remove());

  test('--mapping: a custom field mapped to an address makes an indicator match the default mapping misses', async () => {
    const mapping = join(dir.path, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        formats: [
          { name: 'weird', detect: ['weird_event'], time: ['weird_time'], fields: { weird_ip: 'ip:dst' } },
        ],
      }),
    );
    const args = ['scan', log, '--indicators', bundleFile, '--workers', '0'];
    const plain = await runCli([...args, '--json']);
    assert.equal(plain.code, 0, plain.stderr);
    const plainCount = await runCli(args);
    assert.match(plainCount.stdout, /1\t2026-02-01T10:00:01\.000Z\t2026-02-01T10:00:01\.000Z\t/);
    const mapped = await runCli([...args, '--mapping', mapping]);
    assert.equal(mapped.code, 0, mapped.stderr);
    // the third line now counts too, at its own time
    assert.match(mapped.stdout, /2\t2026-02-01T10:00:01\.000Z\t2026-02-01T10:00:02\.000Z\t/);
    assert.deepEqual(sighted(plain.stdout), [BUNDLED.id]);
    // a mapping that is not the documented shape is refused with its code
    writeFileSync(mapping, JSON.stringify({ formats: [{ name: 'x' }] }));
    const bad = await runCli([...args, '--mapping', mapping]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /BULWARK_E_SCAN_MAPPING/);
  });

  test('with no other source the store in ./bulwark-data is read, as store commands find it', async () => {
    const r = await runCli(['scan', log, '--workers', '0', '--json'], { cwd: home, env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sighted(r.stdout), [STORED.id]);
  });

  test('BULWARK_DATA names the store when no other source is given', async () => {
    const r = await runCli(['scan', log, '--workers', '0', '--json'], {
      cwd: empty,
      env: { ...env, BULWARK_DATA: join(home, 'bulwark-data') },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sighted(r.stdout), [STORED.id]);
  });

  test('beside --indicators the store is read only when --data names it', async () => {
    const bundled = await runCli(['scan', log, '--indicators', bundleFile, '--workers', '0', '--json'], {
      cwd: home,
      env: { ...env, BULWARK_DATA: join(home, 'bulwark-data') },
    });
    assert.equal(bundled.code, 0, bundled.stderr);
    assert.deepEqual(sighted(bundled.stdout), [BUNDLED.id]);
    const both = await runCli(
      [
        'scan',
        log,
        '--indicators',
        bundleFile,
        '--data',
        join(home, 'bulwark-data'),
        '--workers',
        '0',
        '--json',
      ],
      { cwd: empty, env },
    );
    assert.equal(both.code, 0, both.stderr);
    assert.deepEqual(sighted(both.stdout), [STORED.id, BUNDLED.id].sort());
  });

  test('with no source and no store in the default place, the scan runs with none and says why', async () => {
    const r = await runCli(['scan', log, '--workers', '0'], { cwd: empty, env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /against 0 indicators/);
    assert.match(r.stderr, /no indicators: .*no store in \.\/bulwark-data/);
    // a store that was named and is not there is an error
    const named = await runCli(['scan', log, '--workers', '0'], {
      cwd: empty,
      env: { BULWARK_DATA: join(empty, 'nowhere') },
    });
    assert.equal(named.code, 1);
    assert.match(named.stderr, /BULWARK_E_STORE_UNAVAILABLE/);
  });
});
