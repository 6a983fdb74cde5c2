import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { openGraph } from '../graph/graph.ts';
import { listBlockFiles, scanBlockFile } from './blk-files.ts';
import { parseBlock } from './block-parser.ts';
import { generateBlockFiles } from './generate-blocks.ts';
import { ingestBitcoin } from './ingest.ts';
import { headerMerkleRoot, merkleRoot } from './merkle.ts';

test('generated block files parse with correct merkle roots and ingest with every input resolved', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const made = generateBlockFiles({
    dir: join(tmp.path, 'blocks'),
    transactions: 3000,
    txPerBlock: 250,
    seed: 7,
  });
  assert.equal(made.blocks, 12);
  for (const rec of listBlockFiles(join(tmp.path, 'blocks')).flatMap((f) => scanBlockFile(f))) {
    const pb = parseBlock(readFileSync(rec.file), rec.offset, rec.offset + rec.size);
    assert.equal(
      Buffer.from(merkleRoot(pb)).toString('hex'),
      Buffer.from(headerMerkleRoot(pb)).toString('hex'),
    );
  }
  const g = openGraph(join(tmp.path, 'g'));
  const s = await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'blocks') });
  assert.equal(s.transactions, 3000);
  assert.equal(s.head, 11);
  assert.equal(g.stats().chains.bitcoin.unresolved, 0);
  // the generator splits each spend into n+1 equal parts and pays n: the rest is the fee
  const t0 = g.bitcoin;
  let fees = 0;
  for (let tx = 0; tx < g.stats().chains.bitcoin.transactions; tx++) {
    if (t0.isCoinbase(tx)) continue;
    const fee = t0.txFee(tx);
    assert.ok(fee > 0 && Number.isInteger(fee), `fee of tx ${tx}`);
    fees += fee;
  }
  assert.ok(fees > 0);
  assert.ok(Number.isNaN(t0.txFee(0)));
  // the format's size target: row columns and both CSR directions within 32 bytes per transfer
  assert.ok(
    g.stats().chains.bitcoin.indexedBytesPerTransfer <= 32,
    `${g.stats().chains.bitcoin.indexedBytesPerTransfer}`,
  );
  g.close();
});

test('the generator is deterministic for a seed', (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  generateBlockFiles({ dir: join(tmp.path, 'a'), transactions: 500, seed: 3 });
  generateBlockFiles({ dir: join(tmp.path, 'b'), transactions: 500, seed: 3 });
  assert.deepEqual(
    readFileSync(join(tmp.path, 'a', 'blk00000.dat')),
    readFileSync(join(tmp.path, 'b', 'blk00000.dat')),
  );
});
