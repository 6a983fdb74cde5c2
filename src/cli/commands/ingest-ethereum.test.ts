import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANVIL_ACCOUNTS, requireAnvil } from '../../../test/support/anvil.ts';
import { type CliResult, runCli } from '../../../test/support/cli.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { RpcClient } from '../../chain/ethereum/index.ts';
import { ChainDriver } from '../../chain/ethereum/scenario/driver.ts';
import { openGraph } from '../../chain/index.ts';

/** Runs the real `bulwark` command as users do (exit codes, stderr). */
function bulwark(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env });
}

describe('bulwark ingest ethereum', () => {
  it('ingests into DATA/chain and prints the summary JSON on the last line', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    await d.send({ from: ANVIL_ACCOUNTS[0], to: ANVIL_ACCOUNTS[1], value: 10n ** 18n });
    await d.send({ from: ANVIL_ACCOUNTS[1], to: ANVIL_ACCOUNTS[2], value: 10n ** 17n });
    const dir = tempDir();
    t.after(dir.remove);
    const first = await bulwark(['ingest', 'ethereum', '--rpc', node.url, '--json'], {
      BULWARK_DATA: dir.path,
    });
    const summary = JSON.parse(first.stdout.trim().split('\n').at(-1) as string);
    assert.deepEqual(
      [summary.blocks, summary.transactions, summary.head, summary.tracer],
      [3, 2, 2, 'trace_block'],
    );
    const g = openGraph(join(dir.path, 'chain'), { readonly: true });
    assert.equal(g.head('ethereum')?.height, 2);
    const paid = g.ethereum.inEdges(g.addressId(ANVIL_ACCOUNTS[2].toLowerCase()));
    assert.deepEqual(
      [...paid].map((row) => [g.ethereum.transfer(row).kind, g.ethereum.value(row)]),
      [['call', 10n ** 17n]],
    );
    const again = await bulwark(['ingest', 'ethereum', '--rpc', node.url, '--json', '--data', dir.path]);
    assert.equal(JSON.parse(again.stdout.trim()).blocks, 0);
  });

  it('exits 1 with one clear line when the node is unreachable, naming no credentials', async (t) => {
    const dir = tempDir();
    t.after(dir.remove);
    const url = 'http://bob:hunter2@127.0.0.1:1/';
    const failed = await bulwark(['ingest', 'ethereum', '--rpc', url, '--data', dir.path]);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /BULWARK_E_ETH_RPC_UNAVAILABLE/);
    assert.ok(!failed.stderr.includes('hunter2'));
  });

  it('exits 2 on a bad --confirmations', async () => {
    const failed = await bulwark([
      'ingest',
      'ethereum',
      '--rpc',
      'http://127.0.0.1:1',
      '--confirmations',
      '-3',
    ]);
    assert.equal(failed.code, 2);
  });
});
