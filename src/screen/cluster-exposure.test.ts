import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { openGraph } from '../chain/index.ts';
import { openStore } from '../store/index.ts';
import { buildClusters, openClusters } from '../trace/cluster/index.ts';
import { address, TestChain } from '../trace/cluster/test-chain.ts';
import { type ClusterReason, clusterExposureFor, type Label, Screener, ScreeningIndex } from './index.ts';

function label(name: string, over: Partial<Label> = {}): Label {
  return {
    address: address(name),
    category: 'sanctioned',
    source: 'OFAC SDN',
    detail: `listed ${name}`,
    marking: 'clear',
    authorOrg: 'hub',
    stixIds: [`indicator--${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`],
    entities: [{ id: 'threat-actor--x', type: 'threat-actor', name: 'Lazarus Group' }],
    ...over,
  };
}

test('same-cluster: a member of a labelled address’s cluster gets its source, the cluster and a risk one step lower — only for readers who see the label', async (t) => {
  const tmp = tempDir();
  const g = openGraph(join(tmp.path, 'chain'));
  const store = await openStore({ data: tmp.path });
  t.after(async () => {
    g.close();
    await store.close();
    tmp.remove();
  });
  const chain = new TestChain();
  const [a, b] = chain.append(g, [
    { ins: [], outs: [{ to: 'listed', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'partner', value: 100_000_001 }] },
    { ins: [], outs: [{ to: 'bystander', value: 100_000_002 }] },
  ]);
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [{ to: 'payee', value: 200_000_000 }],
    },
  ]);
  buildClusters(g, { change: false });
  const view = openClusters(g);
  const exposureFor = clusterExposureFor(() => view);

  // one reader's scope holds the sanctions label, another's (a member without it) does not
  const sees = new ScreeningIndex({ labels: [label('listed')], version: 1, objectCount: 1 });
  const blind = new ScreeningIndex({ labels: [], version: 1, objectCount: 0 });
  const screener = new Screener(store, { kind: 'all' }, sees, { exposureFor });
  const partner = screener.screen(address('partner'));
  assert.equal(partner.risk, 'high');
  const reason = partner.reasons[0] as ClusterReason;
  assert.equal(reason.kind, 'same-cluster');
  assert.equal(reason.source, 'OFAC SDN');
  assert.equal(reason.risk, 'high');
  assert.equal(reason.member, address('listed'));
  assert.equal(reason.cluster, view.clusters.clusterOf(g.addressId(address('listed'))));
  assert.equal(reason.cluster_size, 2);
  assert.deepEqual(reason.merges, { 'multi-input': 1, change: 0, deposit: 0 });
  assert.match(reason.detail, /1 multi-input/);

  const listed = screener.screen(address('listed'));
  assert.deepEqual(
    listed.reasons.map((r) => r.kind),
    ['direct'],
    'its own label is the direct reason, not a cluster one',
  );
  assert.equal(screener.screen(address('bystander')).risk, 'none');
  assert.equal(screener.screen(address('payee')).risk, 'none');

  const blindScreener = new Screener(store, { kind: 'all' }, blind, { exposureFor });
  assert.deepEqual(blindScreener.screen(address('partner')), {
    address: address('partner'),
    risk: 'none',
    reasons: [],
  });
});

test('a victim-overridden label gives its cluster no exposure; an exchange label one step down is none', async (t) => {
  const tmp = tempDir();
  const g = openGraph(join(tmp.path, 'chain'));
  t.after(() => {
    g.close();
    tmp.remove();
  });
  const chain = new TestChain();
  const [a, b] = chain.append(g, [
    { ins: [], outs: [{ to: 'victim', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'other', value: 100_000_001 }] },
  ]);
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [{ to: 'payee', value: 200_000_000 }],
    },
  ]);
  const { clusters } = buildClusters(g, { change: false });
  assert.equal(clusters.sizeOf(g.addressId(address('other'))), 2);
  const view = openClusters(g);
  const index = new ScreeningIndex({
    labels: [
      label('victim', { category: 'heist', source: 'FBI', confidence: 90 }),
      label('victim', { category: 'victim', source: 'victim note', entities: [] }),
    ],
    version: 1,
    objectCount: 2,
  });
  const [provider] = clusterExposureFor(() => view)(index);
  assert.deepEqual(provider!.exposureOf(address('other')), []);
  const exchange = new ScreeningIndex({
    labels: [label('victim', { category: 'exchange', source: 'GraphSense' })],
    version: 1,
    objectCount: 1,
  });
  const [p2] = clusterExposureFor(() => view)(exchange);
  const found = p2!.exposureOf(address('other'));
  assert.equal(found.length, 1);
  assert.deepEqual([found[0]!.category, found[0]!.risk], ['exchange', 'none']);
});
