import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { trace } from '../../trace/index.ts';
import { IncrementalTaint } from './incremental-taint.ts';
import type { Ledger } from './ledger.ts';
import { loadTaint, saveTaint } from './state-file.ts';
import { amount } from './taint-exposure.ts';
import { addr, appendSteps, type Move, readerAt, writerAt } from './test-chain.ts';

const dir = tempDir('bulwark-taint-prop-');
after(dir.remove);
let n = 0;

const NAMES = 'abcdefgh';
/** Valid histories: the faucet 'm' funds anyone in ether or token 'T'; others send at most what they hold. */
const history = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 50 },
  )
  .map((picks) => {
    // everyone starts with clean ether and tokens, so tainted and clean value mix from the first moves
    const held = new Map<string, number>();
    const steps: Move[][] = [];
    for (const who of NAMES) {
      steps.push([
        { from: 'm', to: who, value: 999_999n },
        { from: 'm', to: who, value: 777_777n, asset: 'T' },
      ]);
      held.set(who, 999_999);
      held.set(`${who}T`, 777_777);
    }
    for (const [f, t, v, token] of picks) {
      const from = f === 8 ? 'm' : NAMES[f]!;
      const to = NAMES[t]!;
      const key = (who: string) => `${who}${token ? 'T' : ''}`;
      const value = from === 'm' ? v : Math.min(v, held.get(key(from)) ?? 0);
      if (value <= 0) continue;
      if (from !== 'm') held.set(key(from), (held.get(key(from)) ?? 0) - value);
      held.set(key(to), (held.get(key(to)) ?? 0) + value);
      steps.push([{ from, to, value: BigInt(value), ...(token ? { asset: 'T' } : {}) }]);
    }
    return steps;
  });

const SOURCES = [addr('a'), addr('b')];

function sameLedgers(x: IncrementalTaint, y: IncrementalTaint): void {
  assert.equal(x.ledgers.length, y.ledgers.length);
  x.ledgers.forEach((l, asset) => {
    const m = y.ledgers[asset] as Ledger;
    assert.equal(l?.n, m.n, `slots of asset ${asset}`);
    if (!l) return;
    for (const name of ['addr', 'hop', 'parent', 'balance', 'taint', 'received', 'total', 'blocked'] as const)
      assert.deepEqual(l[name].subarray(0, l.n), m[name].subarray(0, m.n), `${name} of asset ${asset}`);
  });
}

describe('incremental taint on random valid histories', () => {
  it('appending in two steps (with a save and reload between) equals one scan and trace() haircut', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1 }),
        (steps, hops, cut) => {
          const path = `${dir.path}/${n++}`;
          const split = Math.floor(steps.length * cut);
          const writer = writerAt(path);
          try {
            appendSteps(writer, steps, 0, split);
            const inc = new IncrementalTaint(SOURCES, hops);
            if (split > 0) {
              const r1 = readerAt(path);
              assert.ok(inc.advance(r1));
              r1.close();
            }
            saveTaint(`${path}/taint/s.state`, inc);
            const resumed = loadTaint(`${path}/taint/s.state`, SOURCES, hops);
            assert.ok(resumed, 'the saved state loads');
            appendSteps(writer, steps, split, steps.length);
            const g = readerAt(path);
            try {
              assert.ok(resumed.advance(g));
              const scratch = new IncrementalTaint(SOURCES, hops);
              assert.ok(scratch.advance(g));
              sameLedgers(resumed, scratch);
              agreesWithTrace(g, scratch, hops);
            } finally {
              g.close();
            }
          } finally {
            writer.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('advancing one graph in slices of blocks (a command catching up) equals one scan', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 7 }),
        (steps, hops, slice) => {
          const path = `${dir.path}/${n++}`;
          const writer = writerAt(path);
          appendSteps(writer, steps, 0, steps.length);
          writer.close();
          const g = readerAt(path);
          try {
            const sliced = new IncrementalTaint(SOURCES, hops);
            while (sliced.cursor.blocks < g.ethereum.c.blocks) {
              assert.ok(sliced.lag(g), 'a state short of the head says so');
              const to = Math.min(sliced.cursor.blocks + slice, g.ethereum.c.blocks);
              assert.ok(sliced.advance(g, undefined, to));
              assert.equal(sliced.cursor.blocks, to, 'it stops at the block asked');
            }
            assert.equal(sliced.lag(g), undefined);
            const scratch = new IncrementalTaint(SOURCES, hops);
            assert.ok(scratch.advance(g));
            assert.deepEqual(sliced.cursor, scratch.cursor);
            sameLedgers(sliced, scratch);
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

function agreesWithTrace(g: ReturnType<typeof readerAt>, taint: IncrementalTaint, hops: number): void {
  const seeds = SOURCES.filter((s) => g.addressId(s) >= 0);
  const mine = new Map<string, { received: string; hops: number }>();
  taint.ledgers.forEach((l, asset) => {
    if (!l) return;
    const name = asset === 0 ? 'ETH' : g.addressOf(g.ethereum.assetAddress(asset));
    for (let s = 0; s < l.n; s++) {
      if (!(l.received[s]! > 0)) continue;
      mine.set(`${g.addressOf(l.addr[s]!)} ${name}`, { received: amount(l.received[s]!), hops: l.hop[s]! });
    }
  });
  if (seeds.length === 0) {
    assert.equal(mine.size, 0);
    return;
  }
  const r = trace({ graph: g, seeds, model: 'haircut', direction: 'forward', hops });
  const theirs = new Map(
    r.addresses.filter((a) => a.received !== '0').map((a) => [`${a.address} ${a.asset}`, a]),
  );
  assert.equal(mine.size, theirs.size, 'the same addresses received taint');
  for (const [key, a] of theirs) {
    assert.equal(mine.get(key)?.received, a.received, `received of ${key}`);
    assert.equal(mine.get(key)?.hops, a.hops, `hops of ${key}`);
  }
}
