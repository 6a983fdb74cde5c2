import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cli.ts';
import { indicator } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-cli-');
const data = join(dir.path, 'data');
const store = ['--data', data];

function bundle(objects: unknown[]): string {
  return JSON.stringify(
    { type: 'bundle', id: 'bundle--0b6e0b2e-3a43-4d2a-8c1e-6b7c1b1d2f10', objects },
    null,
    1,
  );
}

async function exportedIds(args: string[] = []): Promise<string[]> {
  const result = await runCli(['export', ...store, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout).objects as { id: string }[]).map((o) => o.id);
}

describe('bulwark import and export (SQLite)', () => {
  before(async () => {
    const result = await runCli(['org', 'add', 'Bank of Example', ...store]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^identity--[0-9a-f-]{36}\n$/, 'org add prints the id alone');
  });
  after(() => dir.remove());

  test('valid objects land, each invalid one is reported with its path, and the exit code is 1', async () => {
    const good = [indicator(1), indicator(2)];
    const bad = { ...indicator(3), valid_from: 'yesterday' };
    const file = join(dir.path, 'mixed.json');
    writeFileSync(file, bundle([good[0], bad, good[1]]));
    const result = await runCli(['import', file, '--org', 'Bank of Example', ...store]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /read 3, added 2, duplicates 0, rejected 1/);
    assert.match(
      result.stderr,
      /object #1 \(line \d+\) indicator--[0-9a-f-]+: BULWARK_E_STIX_INVALID at valid_from/,
    );
    const ids = await exportedIds(['--type', 'indicator']);
    assert.deepEqual(ids.sort(), good.map((o) => o.id as string).sort());
  });

  test('importing the same bundle again adds nothing', async () => {
    const file = join(dir.path, 'again.json');
    writeFileSync(file, bundle([indicator(1), indicator(2)]));
    const result = await runCli(['import', file, '--org', 'Bank of Example', ...store, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      read: 2,
      added: 0,
      duplicates: 2,
      rejected: 0,
      batches: 1,
    });
  });

  test('the same id and modified with other content is rejected, within a bundle and against the store', async () => {
    const original = indicator(60);
    const changed = { ...original, name: 'a different name, same version' };
    const file = join(dir.path, 'conflict.json');
    writeFileSync(file, bundle([original, changed]));
    const first = await runCli(['import', file, '--org', 'Bank of Example', ...store]);
    assert.equal(first.code, 1);
    assert.match(first.stdout, /added 1, duplicates 0, rejected 1/);
    assert.match(
      first.stderr,
      /object #1 .*STIX_DUPLICATE at modified: .*already stored with different content/,
    );
    writeFileSync(file, bundle([changed]));
    const second = await runCli(['import', file, '--org', 'Bank of Example', ...store]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /STIX_DUPLICATE/);
    const newer = { ...changed, modified: '2026-02-01T00:00:00.000Z' };
    writeFileSync(file, bundle([newer]));
    const third = await runCli(['import', file, '--org', 'Bank of Example', ...store]);
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /added 1/);
  });

  test('an object without a marking gets the chosen TLP written into it', async () => {
    const file = join(dir.path, 'green.json');
    writeFileSync(file, bundle([indicator(40)]));
    const result = await runCli(['import', file, '--org', 'Bank of Example', '--tlp', 'TLP:GREEN', ...store]);
    assert.equal(result.code, 0, result.stderr);
    const exported = await runCli(['export', ...store, '--type', 'indicator']);
    const stored = JSON.parse(exported.stdout).objects.find((o: { id: string }) => o.id === indicator(40).id);
    assert.deepEqual(stored.object_marking_refs, [
      'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    ]);
  });

  test('a document that is not a bundle is refused with the reason and changes nothing', async () => {
    const before = await exportedIds();
    for (const [text, why] of [
      ['[{"type":"indicator"}]', /NOT_A_BUNDLE.*JSON array/],
      ['{"type":"indicator","id":"indicator--1"}', /NOT_A_BUNDLE/],
      ['{"type":"bundle","objects":[{"a":1},', /INVALID_JSON.*truncated/],
      ['not json at all', /INVALID_JSON/],
    ] as const) {
      const result = await runCli(['import', '-', '--org', 'Bank of Example', ...store], { input: text });
      assert.equal(result.code, 1, text);
      assert.match(result.stderr, why, text);
    }
    assert.deepEqual(await exportedIds(), before);
  });

  test('a truncated bundle keeps the batches committed before the fault, and says so', async () => {
    const objects = Array.from({ length: 25 }, (_, n) => indicator(100 + n));
    const text = bundle(objects);
    const cut = text.slice(0, text.indexOf(objects[22]!.id as string) - 20);
    const result = await runCli(['import', '-', '--org', 'Bank of Example', '--batch', '10', ...store], {
      input: cut,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /truncated.*20 objects in 2 earlier batches are stored/);
    const ids = new Set(await exportedIds());
    assert.equal(objects.filter((o) => ids.has(o.id as string)).length, 20);
  });

  test('unknown organisations, TLP levels and flags are usage errors with a hint', async () => {
    const noOrg = await runCli(['import', '-', '--org', 'Nobody', ...store], { input: bundle([]) });
    assert.equal(noOrg.code, 1);
    assert.match(noOrg.stderr, /ORG_NOT_FOUND.*Known organisations: .*Bank of Example/);
    const badTlp = await runCli(['import', '-', '--org', 'Bank of Example', '--tlp', 'purple', ...store]);
    assert.equal(badTlp.code, 2);
    assert.match(badTlp.stderr, /not a TLP level/);
    const badFlag = await runCli(['export', '--bogus', ...store]);
    assert.equal(badFlag.code, 2);
  });

  test('export --as-org shows an organisation what it may read and nothing else', async () => {
    const other = await runCli(['org', 'add', 'Other Exchange', ...store]);
    assert.equal(other.code, 0, other.stderr);
    const file = join(dir.path, 'amber.json');
    writeFileSync(file, bundle([indicator(500)]));
    await runCli(['import', file, '--org', 'Bank of Example', '--tlp', 'amber', ...store]);
    const mine = await exportedIds(['--as-org', 'Bank of Example', '--type', 'indicator']);
    const theirs = await exportedIds(['--as-org', 'Other Exchange', '--type', 'indicator']);
    assert.ok(mine.includes(indicator(500).id as string));
    assert.ok(!theirs.includes(indicator(500).id as string));
  });

  test('every command answers --help with exit 0', async () => {
    for (const command of [[], ['import'], ['export'], ['org', 'add'], ['feeds', 'update'], ['serve']]) {
      const result = await runCli([...command, '--help']);
      assert.equal(result.code, 0, command.join(' '));
      assert.match(result.stdout, /Usage: bulwark/);
    }
  });
});
