import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { addr, buildGraph, type Move } from '../test-graph.ts';
import { buildClusters, openClusters } from './index.ts';

const ETH = 10n ** 18n;

test('Ethereum deposit addresses that sweep to one hot wallet join its cluster', (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  // customers c, d, e pay deposit addresses D and E; each sweeps (nearly) all to hot wallet H.
  // F receives from two and forwards half to H and half elsewhere: not a deposit address.
  // G receives from one sender only and forwards everything to H: not "from many".
  const steps: Move[][] = [
    [{ from: 'c', to: 'D', value: 3n * ETH }],
    [{ from: 'd', to: 'D', value: 2n * ETH }],
    [{ from: 'e', to: 'E', value: 7n * ETH }],
    [{ from: 'c', to: 'E', value: 1n * ETH }],
    [{ from: 'D', to: 'H', value: 5n * ETH - 10n ** 15n }],
    [{ from: 'E', to: 'H', value: 8n * ETH - 10n ** 15n }],
    [{ from: 'c', to: 'F', value: 4n * ETH }],
    [{ from: 'd', to: 'F', value: 4n * ETH }],
    [{ from: 'F', to: 'H', value: 4n * ETH }],
    [{ from: 'F', to: 'x', value: 4n * ETH }],
    [{ from: 'e', to: 'G', value: 1n * ETH }],
    [{ from: 'G', to: 'H', value: 1n * ETH }],
  ];
  const g = buildGraph(join(tmp.path, 'g'), steps);
  t.after(() => g.close());
  const { summary } = buildClusters(g);
  assert.equal(summary.merges.deposit, 2);
  const view = openClusters(g);
  const idOf = (n: string) => view.clusters.clusterOf(g.addressId(addr(n)));
  assert.equal(idOf('D'), idOf('H'));
  assert.equal(idOf('E'), idOf('H'));
  for (const n of ['F', 'G', 'c', 'd', 'e', 'x']) assert.notEqual(idOf(n), idOf('H'), n);
  const why = view.whyTogether(addr('D'), addr('E'));
  assert.deepEqual(
    why?.map((r) => [r.heuristic, r.chain, r.block]),
    [
      ['deposit', 'ethereum', 4],
      ['deposit', 'ethereum', 5],
    ],
  );
  assert.equal(buildClusters(g, { deposit: false, persist: false }).summary.merges.deposit, 0, 'switchable');
});

test('a collector of a single deposit address is not taken for a hot wallet', (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const g = buildGraph(join(tmp.path, 'g'), [
    [{ from: 'c', to: 'D', value: 3n * ETH }],
    [{ from: 'd', to: 'D', value: 2n * ETH }],
    [{ from: 'D', to: 'H', value: 5n * ETH }],
  ]);
  t.after(() => g.close());
  assert.equal(buildClusters(g, { persist: false }).summary.merges.deposit, 0);
  assert.equal(buildClusters(g, { persist: false, minDeposits: 1 }).summary.merges.deposit, 1);
});

test('deposit merges across increments keep the hot wallet’s cluster id', (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const first: Move[][] = [
    [{ from: 'c', to: 'D', value: 3n * ETH }],
    [{ from: 'd', to: 'D', value: 2n * ETH }],
    [{ from: 'D', to: 'H', value: 5n * ETH }],
    [{ from: 'e', to: 'E', value: 1n * ETH }],
    [{ from: 'f', to: 'E', value: 1n * ETH }],
    [{ from: 'E', to: 'H', value: 2n * ETH }],
  ];
  const g = buildGraph(join(tmp.path, 'g'), first);
  t.after(() => g.close());
  buildClusters(g);
  const idOf = (n: string) => openClusters(g).clusters.clusterOf(g.addressId(addr(n)));
  const hot = idOf('H');
  assert.equal(idOf('D'), hot);
  // a later block: a third deposit address sweeps to H
  const later: Move[][] = [
    [{ from: 'c', to: 'F', value: 1n * ETH }],
    [{ from: 'e', to: 'F', value: 1n * ETH }],
    [{ from: 'F', to: 'H', value: 2n * ETH }],
  ];
  later.forEach((moves, i) => {
    const height = first.length + i;
    const hex = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    g.ethereum.append({
      height,
      hash: hex(height + 1),
      parentHash: hex(height),
      time: 1_700_000_000 + 12 * height,
      txs: [
        {
          hash: hex(5000 + i),
          from: addr(moves[0]!.from),
          to: addr(moves[0]!.to),
          value: 0n,
          fee: 0n,
          ok: true,
        },
      ],
      transfers: moves.map((m) => ({
        from: addr(m.from),
        to: addr(m.to),
        value: m.value,
        asset: 'ETH',
        txHash: hex(5000 + i),
        kind: 'call' as const,
      })),
    });
  });
  g.ethereum.commit();
  const next = buildClusters(g);
  assert.equal(next.summary.rebuilt, null);
  assert.equal(next.summary.merges.deposit, 1);
  assert.deepEqual([idOf('H'), idOf('D'), idOf('E'), idOf('F')], [hot, hot, hot, hot]);
});
