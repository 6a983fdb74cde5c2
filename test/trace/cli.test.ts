import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mainnet0to255, writeBlk } from '../../src/chain/graph/test-blocks.ts';
import { ingestBitcoin, openGraph } from '../../src/chain/index.ts';
import { type CliResult, runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';

/** Runs the real `bulwark trace` command as users do (exit codes, stderr). */
function bulwark(args: string[]): Promise<CliResult> {
  return runCli(['trace', ...args]);
}

describe('bulwark trace', () => {
  const tmp = tempDir();
  after(tmp.remove);
  before(async () => {
    writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
    const g = openGraph(join(tmp.path, 'data', 'chain'));
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'blocks') });
    g.close();
  });

  it('--json prints the DESIGN.md shape with amounts as decimal strings of satoshi', async () => {
    const r = await bulwark([
      SATOSHI,
      '--model',
      'haircut',
      '--hops',
      '2',
      '--json',
      '--data',
      join(tmp.path, 'data'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { addresses: Record<string, unknown>[] };
    assert.equal(out.model, 'haircut');
    assert.deepEqual(out.seeds, [SATOSHI]);
    for (const k of ['addresses', 'transfers', 'endpoints']) assert.ok(Array.isArray(out[k]), k);
    const hal = out.addresses.find((a) => a.address === HAL);
    assert.equal(hal?.received, String(10 * 1e8));
    assert.deepEqual(Object.keys(hal ?? {}).slice(0, 3), ['address', 'asset', 'received']);
  });

  it('prints a readable summary, and fails with exit code 2 on a bad option and 1 on an unknown address', async () => {
    const ok = await bulwark([SATOSHI, '--data', join(tmp.path, 'data')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /where it ended up/);
    assert.match(ok.stdout, new RegExp(HAL));
    const bad = await bulwark([SATOSHI, '--model', 'magic', '--data', join(tmp.path, 'data')]);
    assert.equal(bad.code, 2, bad.stderr);
    const noHub = await bulwark([SATOSHI, '--as-org', 'Bank B', '--data', join(tmp.path, 'data')]);
    assert.equal(noHub.code, 2, noHub.stderr);
    assert.match(noHub.stderr, /--as-org needs a hub/);
    const unknown = await bulwark(['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '--data', join(tmp.path, 'data')]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /not in the transaction graph/);
  });
});
