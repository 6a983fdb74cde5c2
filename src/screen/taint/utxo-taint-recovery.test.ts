import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { mainnet0to255, writeBlk } from '../../chain/graph/test-blocks.ts';
import { type Graph, generateBitcoinLike, ingestBitcoin, openGraph, UNRESOLVED } from '../../chain/index.ts';
import type { IncrementalTaint } from './incremental-taint.ts';
import { loadTaint, saveTaint } from './state-file.ts';
import { TaintRegistry } from './taint-registry.ts';
import { UtxoTaint } from './utxo-taint.ts';

/** What a state says about every address it reached: taint received, held, and total received. */
function view(g: Graph, t: IncrementalTaint): Record<string, string> {
  const out: Record<string, string> = {};
  const l = t.ledgers[0]!;
  for (let s = 0; s < l.n; s++)
    out[g.addressOf(l.addr[s]!)] = `${l.received[s]} ${l.taint[s]} ${l.total[s]} ${l.hop[s]}`;
  return out;
}

function fresh(g: Graph, sources: readonly string[], hops: number): UtxoTaint {
  const t = new UtxoTaint(sources, hops);
  t.advance(g);
  return t;
}

describe('Bitcoin taint state recovery', () => {
  it('a restart resumes from the saved cursor; blocks read since the last save (a crash) are read again', (t) => {
    const dir = tempDir('bulwark-utxo-taint-crash-');
    const graphDir = join(dir.path, 'chain');
    const writer = openGraph(graphDir);
    t.after(() => {
      writer.close();
      dir.remove();
    });
    const thief = generateBitcoinLike({ graph: writer, transactions: 12_000, seed: 5 }).heist.thief;
    // saves at most once an hour: only the first state reaches the file
    const first = new TaintRegistry({ graphDir, hops: 5, saveEveryMs: 3_600_000 });
    const saved = first.taintFor([thief], 'bitcoin');
    const savedTxs = saved.cursor.txs;
    assert.equal(savedTxs, first.graph()!.bitcoin.c.txs);
    generateBitcoinLike({ graph: writer, transactions: 6_000, seed: 6 });
    first.refresh();
    assert.ok((first.taintFor([thief], 'bitcoin').cursor.txs ?? 0) > (savedTxs ?? 0), 'read in memory');
    // the crash: no close, so the file still holds the first cursor
    first.graph()!.close();
    const file = readdirSync(join(graphDir, 'taint')).map((f) => join(graphDir, 'taint', f))[0]!;
    assert.equal(loadTaint(file, [thief], 5, 'bitcoin')?.cursor.txs, savedTxs, 'the file is the older state');

    const second = new TaintRegistry({ graphDir, hops: 5 });
    const resumed = second.taintFor([thief], 'bitcoin');
    const g = second.graph()!;
    assert.equal(resumed.cursor.txs, g.bitcoin.c.txs);
    assert.deepEqual(view(g, resumed), view(g, fresh(g, [thief], 5)));
    assert.ok(Object.keys(view(g, resumed)).length > 100);
    second.close();
    assert.equal(loadTaint(file, [thief], 5, 'bitcoin')?.cursor.txs, g.bitcoin.c.txs, 'saved on close');
  });

  it('after a reorganisation below the cursor the registry rescans and equals a fresh state on the new branch', (t) => {
    const dir = tempDir('bulwark-utxo-taint-reorg-');
    const graphDir = join(dir.path, 'chain');
    const writer = openGraph(graphDir);
    t.after(() => {
      writer.close();
      dir.remove();
    });
    const thief = generateBitcoinLike({ graph: writer, transactions: 12_000, seed: 7 }).heist.thief;
    const registry = new TaintRegistry({ graphDir, hops: 4 });
    const before = registry.taintFor([thief], 'bitcoin');
    const keep = writer.bitcoin.c.blocks - 2;
    writer.rollbackBitcoin(keep);
    generateBitcoinLike({ graph: writer, transactions: 8_000, seed: 8 });
    const stale = new UtxoTaint([thief], 4);
    stale.cursor = before.cursor;
    registry.refresh();
    const g = registry.graph()!;
    assert.equal(stale.advance(g), false, 'a state whose last block is gone refuses to advance');
    const now = registry.taintFor([thief], 'bitcoin');
    assert.notEqual(now, before, 'the state was replaced');
    assert.deepEqual(view(g, now), view(g, fresh(g, [thief], 4)));
    registry.close();
  });

  it('an input below the cursor resolved later (blocks out of order across runs) makes the registry rescan', async (t) => {
    const dir = tempDir('bulwark-utxo-taint-patch-');
    t.after(dir.remove);
    const all = mainnet0to255();
    writeBlk(join(dir.path, 'late'), 0, all.slice(171));
    writeBlk(join(dir.path, 'all'), 0, all);
    const graphDir = join(dir.path, 'chain');
    const ingest = async (blocks: string) => {
      const w = openGraph(graphDir);
      try {
        await ingestBitcoin({ graph: w, blocksDir: join(dir.path, blocks) });
      } finally {
        w.close();
      }
    };
    await ingest('late');
    const registry = new TaintRegistry({ graphDir, hops: 6, persist: false });
    registry.reload();
    let g = registry.graph()!;
    // the sources: every address paid in the late blocks' first 40 transactions that spend something
    const c = g.bitcoin.c;
    const sources = new Set<string>();
    for (let tx = 0; tx < c.txs && sources.size < 40; tx++)
      if (!g.bitcoin.isCoinbase(tx)) sources.add(g.addressOf(c.rowAddr.data[c.txOut.data[tx]!]!));
    let unresolved = 0;
    for (let r = 0; r < c.rows; r++) if (c.rowAddr.data[r] === UNRESOLVED) unresolved++;
    assert.ok(unresolved > 0 && sources.size > 0, `${unresolved} unresolved inputs, ${sources.size} sources`);
    const before = registry.taintFor([...sources], 'bitcoin');
    assert.equal(before.cursor.txs, c.txs);
    await ingest('all');
    registry.refresh();
    g = registry.graph()!;
    const stale = new UtxoTaint([...sources], 6);
    stale.cursor = before.cursor;
    assert.equal(stale.advance(g), false, 'a patch below the cursor changed a transaction already spread');
    const now = registry.taintFor([...sources], 'bitcoin');
    assert.notEqual(now, before, 'the state was replaced');
    assert.deepEqual(view(g, now), view(g, fresh(g, [...sources], 6)));
    registry.close();
  });

  it('a torn state file, or one of another chain, is ignored; a whole one resumes', (t) => {
    const dir = tempDir('bulwark-utxo-taint-file-');
    t.after(dir.remove);
    const writer = openGraph(dir.path);
    const summary = generateBitcoinLike({ graph: writer, transactions: 12_000, seed: 9 });
    writer.close();
    const g = openGraph(dir.path, { readonly: true });
    t.after(() => g.close());
    const thief = summary.heist.thief;
    const taint = fresh(g, [thief], 4);
    const file = join(dir.path, 'taint', 'x.state');
    saveTaint(file, taint);
    const back = loadTaint(file, [thief], 4, 'bitcoin');
    assert.ok(back instanceof UtxoTaint);
    assert.deepEqual(back.cursor, taint.cursor);
    assert.deepEqual(view(g, back), view(g, taint));
    assert.equal(loadTaint(file, [thief], 4), undefined, 'an Ethereum state is not read from it');
    assert.equal(loadTaint(file, [thief], 3, 'bitcoin'), undefined, 'another hop limit');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 9));
    assert.equal(loadTaint(file, [thief], 4, 'bitcoin'), undefined, 'truncated');
  });
});
