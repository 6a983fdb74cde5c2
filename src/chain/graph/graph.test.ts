import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { BulwarkError } from '../../errors/index.ts';
import { parseBlock } from '../bitcoin/block-parser.ts';
import { ingestBitcoin } from '../bitcoin/ingest.ts';
import { openGraph } from './graph.ts';
import { canonical, mainnet0to255, records, shuffled, writeBlk } from './test-blocks.ts';

async function ingestDir(store: string, blocks: string, commitEvery?: number) {
  const g = openGraph(store);
  try {
    const summary = await ingestBitcoin({
      graph: g,
      blocksDir: blocks,
      ...(commitEvery ? { commitEvery } : {}),
    });
    return { summary, view: canonical(g), stats: g.stats() };
  } finally {
    g.close();
  }
}

test('mainnet blocks 0–255 ingest once: the same blocks again add nothing', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
  const first = await ingestDir(join(tmp.path, 'g'), join(tmp.path, 'blocks'));
  assert.equal(first.summary.blocks, 256);
  assert.equal(first.summary.head, 255);
  assert.ok(first.summary.inputs > 0, 'block 170 onwards spend earlier outputs');
  assert.equal(first.stats.chains.bitcoin.unresolved, 0);
  const again = await ingestDir(join(tmp.path, 'g'), join(tmp.path, 'blocks'));
  assert.deepEqual(
    [again.summary.blocks, again.summary.transactions, again.summary.inputs, again.summary.outputs],
    [0, 0, 0, 0],
  );
  assert.deepEqual(again.view, first.view);
  const r = openGraph(join(tmp.path, 'g'), { readonly: true });
  // block 9's coinbase paid Satoshi's address, which funded the first transaction to Hal Finney in block 170
  const satoshi = r.addressId('12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S');
  assert.ok(satoshi >= 0);
  const spends = r.outEdges(satoshi);
  assert.ok(spends.length >= 1);
  assert.equal(r.transfer(spends[0]!).kind, 'input');
  assert.equal(r.transfer(spends[0]!).height, 170);
});

test('records out of order across files resolve by previous hash to the same store', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const all = mainnet0to255();
  writeBlk(join(tmp.path, 'ordered'), 0, all);
  const mixed = shuffled(all, 42);
  writeBlk(join(tmp.path, 'mixed'), 0, mixed.slice(0, 100));
  writeBlk(join(tmp.path, 'mixed'), 1, mixed.slice(100, 180));
  writeBlk(join(tmp.path, 'mixed'), 2, mixed.slice(180));
  const a = await ingestDir(join(tmp.path, 'a'), join(tmp.path, 'ordered'));
  const b = await ingestDir(join(tmp.path, 'b'), join(tmp.path, 'mixed'));
  assert.equal(b.summary.head, 255);
  assert.deepEqual(b.view, a.view);
});

test('a longer fork arriving later rolls the store back and onto the fork (btcd reorg set)', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const blocks = join(tmp.path, 'blocks');
  writeBlk(blocks, 0, records('reorg/blk00000.dat'));
  const before = await ingestDir(join(tmp.path, 'g'), blocks);
  assert.equal(before.summary.head, 4);
  writeBlk(blocks, 1, records('reorg/blk00001.dat'));
  writeBlk(blocks, 2, records('reorg/blk00002.dat'));
  writeBlk(blocks, 3, records('reorg/blk00003.dat'));
  const after = await ingestDir(join(tmp.path, 'g'), blocks);
  assert.equal(after.summary.rolledBack, 2);
  assert.equal(after.summary.blocks, 3);
  assert.equal(after.summary.head, 5);
  const fresh = await ingestDir(join(tmp.path, 'fresh'), blocks);
  assert.deepEqual(after.view, fresh.view);
  assert.equal(fresh.summary.stale, 2);
});

