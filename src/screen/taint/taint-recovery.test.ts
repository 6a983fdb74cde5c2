import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { IncrementalTaint } from './incremental-taint.ts';
import { loadTaint, saveTaint, TAINT_STATE_VERSION } from './state-file.ts';
import { TaintRegistry } from './taint-registry.ts';
import { addr, appendSteps, type Move, readerAt, writerAt } from './test-chain.ts';

const MAIN: Move[][] = [
  [{ from: 'm', to: 'a', value: 1000n }],
  [{ from: 'a', to: 'c', value: 600n }],
  [{ from: 'c', to: 'd', value: 300n }],
  [{ from: 'c', to: 'e', value: 300n }],
];
/** Another branch from height 2: c pays f instead. */
const FORK: Move[][] = [
  ...MAIN.slice(0, 2),
  [{ from: 'c', to: 'f', value: 500n }],
  [{ from: 'm', to: 'g', value: 1n }],
];

function receivedOf(g: ReturnType<typeof readerAt>, t: IncrementalTaint): Record<string, number> {
  const out: Record<string, number> = {};
  const l = t.ledgers[0]!;
  for (let s = 0; s < l.n; s++)
    if (l.received[s]! > 0) out[g.addressOf(l.addr[s]!).slice(2, 4)] = l.received[s]!;
  return out;
}

describe('taint state recovery', () => {
  it('after a reorganisation below the cursor, the registry rescans and equals a fresh state on the new branch', (t) => {
    const dir = tempDir('bulwark-taint-reorg-');
    const graphDir = join(dir.path, 'chain');
    const writer = writerAt(graphDir);
    t.after(() => {
      writer.close();
      dir.remove();
    });
    appendSteps(writer, MAIN, 0, 4);
    const registry = new TaintRegistry({ graphDir, hops: 4 });
    const taint = registry.taintFor([addr('a')]);
    assert.ok('64' in receivedOf(registry.graph()!, taint), 'd is reached on the main branch');
    writer.ethereum.rollback(1);
    appendSteps(writer, FORK, 2, 4, 2);
    const stale = new IncrementalTaint([addr('a')], 4);
    stale.cursor = taint.cursor;
    registry.refresh();
    const g = registry.graph()!;
    assert.equal(stale.advance(g), false, 'a state whose last block is gone refuses to advance');
    const now = registry.taintFor([addr('a')]);
    const fresh = new IncrementalTaint([addr('a')], 4);
    fresh.advance(g);
    assert.deepEqual(receivedOf(g, now), receivedOf(g, fresh));
    assert.ok(!('64' in receivedOf(g, now)) && '66' in receivedOf(g, now), 'f, not d, on the new branch');
    registry.close();
  });

  it('a torn or foreign state file is ignored (the scan starts over), a whole one resumes', (t) => {
    const dir = tempDir('bulwark-taint-file-');
    t.after(dir.remove);
    const writer = writerAt(dir.path);
    appendSteps(writer, MAIN, 0, 4);
    writer.close();
    const g = readerAt(dir.path);
    t.after(() => g.close());
    const taint = new IncrementalTaint([addr('a')], 4);
    taint.advance(g);
    const file = join(dir.path, 'taint', 'x.state');
    saveTaint(file, taint);
    assert.deepEqual(loadTaint(file, [addr('a')], 4)?.cursor, taint.cursor);
    assert.equal(loadTaint(file, [addr('a')], 3), undefined, 'another hop limit');
    assert.equal(loadTaint(file, [addr('b')], 4), undefined, 'other sources');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 9));
    assert.equal(loadTaint(file, [addr('a')], 4), undefined, 'truncated');
    writeFileSync(file, 'not a state');
    assert.equal(loadTaint(file, [addr('a')], 4), undefined, 'garbage');
    // a format-2 file: its payer columns could name an address as its own payer, so it is rescanned
    const older = Buffer.from(whole);
    assert.equal(older.readUInt32LE(4), TAINT_STATE_VERSION);
    older.writeUInt32LE(2, 4);
    writeFileSync(file, older);
    assert.equal(loadTaint(file, [addr('a')], 4), undefined, 'format 2');
  });
});
