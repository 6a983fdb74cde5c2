import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT, runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-feeds-');
const store = ['--data', join(dir.path, 'data')];
const shippedEth = join(ROOT, 'data', 'reference', 'ofac-0xB10C', 'sanctioned_addresses_ETH.txt');

interface Stix {
  id: string;
  type: string;
  pattern?: string;
  revoked?: boolean;
  modified?: string;
  name?: string;
  aliases?: string[];
}

async function exported(args: string[]): Promise<Stix[]> {
  const result = await runCli(['export', ...store, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout).objects;
}

describe('reference data', () => {
  after(() => dir.remove());

  test('the first load brings sanctions, ATT&CK groups and MISP actors, and a second load adds nothing', async () => {
    const first = await runCli(['feeds', 'update', ...store, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const results = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(results.every((r) => r.rejected === 0));
    assert.ok(results.reduce((n, r) => n + r.added, 0) > 5000);
    const sets = await exported(['--type', 'intrusion-set']);
    for (const name of ['Lazarus Group', 'APT38', 'Kimsuky', 'TraderTraitor']) {
      assert.equal(sets.filter((s) => s.name === name).length, 1, `${name} exactly once`);
    }
    const again = await runCli(['feeds', 'update', ...store, '--json']);
    assert.ok(
      again.stdout
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l).unchanged === true),
    );
  });

  test('a newer list adds new addresses and revokes the indicators of removed ones', async () => {
    const lines = readFileSync(shippedEth, 'utf8').split('\n').filter(Boolean);
    const removed = lines[0]!;
    const added = '0x00000000000000000000000000000000deadbeef';
    const newer = join(dir.path, 'sanctioned_addresses_ETH.txt');
    writeFileSync(newer, `${[...lines.slice(1), added].join('\n')}\n`);
    const result = await runCli(['feeds', 'update', newer, ...store, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const indicators = await exported(['--type', 'indicator']);
    const about = (address: string) =>
      indicators.filter((i) => i.pattern?.toLowerCase().includes(address.toLowerCase()));
    assert.ok(about(added).length >= 1, 'the new address has an indicator');
    assert.ok(
      about(removed).length >= 1 && about(removed).every((i) => i.revoked === true),
      'the removed one is revoked',
    );
    const kept = about(lines[1]!);
    assert.ok(kept.length >= 1 && kept.every((i) => i.revoked !== true), 'the others stay');
  });

  test('a file of no known format is refused with the formats in the hint', async () => {
    const odd = join(dir.path, 'notes.txt');
    writeFileSync(odd, 'hello\nworld\n');
    const result = await runCli(['feeds', 'update', odd, ...store]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /FEED_FORMAT/);
  });
});
