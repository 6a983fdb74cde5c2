import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { ingestBitcoin } from '../bitcoin/ingest.ts';
import { openGraph } from './graph.ts';
import { canonical, mainnet0to255, writeBlk } from './test-blocks.ts';

const CHILD = new URL('./crash-child.ts', import.meta.url).pathname;

/** Starts the child and SIGKILLs it after `ms`; resolves when it is gone. */
async function killAfter(store: string, blocks: string, ms: number): Promise<string> {
  const child = spawn(process.execPath, [CHILD, store, blocks], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = sleep(ms).then(() => child.kill('SIGKILL'));
  const code = await exited;
  await timer;
  return code === 0 || code === null ? '' : stderr;
}

/** The store holds a prefix of the chain: heights 0..n-1, every row indexed under its address. */
function assertConsistentPrefix(store: string): number {
  const g = openGraph(store, { readonly: true });
  const t = g.bitcoin;
  const c = t.c;
  for (let b = 0; b < c.blocks; b++) assert.equal(t.heightOf(b), b, 'blocks are the chain prefix, in order');
  for (let r = 0; r < c.rows; r++) {
    const a = c.rowAddr.data[r]!;
    if (a >= 0xfffffffe) continue;
    const edges = t.isInputRow(r) ? g.outEdges(a) : g.inEdges(a);
    assert.ok(edges.includes(r), `row ${r} is in the adjacency of its address`);
  }
  return c.blocks;
}

test('SIGKILL at random moments leaves a store that reopens as a chain prefix and resumes to the same end', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const blocks = join(tmp.path, 'blocks');
  writeBlk(blocks, 0, mainnet0to255());
  const store = join(tmp.path, 'store');
  const seen: number[] = [];
  for (let round = 0; round < 6; round++) {
    const ms = 150 + Math.floor(Math.random() * 600);
    const failure = await killAfter(store, blocks, ms);
    assert.equal(failure, '', `child failed on its own after ${ms} ms`);
    seen.push(assertConsistentPrefix(store));
  }
  t.diagnostic(`blocks held after each kill: ${seen.join(', ')}`);
  assert.ok(
    seen.every((n, i) => i === 0 || n >= seen[i - 1]!),
    'progress is never lost',
  );
  const g = openGraph(store);
  await ingestBitcoin({ graph: g, blocksDir: blocks });
  const resumed = canonical(g);
  g.close();
  const ref = openGraph(join(tmp.path, 'ref'));
  await ingestBitcoin({ graph: ref, blocksDir: blocks });
  assert.deepEqual(resumed, canonical(ref));
  ref.close();
});
