import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANVIL_ACCOUNTS, requireAnvil } from '../../../test/support/anvil.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { ingestEthereum } from './ingest.ts';
import { JournalSink } from './journal-sink.ts';
import { RpcClient } from './rpc-client.ts';
import { address, str, uint } from './scenario/abi.ts';
import { ChainDriver } from './scenario/driver.ts';

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
async function freshState(url: string): Promise<unknown[]> {
  const dir = tempDir();
  try {
    const sink = new JournalSink(dir.path);
    await ingestEthereum({ rpc: url, graph: sink });
    return [...sink.blocks()];
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
    const first = await ingestEthereum({ rpc: node.url, graph: new JournalSink(dir.path), chunk: 3 });
    assert.equal(first.head, 9);
    assert.equal(first.blocks, 10);
    assert.equal(first.tokenTransfers, 4);
    assert.equal(first.tracer, 'trace_block');
    const sink = new JournalSink(dir.path);
    const before = sink.stats;
    const second = await ingestEthereum({ rpc: node.url, graph: sink });
    assert.deepEqual([second.blocks, second.transactions, second.transfers], [0, 0, 0]);
    assert.deepEqual(sink.stats, before);
    assert.deepEqual(
      sink.tokens().map((x) => x.symbol),
      ['TST'],
    );
  });

  it('leaves the last blocks below the confirmation depth', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    await someTraffic(new ChainDriver(new RpcClient({ url: node.url })), 2, 0n);
    const dir = tempDir();
    t.after(dir.remove);
    const summary = await ingestEthereum({
      rpc: node.url,
      graph: new JournalSink(dir.path),
      confirmations: 2,
    });
    assert.equal(summary.head, 3);
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
    await ingestEthereum({ rpc: node.url, graph: new JournalSink(dir.path) });
    await d.revert(fork);
    await d.send({ from: a1, to: a3, value: 9n * ETH }); // new 6
    await d.send({ from: a2, to: a3, value: 3n * ETH }); // new 7
    await d.send({ from: a3, to: a0, value: 1n * ETH }); // 8
    const sink = new JournalSink(dir.path);
    const summary = await ingestEthereum({ rpc: node.url, graph: sink });
    assert.equal(summary.reorgs, 1);
    assert.equal(summary.rolledBack, 2);
    assert.equal(summary.head, 8);
    assert.deepEqual([...sink.blocks()], await freshState(node.url));
    const values = [...sink.blocks()]
      .flatMap((b) => b.transfers)
      .filter((x) => x.kind === 'call')
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
    await ingestEthereum({ rpc: node.url, graph: new JournalSink(dir.path) });
    await d.revert(fork);
    await d.send({ from: a0, to: a2, value: 6n * ETH });
    const sink = new JournalSink(dir.path);
    const summary = await ingestEthereum({ rpc: node.url, graph: sink });
    assert.deepEqual([summary.reorgs, summary.rolledBack, summary.blocks], [1, 1, 1]);
    assert.deepEqual([...sink.blocks()], await freshState(node.url));
  });

  it('resumes after being killed mid-ingest and reaches the same final state', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    await someTraffic(new ChainDriver(new RpcClient({ url: node.url })), 15, 1n); // 31 blocks
    const dir = tempDir();
    t.after(dir.remove);
    const seen = await killAfterCommits(node.url, dir.path, 6);
    assert.ok(seen >= 6 && seen < 31, `killed after ${seen} commits`);
    const sink = new JournalSink(dir.path);
    const resumed = await ingestEthereum({ rpc: node.url, graph: sink });
    assert.ok(resumed.blocks > 0 && resumed.blocks < 32);
    assert.deepEqual([...sink.blocks()], await freshState(node.url));
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
