import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../test/support/cli.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { openGraph } from '../../chain/index.ts';

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string);

describe('bulwark graph generate', () => {
  it('writes an Ethereum chain into DATA/chain whose heist `bulwark trace` follows', async (t) => {
    const dir = tempDir();
    t.after(dir.remove);
    const run = await runCli([
      'graph',
      'generate',
      '--transfers',
      '20000',
      '--seed',
      '4',
      '--json',
      '--data',
      dir.path,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const s = lastJson(run.stdout);
    assert.equal(s.chain, 'ethereum');
    assert.ok(s.transfers >= 20_000);
    const g = openGraph(join(dir.path, 'chain'), { readonly: true });
    assert.equal(g.ethereum.c.rows, s.transfers);
    g.close();
    const traced = await runCli([
      'trace',
      s.heist.thief,
      '--since',
      String(s.heist.time),
      '--json',
      '--data',
      dir.path,
    ]);
    assert.equal(traced.code, 0, traced.stderr);
    const r = lastJson(traced.stdout);
    // the trace keeps amounts as doubles (exact to 2^53 wei, ~1e-16 relative above)
    const seeded = Number(r.totals[0].seeded);
    assert.ok(
      Math.abs(seeded - Number(s.heist.value)) <= 1e-12 * Number(s.heist.value),
      'the trace seeds what was stolen',
    );
  });

  it('writes a Bitcoin-like chain with --chain bitcoin --transactions N', async (t) => {
    const dir = tempDir();
    t.after(dir.remove);
    const run = await runCli([
      'graph',
      'generate',
      '--chain',
      'bitcoin',
      '--transactions',
      '6000',
      '--json',
      '--data',
      dir.path,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const s = lastJson(run.stdout);
    assert.deepEqual([s.chain, s.transactions], ['bitcoin', 6000]);
    const g = openGraph(join(dir.path, 'chain'), { readonly: true });
    assert.equal(g.bitcoin.c.txs, 6000);
    g.close();
  });

  it('refuses a count that is not a whole number with a usage error (exit 2)', async () => {
    const run = await runCli(['graph', 'generate', '--transfers', 'many']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--transfers must be a whole number/);
  });
});