test('inputs spending outputs the store has not seen stay unresolved until those outputs arrive', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const all = mainnet0to255();
  writeBlk(join(tmp.path, 'late'), 0, all.slice(171));
  writeBlk(join(tmp.path, 'all'), 0, all);
  const store = join(tmp.path, 'g');
  const partial = await ingestDir(store, join(tmp.path, 'late'));
  assert.ok(partial.stats.chains.bitcoin.unresolved > 0);
  const full = await ingestDir(store, join(tmp.path, 'all'));
  assert.equal(full.stats.chains.bitcoin.unresolved, 0);
  assert.equal(full.summary.resolved, partial.stats.chains.bitcoin.unresolved);
  const reference = await ingestDir(join(tmp.path, 'ref'), join(tmp.path, 'all'));
  assert.equal(partial.summary.head, -1, 'a mid-chain start without BIP 34 has no known height');
  // heights learnt when the ancestors arrive; everything matches an in-order run
  assert.equal(full.summary.head, 255);
  assert.deepEqual(full.view, reference.view);
  // and survives a reopen: resolutions are replayed from the patch log
  const reopened = openGraph(store, { readonly: true });
  assert.deepEqual(canonical(reopened), reference.view);
});

test('a commit per block merges adjacency segments and answers as one big commit does', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  // 90 commits (blocks 0–89, one commit each: every commit fsyncs, so keep the count modest)
  writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255().slice(0, 90));
  const small = await ingestDir(join(tmp.path, 'small'), join(tmp.path, 'blocks'), 1);
  const big = await ingestDir(join(tmp.path, 'big'), join(tmp.path, 'blocks'));
  assert.deepEqual(small.view, big.view);
  assert.ok(small.stats.chains.bitcoin.segments <= 8, `${small.stats.chains.bitcoin.segments} segments`);
});

test('block 277,647 alone: BIP 34 gives its height, inputs from earlier blocks wait unresolved', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  writeBlk(join(tmp.path, 'blocks'), 0, records('277647.dat'));
  const r = await ingestDir(join(tmp.path, 'g'), join(tmp.path, 'blocks'));
  assert.equal(r.summary.head, 277647);
  assert.equal(r.summary.transactions, 213);
  assert.ok(r.stats.chains.bitcoin.unresolved > 0);
  assert.ok(r.stats.chains.bitcoin.unresolved <= r.summary.inputs);
});

test('one writer at a time; readers see only committed state and cannot write', (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const w = openGraph(tmp.path);
  assert.throws(
    () => openGraph(tmp.path),
    (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_GRAPH_LOCKED',
  );
  const genesis = mainnet0to255()[0]!;
  w.bitcoin.appendBlock(parseBlock(genesis, 8), 0);
  assert.equal(openGraph(tmp.path, { readonly: true }).stats().chains.bitcoin.blocks, 0);
  w.commit();
  const r = openGraph(tmp.path, { readonly: true });
  assert.equal(r.stats().chains.bitcoin.blocks, 1);
  assert.equal(r.addressOf(r.transfer(0).address), '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  assert.throws(
    () => r.commit(),
    (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_GRAPH_READONLY',
  );
  w.close();
  const w2 = openGraph(tmp.path);
  w2.close();
});

test('a rollback is durable before any file is cut: the store reopens at the shorter chain and grows again', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const blocks = join(tmp.path, 'blocks');
  writeBlk(blocks, 0, mainnet0to255().slice(0, 200));
  const store = join(tmp.path, 'g');
  const w = openGraph(store);
  await ingestBitcoin({ graph: w, blocksDir: blocks });
  w.rollbackBitcoin(150);
  // as if killed now: the column files are still long, the manifest already short
  const r = openGraph(store, { readonly: true });
  assert.equal(r.stats().chains.bitcoin.blocks, 150);
  assert.equal(r.head()?.height, 149);
  w.close();
  const again = await ingestDir(store, blocks);
  assert.equal(again.summary.blocks, 50);
  assert.deepEqual(again.view, (await ingestDir(join(tmp.path, 'ref'), blocks)).view);
});
