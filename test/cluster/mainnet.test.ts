/**
 * Clustering real mainnet blocks ingested by the product's own ingestion: blocks 0–255 (the first
 * transaction between people, block 170) and block 277,647 (2013, 213 transactions). These files
 * hold no transaction whose inputs spend two *different* addresses the store can resolve (block
 * 277,647's inputs mostly spend outputs of blocks not shipped), so the multi-input checks are
 * against an independent computation over the rows, and the change check against block 170.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mainnet0to255, writeBlk } from '../../src/chain/graph/test-blocks.ts';
import { type Graph, ingestBitcoin, openGraph, reversedHex, UNRESOLVED } from '../../src/chain/index.ts';
import { buildClusters, type ClusterBuild } from '../../src/trace/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';
/** Block 277,647: five inputs, all spending 1Bqbu2rg… outputs made earlier in the same block. */
const FIVE_INPUTS = '31060acfd0e06d052c56b8b57a5de8ab78cc7b413c7de5d3bb348e711c44d4c7';

describe('clustering real mainnet blocks', () => {
  const tmp = tempDir();
  let g: Graph;
  let built: ClusterBuild;
  before(async () => {
    writeBlk(join(tmp.path, 'early'), 0, mainnet0to255());
    mkdirSync(join(tmp.path, 'late'));
    copyFileSync(
      new URL('../../data/bitcoin/277647.dat', import.meta.url),
      join(tmp.path, 'late', 'blk00000.dat'),
    );
    g = openGraph(join(tmp.path, 'g'));
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'early') });
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'late') });
    built = buildClusters(g);
  });
  after(() => {
    g?.close();
    tmp.remove();
  });

  it('merges the resolved inputs of every multi-input transaction, as the rows say', () => {
    const c = g.bitcoin.c;
    let checked = 0;
    for (let tx = 0; tx < c.txs; tx++) {
      const ids = new Set<number>();
      for (let r = c.txRow.data[tx]!; r < c.txOut.data[tx]!; r++)
        if (c.rowAddr.data[r]! < UNRESOLVED) ids.add(c.rowAddr.data[r]!);
      const roots = new Set([...ids].map((id) => built.clusters.clusterOf(id)));
      assert.ok(roots.size <= 1, `tx ${reversedHex(c.txHash.data, tx * 32)}`);
      if (c.txOut.data[tx]! - c.txRow.data[tx]! >= 2) checked++;
    }
    assert.ok(checked >= 100, `${checked} multi-input transactions`);
    let five = -1;
    for (let tx = 0; tx < c.txs; tx++) if (reversedHex(c.txHash.data, tx * 32) === FIVE_INPUTS) five = tx;
    assert.ok(five >= 0);
    assert.equal(c.txOut.data[five]! - c.txRow.data[five]!, 5);
  });

  it('does not take Hal Finney for Satoshi’s change in block 170 (the change went back to Satoshi’s own key)', () => {
    const satoshi = g.addressId(SATOSHI);
    const hal = g.addressId(HAL);
    assert.ok(satoshi >= 0 && hal >= 0);
    assert.notEqual(built.clusters.clusterOf(satoshi), built.clusters.clusterOf(hal));
  });

  it('finds no CoinJoin in 2009–2013 blocks (Wasabi, Whirlpool and JoinMarket came later)', () => {
    assert.deepEqual(built.summary.coinjoins, { wasabi: 0, whirlpool: 0, joinmarket: 0 });
  });
});
