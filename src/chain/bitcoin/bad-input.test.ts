import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { BulwarkError } from '../../errors/index.ts';
import { openGraph } from '../graph/graph.ts';
import { mainnet0to255, writeBlk } from '../graph/test-blocks.ts';
import { ingestBitcoin } from './ingest.ts';

const code = (name: string) => (e: unknown) => e instanceof BulwarkError && e.code === `BULWARK_E_${name}`;

async function ingest(store: string, blocks: string) {
  const g = openGraph(store);
  try {
    return await ingestBitcoin({ graph: g, blocksDir: blocks });
  } finally {
    g.close();
  }
}

test('a truncated block file or a wrong magic is refused before anything is written; the fixed files ingest', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const all = mainnet0to255();
  const blocks = join(tmp.path, 'blocks');
  const store = join(tmp.path, 'g');
  const whole = Buffer.concat(all);
  writeBlk(blocks, 0, []);
  writeFileSync(join(blocks, 'blk00000.dat'), whole.subarray(0, whole.length - 50));
  await assert.rejects(ingest(store, blocks), code('BTC_BLOCK_FILE'));
  const wrong = Buffer.from(whole);
  wrong.writeUInt32LE(0x0709110b, all[0]!.length); // testnet magic on the second record
  writeFileSync(join(blocks, 'blk00000.dat'), wrong);
  await assert.rejects(
    ingest(store, blocks),
    (e: unknown) => code('BTC_BLOCK_FILE')(e) && /wrong magic/.test((e as Error).message),
  );
  assert.equal(openGraph(store, { readonly: true }).stats().chains.bitcoin.blocks, 0);
  writeBlk(blocks, 0, all);
  assert.equal((await ingest(store, blocks)).head, 255);
});

test('a malformed block body stops the run with its parents kept; the repaired file resumes', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const all = mainnet0to255();
  const blocks = join(tmp.path, 'blocks');
  const store = join(tmp.path, 'g');
  const bad = Buffer.from(all[100]!);
  bad[8 + 80] = 0xfe; // transaction count far beyond the block
  writeBlk(blocks, 0, [...all.slice(0, 100), bad, ...all.slice(101)]);
  await assert.rejects(ingest(store, blocks), code('BTC_BLOCK_MALFORMED'));
  assert.equal(openGraph(store, { readonly: true }).stats().chains.bitcoin.blocks, 100);
  writeBlk(blocks, 0, all);
  const resumed = await ingest(store, blocks);
  assert.equal(resumed.blocks, 156);
  assert.equal(resumed.head, 255);
});

test('--follow picks up blocks written after the first pass, until aborted', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const all = mainnet0to255();
  const blocks = join(tmp.path, 'blocks');
  writeBlk(blocks, 0, all.slice(0, 50));
  const g = openGraph(join(tmp.path, 'g'));
  const controller = new AbortController();
  let passes = 0;
  const run = ingestBitcoin({
    graph: g,
    blocksDir: blocks,
    follow: true,
    pollMs: 20,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done === p.total && ++passes === 1) writeBlk(blocks, 1, all.slice(50));
      if (p.done === p.total && g.stats().chains.bitcoin.blocks === 256) controller.abort();
    },
  });
  const summary = await run;
  g.close();
  assert.equal(summary.blocks, 256);
  assert.equal(summary.head, 255);
});
