import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openGraph } from '../../src/chain/index.ts';
import { addOrganisation } from '../../src/hub/index.ts';
import { openStore } from '../../src/store/index.ts';
import { address, TestChain } from '../../src/trace/cluster/test-chain.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { flagListed, writeCoSpendChain } from './co-spend-world.ts';

/**
 * a and b co-spend into 'shop' and 'change'; the change output is non-round and smaller than every
 * input, so the non-round and optimal heuristics name it (one-time does not: 'shop' is fresh too).
 */
function writeChangeChain(dir: string): void {
  const g = openGraph(dir);
  const chain = new TestChain();
  const [a, b] = chain.append(g, [
    { ins: [], outs: [{ to: 'a', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'b', value: 100_000_001 }] },
  ]);
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [
        { to: 'shop', value: 150_000_000 },
        { to: 'change', value: 49_990_321 },
      ],
    },
  ]);
  g.close();
}

test('bulwark cluster build and show: counts, members, and why two addresses are one entity', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const dir = join(tmp.path, 'data', 'chain');
  writeChangeChain(dir);

  const built = await runCli([
    'cluster',
    'build',
    '--data',
    join(tmp.path, 'data'),
    '--no-change-heuristic',
    '--json',
  ]);
  assert.equal(built.code, 0, built.stderr);
  const summary = JSON.parse(built.stdout) as {
    merges: { multiInput: number; change: number };
    rebuilt: string;
  };
  assert.deepEqual([summary.merges.multiInput, summary.merges.change, summary.rebuilt], [1, 0, 'new']);

  const withChange = await runCli(['cluster', 'build', '--graph', dir, '--json']);
  assert.equal(withChange.code, 0, withChange.stderr);
  assert.equal((JSON.parse(withChange.stdout) as { rebuilt: string }).rebuilt, 'options changed');

  const shown = await runCli([
    'cluster',
    'show',
    address('a'),
    '--graph',
    dir,
    '--with',
    address('change'),
    '--json',
  ]);
  assert.equal(shown.code, 0, shown.stderr);
  const info = JSON.parse(shown.stdout) as {
    size: number;
    members: string[];
    merges: Record<string, number>;
    why: { heuristic: string; change?: string[]; block: number }[];
  };
  assert.equal(info.size, 3);
  assert.deepEqual(new Set(info.members), new Set([address('a'), address('b'), address('change')]));
  assert.deepEqual(info.merges, { 'multi-input': 1, change: 1, deposit: 0 });
  assert.deepEqual(
    info.why.map((r) => r.heuristic),
    ['change'],
    'a is linked to its change output directly',
  );

  const text = await runCli(['cluster', 'show', address('shop'), '--graph', dir]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /1 address\b/);
  const missing = await runCli(['cluster', 'show', address('nobody'), '--graph', dir]);
  assert.equal(missing.code, 1);
  const usage = await runCli(['cluster', 'show', '--graph', dir]);
  assert.equal(usage.code, 2);
});

test('bulwark screen adds the same-cluster reason when clusters were built beside the graph', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const data = join(tmp.path, 'data');
  const store = await openStore({ data });
  const org = await addOrganisation(store, 'Coin Exchange');
  await flagListed(store, org.id, 'green');
  await store.close();
  writeCoSpendChain(data);

  const before = await runCli(['screen', address('partner'), '--data', data, '--json']);
  assert.equal(before.code, 0, before.stderr);
  assert.equal(JSON.parse(before.stdout).risk, 'none', 'no clusters yet');
  assert.equal((await runCli(['cluster', 'build', '--data', data])).code, 0);
  const after = await runCli(['screen', address('partner'), '--data', data, '--json']);
  const result = JSON.parse(after.stdout) as { risk: string; reasons: { kind: string; member: string }[] };
  assert.equal(result.risk, 'medium');
  assert.deepEqual(
    result.reasons.map((r) => [r.kind, r.member]),
    [['same-cluster', address('listed')]],
  );
});

test('bulwark cluster build --change switches each change heuristic on its own, and the reason names only those', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const dir = join(tmp.path, 'chain');
  writeChangeChain(dir);

  const why = async (): Promise<string[][]> => {
    const shown = await runCli([
      'cluster',
      'show',
      address('a'),
      '--graph',
      dir,
      '--with',
      address('change'),
      '--json',
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    const info = JSON.parse(shown.stdout) as { why: { heuristic: string; change?: string[] }[] };
    return info.why.filter((r) => r.heuristic === 'change').map((r) => r.change ?? []);
  };
  const build = (change: string) =>
    runCli(['cluster', 'build', '--graph', dir, '--rebuild', '--change', change, '--json']);

  assert.equal((await build('non-round')).code, 0);
  assert.deepEqual(await why(), [['non-round']]);
  assert.equal((await build('optimal')).code, 0);
  assert.deepEqual(await why(), [['optimal']]);
  assert.equal((await build('one-time,non-round,optimal')).code, 0);
  assert.deepEqual(await why(), [['non-round', 'optimal']]);

  const none = await build('none');
  assert.equal(none.code, 0, none.stderr);
  assert.equal((JSON.parse(none.stdout) as { merges: { change: number } }).merges.change, 0);

  const unknown = await build('one-time,roundish');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /roundish/);
  const contradiction = await runCli([
    'cluster',
    'build',
    '--graph',
    dir,
    '--change',
    'optimal',
    '--no-change-heuristic',
  ]);
  assert.equal(contradiction.code, 2);
});
