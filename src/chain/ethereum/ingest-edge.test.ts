import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { ANVIL_ACCOUNTS, requireAnvil } from '../../../test/support/anvil.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { isBulwarkError } from '../../errors/index.ts';
import { RpcClient } from './rpc-client.ts';
import { ChainDriver } from './scenario/driver.ts';
import { ingestInto, stored } from './testing/graph-dump.ts';

const [a0, a1, a2] = ANVIL_ACCOUNTS;
const ETH = 10n ** 18n;

/** A real HTTP proxy in front of anvil that answers "method not found" for the tracing methods. */
async function withoutTracers(t: TestContext, upstream: string): Promise<string> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', async () => {
      const body = JSON.parse(text) as { id: number; method: string } | { id: number; method: string }[];
      const calls = Array.isArray(body) ? body : [body];
      const refused = (c: { method: string }) => c.method === 'trace_block' || c.method.startsWith('debug_');
      const pass = calls.filter((c) => !refused(c));
      const answers = pass.length
        ? ((await (
            await fetch(upstream, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(pass),
            })
          ).json()) as unknown[])
        : [];
      const out = [
        ...answers,
        ...calls
          .filter(refused)
          .map((c) => ({ jsonrpc: '2.0', id: c.id, error: { code: -32601, message: 'Method not found' } })),
      ];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(Array.isArray(body) ? out : out[0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('ingestEthereum edge cases', () => {
  it('says clearly when the node offers no tracer, and ingests everything else', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    const splitter = await d.deploy(a0, 'Splitter');
    await d.send({ from: a0, to: splitter, value: ETH }); // stays in the contract: no internal transfer
    await d.send({ from: a0, to: a1, value: ETH });
    const dir = tempDir();
    t.after(dir.remove);
    const summary = await ingestInto(dir.path, { rpc: await withoutTracers(t, node.url) });
    assert.equal(summary.tracer, 'none');
    assert.match(summary.warning ?? '', /internal transfers are NOT ingested/);
    assert.equal(summary.internal, 0);
    assert.equal(summary.head, 3);
    assert.deepEqual(
      stored(dir.path)
        .transfers.map((x) => x.kind)
        .filter((k) => k !== 'fee'),
      ['create', 'call', 'call'],
    );
  });

  it('follows new blocks until aborted', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    const dir = tempDir();
    t.after(dir.remove);
    const controller = new AbortController();
    const heights: number[] = [];
    const running = ingestInto(dir.path, {
      rpc: node.url,
      follow: true,
      pollMs: 20,
      signal: controller.signal,
      onProgress: (p) => {
        heights.push(p.height);
        if (p.height >= 3) controller.abort();
      },
    });
    for (const to of [a1, a2, a1]) await d.send({ from: a0, to, value: ETH });
    const summary = await running;
    assert.equal(summary.head, 3);
    assert.equal(summary.transactions, 3);
    assert.ok(heights.includes(3));
    assert.equal(stored(dir.path).blocks.length, 4);
  });

  it('refuses a reorganisation deeper than allowed and leaves the store as it was', async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const d = new ChainDriver(new RpcClient({ url: node.url }));
    const fork = await d.snapshot();
    for (let i = 0; i < 4; i++) await d.send({ from: a0, to: a1, value: ETH + BigInt(i) });
    const dir = tempDir();
    t.after(dir.remove);
    await ingestInto(dir.path, { rpc: node.url });
    await d.revert(fork);
    for (let i = 0; i < 5; i++) await d.send({ from: a0, to: a2, value: ETH + BigInt(i) });
    const before = stored(dir.path);
    await assert.rejects(
      ingestInto(dir.path, { rpc: node.url, maxReorgDepth: 2 }),
      (e) => isBulwarkError(e) && e.code === 'BULWARK_E_ETH_REORG_TOO_DEEP',
    );
    assert.deepEqual(stored(dir.path), before);
    // With room for it, the same reorganisation is rolled back and the new branch ingested.
    const summary = await ingestInto(dir.path, { rpc: node.url });
    assert.deepEqual([summary.reorgs, summary.rolledBack, summary.head], [1, 4, 5]);
  });
});
