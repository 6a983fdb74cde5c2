import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../chain/index.ts';
import { buildClusters, type ClusterOptions, openClusters } from './index.ts';
import { address, type TxSpec, testChainGraph } from './test-chain.ts';

/** Coinbases paying each name 1 BTC + i satoshi (distinct values keep payments from looking like CoinJoins). */
function fund(names: readonly string[]): TxSpec[] {
  return names.map((to, i) => ({ ins: [], outs: [{ to, value: 100_000_000 + i * 7 }] }));
}

function together(g: Graph, a: string, b: string, options: ClusterOptions = { persist: false }): boolean {
  const { clusters } = buildClusters(g, options);
  return clusters.clusterOf(g.addressId(address(a))) === clusters.clusterOf(g.addressId(address(b)));
}

test('multi-input: the input addresses of a transaction become one cluster', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, b, c] = chain.append(g, fund(['alice', 'alice2', 'carol']));
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [{ to: 'bob', value: 150_000_000 }],
    },
  ]);
  assert.equal(together(g, 'alice', 'alice2', { persist: false, change: false }), true);
  assert.equal(together(g, 'alice', 'carol', { persist: false, change: false }), false);
  assert.equal(together(g, 'alice', 'bob', { persist: false, change: false }), false);
  void c;
});

test('CoinJoins are kept out of merges: Whirlpool, JoinMarket and Wasabi patterns', (t) => {
  const { g, chain } = testChainGraph(t);
  const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const funded = chain.append(g, fund(people));
  // Whirlpool: 5 inputs, 5 outputs of the 0.01 BTC pool
  const whirlpool: TxSpec = {
    ins: funded.slice(0, 5).map((tx) => [tx, 0] as const),
    outs: Array.from({ length: 5 }, (_, i) => ({ to: `w${i}`, value: 1_000_000, type: 'p2wpkh' as const })),
  };
  // JoinMarket: 3 participants, 3 equal outputs and 2 change outputs
  const joinmarket: TxSpec = {
    ins: funded.slice(5, 8).map((tx) => [tx, 0] as const),
    outs: [
      { to: 'j0', value: 50_000_000 },
      { to: 'j1', value: 50_000_000 },
      { to: 'j2', value: 50_000_000 },
      { to: 'jc0', value: 49_990_123 },
      { to: 'jc1', value: 49_990_456 },
    ],
  };
  chain.append(g, [whirlpool, joinmarket]);
  const { clusters, summary } = buildClusters(g, { persist: false });
  assert.equal(summary.coinjoins.whirlpool, 1);
  assert.equal(summary.coinjoins.joinmarket, 1);
  assert.equal(summary.merges.total, 0, 'no CoinJoin input is merged with another');
  for (const p of people) assert.equal(clusters.sizeOf(g.addressId(address(p))), 1);
  // Wasabi 1.x: 10 inputs, 10 equal outputs of 0.1 BTC and a coordinator fee
  const wasabiIns = Array.from({ length: 10 }, (_, i) => `q${i}`);
  const more = chain.append(g, fund(wasabiIns));
  chain.append(g, [
    {
      ins: more.map((tx) => [tx, 0] as const),
      outs: [
        ...Array.from({ length: 10 }, (_, i) => ({
          to: `z${i}`,
          value: 10_000_000,
          type: 'p2wpkh' as const,
        })),
        { to: 'coordinator', value: 3_000_000 },
      ],
    },
  ]);
  const again = buildClusters(g, { persist: false });
  assert.equal(again.summary.coinjoins.wasabi, 1);
  assert.equal(again.summary.merges.total, 0);
});

test('equal outputs from one spender are a payment batch, not a JoinMarket CoinJoin', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, b] = chain.append(g, fund(['exchange', 'exchange']));
  // two inputs of one address paying three users the same amount: inputs are not distinct people
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [
        { to: 'u1', value: 50_000_000 },
        { to: 'u2', value: 50_000_000 },
        { to: 'u3', value: 50_000_000 },
      ],
    },
  ]);
  assert.equal(buildClusters(g, { persist: false }).summary.coinjoins.joinmarket, 0);
});

