import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANVIL_ACCOUNTS, requireAnvil } from '../../../test/support/anvil.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { RpcClient } from './rpc-client.ts';
import { address, str, uint } from './scenario/abi.ts';
import { ChainDriver } from './scenario/driver.ts';
import { type dumpEthereum, ingestInto, stored } from './testing/graph-dump.ts';

const [a0, a1, a2, a3] = ANVIL_ACCOUNTS;
const ETH = 10n ** 18n;

async function someTraffic(d: ChainDriver, rounds: number, salt: bigint): Promise<void> {
  const token = await d.deploy(a0, 'Token', [str('Test'), str('TST'), uint(18n)]);
  for (let i = 0n; i < BigInt(rounds); i++) {
    await d.send({ from: a0, to: i % 2n ? a1 : a2, value: ETH + i + salt });
    await d.invoke(a0, token, 'Token', 'mint(address,uint256)', [address(a3), uint(1000n + i + salt)]);
  }
}

/** What a fresh ingestion of the node's current chain stores: the reference final state. */
async function freshState(url: string): Promise<ReturnType<typeof dumpEthereum>> {
  const dir = tempDir();
  try {
    await ingestInto(dir.path, { rpc: url });
    return stored(dir.path);
  } finally {
    dir.remove();
  }
}

describe('ingestEthereum against anvil', () => {
  it('ingests up to the head, and a second run adds nothing', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    await someTraffic(new ChainDriver(new RpcClient({ url: node.url })), 4, 0n);
    const dir = tempDir();
    t.after(dir.remove);
    const first = await ingestInto(dir.path, { rpc: node.url, chunk: 3 });
    assert.equal(first.head, 9);
    assert.equal(first.blocks, 10);
    assert.equal(first.tokenTransfers, 4);
    assert.equal(first.tracer, 'trace_block');
    const before = stored(dir.path);
    assert.equal(before.transfers.length, first.transfers);
    assert.equal(before.transfers.filter((x) => x.kind === 'erc20').length, 4);
    const second = await ingestInto(dir.path, { rpc: node.url });
    assert.deepEqual([second.blocks, second.transactions, second.transfers], [0, 0, 0]);
    assert.deepEqual(stored(dir.path), before);
    assert.deepEqual(
      before.tokens.map((x) => [x.symbol, x.decimals]),
      [['TST', 18]],
    );
  });

  it('leaves the last blocks below the confirmation depth', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    await someTraffic(new ChainDriver(new RpcClient({ url: node.url })), 2, 0n);
    const dir = tempDir();
    t.after(dir.remove);
    const summary = await ingestInto(dir.path, { rpc: node.url, confirmations: 2 });
    assert.equal(summary.head, 3);
    assert.equal(stored(dir.path).blocks.at(-1)?.height, 3);
  });

  it('rolls back a reorganisation to the fork point and re-ingests the new branch', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    await someTraffic(d, 2, 0n); // blocks 1..5
    const fork = await d.snapshot();
    await d.send({ from: a0, to: a1, value: 7n * ETH }); // 6
    await d.send({ from: a0, to: a2, value: 8n * ETH }); // 7
    const dir = tempDir();
    t.after(dir.remove);
    await ingestInto(dir.path, { rpc: node.url });
    await d.revert(fork);
    await d.send({ from: a1, to: a3, value: 9n * ETH }); // new 6
    await d.send({ from: a2, to: a3, value: 3n * ETH }); // new 7
    await d.send({ from: a3, to: a0, value: 1n * ETH }); // 8
    const summary = await ingestInto(dir.path, { rpc: node.url });
    assert.equal(summary.reorgs, 1);
    assert.equal(summary.rolledBack, 2);
    assert.equal(summary.head, 8);
    assert.deepEqual(stored(dir.path), await freshState(node.url));
    const values = stored(dir.path)
      .transfers.filter((x) => x.kind === 'call')
      .map((x) => x.value);
    assert.ok(!values.includes(7n * ETH) && values.includes(9n * ETH));
  });

  it('notices a reorganisation that replaced the stored tip at the same height', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    await someTraffic(d, 1, 0n);
    const fork = await d.snapshot();
    await d.send({ from: a0, to: a1, value: 5n * ETH });
    const dir = tempDir();
    t.after(dir.remove);
    await ingestInto(dir.path, { rpc: node.url });
    await d.revert(fork);
    await d.send({ from: a0, to: a2, value: 6n * ETH });
    const summary = await ingestInto(dir.path, { rpc: node.url });
    assert.deepEqual([summary.reorgs, summary.rolledBack, summary.blocks], [1, 1, 1]);
    assert.deepEqual(stored(dir.path), await freshState(node.url));
  });

  it('resumes after being killed mid-ingest and reaches the same final state', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    await someTraffic(new ChainDriver(new RpcClient({ url: node.url })), 15, 1n); // 31 blocks
    const dir = tempDir();
    t.after(dir.remove);
    const seen = await killAfterCommits(node.url, dir.path, 6);
    assert.ok(seen >= 6 && seen < 31, `killed after ${seen} commits`);
    const resumed = await ingestInto(dir.path, { rpc: node.url });
    assert.ok(resumed.blocks > 0 && resumed.blocks < 32);
    assert.deepEqual(stored(dir.path), await freshState(node.url));
  });
});

/** Runs the worker, SIGKILLs it once it has reported `n` commits; returns the commits it reported. */
function killAfterCommits(url: string, dir: string, n: number): Promise<number> {
  const worker = join(import.meta.dirname, 'testing', 'ingest-worker.ts');
  const child = spawn(process.execPath, [worker, url, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      lines += chunk
        .toString()
        .split('\n')
        .filter((l) => /^\d+$/.test(l)).length;
      if (lines >= n) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => resolve(lines));
  });
}
