/**
 * The deposit-address heuristic on the synthetic Ethereum chain (src/chain/synthetic), whose
 * exchanges take deposits on addresses that sweep to their hot wallet: every exchange's hot wallet
 * gathers deposit addresses, and no two exchanges become one entity.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openGraph } from '../../src/chain/index.ts';
import { generateEthereum } from '../../src/chain/synthetic/index.ts';
import { buildClusters } from '../../src/trace/cluster/index.ts';
import { tempDir } from '../support/temp-dir.ts';

test('synthetic chain: each exchange hot wallet collects its deposit addresses, exchanges stay apart', (t) => {
  const tmp = tempDir();
  const g = openGraph(join(tmp.path, 'chain'));
  t.after(() => {
    g.close();
    tmp.remove();
  });
  const summary = generateEthereum({ graph: g, transfers: 200_000, seed: 11 });
  const { clusters, summary: built } = buildClusters(g);
  assert.ok(built.merges.deposit > 100, `${built.merges.deposit} deposit merges`);
  const hot = summary.labels.filter((l) => l.category === 'exchange').map((l) => g.addressId(l.address));
  assert.ok(hot.length >= 5);
  const roots = hot.map((id) => clusters.clusterOf(id));
  assert.equal(new Set(roots).size, hot.length, 'no two exchanges merged');
  const gathered = hot.filter((id) => clusters.sizeOf(id) > 1).length;
  assert.ok(
    gathered >= hot.length / 2,
    `${gathered} of ${hot.length} hot wallets gathered deposit addresses`,
  );
  // every deposit merge joins an address to a hot wallet's cluster
  const hotRoots = new Set(roots);
  for (let m = 0; m < clusters.log.length; m++) {
    if ((clusters.log.kind[m]! & 0x0f) !== 3) continue;
    assert.ok(hotRoots.has(clusters.clusterOf(clusters.log.a[m]!)), `merge ${m} outside the exchanges`);
  }
});