test('one-time change: the only fresh output of the inputs’ script type joins the spender', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, , b] = chain.append(g, fund(['alice', 'shop', 'alice2']));
  // shop is an old address; change1 is fresh and P2PKH like the inputs
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [
        { to: 'shop', value: 120_000_000 },
        { to: 'change1', value: 79_990_000 },
      ],
    },
  ]);
  const only = { persist: false, change: { oneTime: true, nonRound: false, optimal: false } };
  assert.equal(together(g, 'alice', 'change1', only), true);
  assert.equal(together(g, 'alice', 'shop', only), false);
  assert.equal(together(g, 'alice', 'change1', { persist: false, change: false }), false, 'switchable');
});

test('one-time change needs the type to match: a fresh output of another type is not change', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a] = chain.append(g, fund(['alice', 'shop']));
  chain.append(g, [
    {
      ins: [[a!, 0]],
      outs: [
        { to: 'payee', value: 60_000_000, type: 'p2wpkh' },
        { to: 'change1', value: 39_990_000 },
      ],
    },
  ]);
  const only = { persist: false, change: { oneTime: true, nonRound: false, optimal: false } };
  assert.equal(together(g, 'alice', 'change1', only), true);
  assert.equal(together(g, 'alice', 'payee', only), false);
});

test('non-round and optimal change name the odd output; disagreement merges nothing', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, b] = chain.append(g, fund(['alice', 'alice2', 'old1', 'old2']));
  // both outputs are old addresses, so one-time change is silent; round payment 1.5 BTC, change 0.49…
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [
        { to: 'old1', value: 150_000_000 },
        { to: 'old2', value: 49_987_654 },
      ],
    },
  ]);
  const nonRound = { persist: false, change: { oneTime: false, nonRound: true, optimal: false } };
  const optimal = { persist: false, change: { oneTime: false, nonRound: false, optimal: true } };
  assert.equal(together(g, 'alice', 'old2', nonRound), true);
  assert.equal(together(g, 'alice', 'old2', optimal), true, 'old2 is the only output below every input');
  assert.equal(together(g, 'alice', 'old1', { persist: false }), false);
  const { clusters } = buildClusters(g, { persist: false });
  const m = clusters.merges(g.addressId(address('alice'))).find((k) => (clusters.log.kind[k]! & 0x0f) === 2);
  assert.ok(m !== undefined);
  assert.equal(clusters.log.kind[m]! & 0x60, 0x60, 'both heuristics agreed and are recorded');
});

test('change heuristics that name different outputs merge neither', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, b] = chain.append(g, fund(['alice', 'alice2', 'old1']));
  // one-time names the fresh "new" (round amount); non-round names old1
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [
        { to: 'old1', value: 123_456_789 },
        { to: 'new', value: 76_500_000 },
      ],
    },
  ]);
  const both = { persist: false, change: { oneTime: true, nonRound: true, optimal: false } };
  assert.equal(together(g, 'alice', 'new', both), false);
  assert.equal(together(g, 'alice', 'old1', both), false);
});

test('merge reasons name heuristic, transaction and block; whyTogether chains them', (t) => {
  const { g, chain } = testChainGraph(t);
  const [a, b, c] = chain.append(g, fund(['x', 'y', 'z']));
  // t1 pays x again (address reuse), so t2 spends x beside z
  const [t1] = chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [{ to: 'x', value: 190_000_000 }],
    },
  ]);
  const [t2] = chain.append(g, [
    {
      ins: [
        [t1!, 0],
        [c!, 0],
      ],
      outs: [{ to: 'out2', value: 280_000_000 }],
    },
  ]);
  buildClusters(g, { change: false });
  const view = openClusters(g);
  const path = view.whyTogether(address('y'), address('z'));
  assert.ok(path);
  assert.deepEqual(
    path.map((r) => [r.heuristic, r.tx, r.block]),
    [
      ['multi-input', Buffer.from(chain.txids[t1!]!).reverse().toString('hex'), 1],
      ['multi-input', Buffer.from(chain.txids[t2!]!).reverse().toString('hex'), 2],
    ],
  );
  assert.deepEqual([path[0]!.from, path[0]!.to], [address('x'), address('y')]);
  assert.equal(view.whyTogether(address('x'), address('out2')), undefined);
  const info = view.info(address('z'));
  assert.equal(info?.size, 3);
  assert.deepEqual(info?.merges, { 'multi-input': 2, change: 0, deposit: 0 });
});
