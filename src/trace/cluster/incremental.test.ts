import assert from 'node:assert/strict';
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildClusters, clusterDir, openClusters } from './index.ts';
import { address, TestChain, testChainGraph } from './test-chain.ts';

test('stable ids across increments: only a merge changes an id, and the larger cluster keeps its own', (t) => {
  const { g, chain } = testChainGraph(t);
  const names = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'];
  const f = chain.append(
    g,
    names.map((to, i) => ({ ins: [], outs: [{ to, value: 100_000_000 + i }] })),
  );
  // a1+a2+a3 one cluster (3), b1+b2 another (2); c1 alone
  const [ta, tb] = chain.append(g, [
    {
      ins: [
        [f[0]!, 0],
        [f[1]!, 0],
        [f[2]!, 0],
      ],
      outs: [{ to: 'a1', value: 300_000_000 }],
    },
    {
      ins: [
        [f[3]!, 0],
        [f[4]!, 0],
      ],
      outs: [{ to: 'b1', value: 200_000_000 }],
    },
  ]);
  const first = buildClusters(g, { change: false });
  assert.equal(first.summary.rebuilt, 'new');
  const id = (name: string) => openClusters(g).clusters.clusterOf(g.addressId(address(name)));
  const [ida, idb, idc] = [id('a2'), id('b2'), id('c1')];
  assert.notEqual(ida, idb);

  // an increment that touches neither cluster changes no id
  chain.append(g, [{ ins: [[f[5]!, 0]], outs: [{ to: 'd1', value: 99_000_000 }] }]);
  const second = buildClusters(g, { change: false });
  assert.equal(second.summary.rebuilt, null, 'extended, not rebuilt');
  assert.equal(second.summary.transactions, 1, 'only the new transaction was clustered');
  assert.deepEqual([id('a2'), id('b2'), id('c1')], [ida, idb, idc]);

  // a1 (cluster of 3) and b1 (cluster of 2) spend together: the larger keeps its id
  chain.append(g, [
    {
      ins: [
        [ta!, 0],
        [tb!, 0],
      ],
      outs: [{ to: 'e1', value: 490_000_000 }],
    },
  ]);
  const third = buildClusters(g, { change: false });
  assert.equal(third.summary.merges.multiInput, 1);
  assert.equal(id('b2'), ida);
  assert.equal(id('a3'), ida);
  assert.equal(id('c1'), idc);

  // the persisted log replayed from scratch gives the same ids as the increments did
  const rebuilt = buildClusters(g, { change: false, rebuild: true, persist: false });
  for (const n of [...names, 'd1', 'e1'])
    assert.equal(rebuilt.clusters.clusterOf(g.addressId(address(n))), id(n), n);
});

test('other options start over; an interrupted commit leaves the last one, and the next build cuts its debris', (t) => {
  const { g, chain } = testChainGraph(t);
  const f = chain.append(g, [
    { ins: [], outs: [{ to: 'p', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'q', value: 100_000_001 }] },
  ]);
  chain.append(g, [
    {
      ins: [
        [f[0]!, 0],
        [f[1]!, 0],
      ],
      outs: [
        { to: 'r', value: 150_000_000 },
        { to: 's', value: 49_999_123 },
      ],
    },
  ]);
  const a = buildClusters(g);
  const b = buildClusters(g, { change: false });
  assert.equal(b.summary.rebuilt, 'options changed');
  assert.ok(a.manifest.merges > b.manifest.merges, 'the change merge is gone with the change heuristics');
  // an interrupted commit: column tails written, the manifest not replaced (a temp one left behind)
  const dir = clusterDir(g.dir);
  appendFileSync(join(dir, 'merge.a'), Buffer.alloc(40, 0xff));
  appendFileSync(join(dir, 'merge.kind'), Buffer.alloc(10, 0xff));
  writeFileSync(join(dir, 'MANIFEST.json.tmp'), '{"format":"bulwark-clusters","merges":99');
  const view = openClusters(g);
  assert.equal(view.clusters.log.length, b.manifest.merges, 'readers see the last commit');
  // the next build extends the last commit and cuts the debris
  const c = buildClusters(g, { change: false });
  assert.equal(c.summary.rebuilt, null);
  assert.equal(statSync(join(dir, 'merge.a')).size, 4 * c.manifest.merges);
  assert.deepEqual(
    openClusters(g).clusters.log.kind.subarray(0, c.manifest.merges),
    b.clusters.log.kind.subarray(0, b.manifest.merges),
  );
});

test('inputs resolved after their transaction was clustered are merged by the next increment', (t) => {
  const { g, chain } = testChainGraph(t);
  const funding = chain.make([
    { ins: [], outs: [{ to: 'early1', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'early2', value: 100_000_001 }] },
  ]);
  const [f1, f2] = funding.indexes;
  const spend = chain.make([
    {
      ins: [
        [f1!, 0],
        [f2!, 0],
      ],
      outs: [{ to: 'later', value: 190_000_000 }],
    },
  ]);
  // the spending block arrives first (a mid-chain start): its inputs are unresolved
  TestChain.appendRaw(g, spend);
  const first = buildClusters(g, { change: false });
  assert.equal(first.summary.merges.total, 0);
  TestChain.appendRaw(g, funding);
  assert.equal(g.bitcoin.unresolved(), 0, 'the funding block resolved both inputs');
  const second = buildClusters(g, { change: false });
  assert.equal(second.summary.rebuilt, null);
  assert.equal(second.summary.merges.multiInput, 1);
  const view = openClusters(g);
  const why = view.whyTogether(address('early1'), address('early2'));
  assert.equal(why?.length, 1);
  assert.equal(why?.[0]?.block, 1, 'the reason is the spending transaction, in its block');
});
