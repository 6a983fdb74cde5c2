import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../../test/support/temp-dir.ts';
import type { Graph } from '../../chain/index.ts';
import { addOrganisation } from '../../hub/index.ts';
import { openStore } from '../../store/index.ts';
import { traceThroughMixers } from '../../trace/index.ts';
import { buildScreeningIndex } from '../screener.ts';
import { IncrementalTaint } from './incremental-taint.ts';
import { loadTaint, saveTaint } from './state-file.ts';
import type { IndirectReason } from './taint-exposure.ts';
import { mixerStepsTo } from './taint-exposure.ts';
import { TaintRegistry } from './taint-registry.ts';
import { addr, appendSteps, type Move, readerAt, writerAt } from './test-chain.ts';
import { publishHeist, publishService } from './test-labels.ts';

const dir = tempDir('bulwark-taint-mixer-');
after(dir.remove);
let made = 0;

function chainOf(steps: readonly (readonly Move[])[]): Graph {
  const at = join(dir.path, `g${made++}`);
  const w = writerAt(at);
  appendSteps(w, steps, 0, steps.length);
  w.close();
  return readerAt(at);
}

function receivedOf(g: Graph, t: IncrementalTaint): Map<string, number> {
  const out = new Map<string, number>();
  const l = t.ledgers[0];
  if (!l) return out;
  for (let s = 0; s < l.n; s++) if (l.received[s]! > 0) out.set(g.addressOf(l.addr[s]!), l.received[s]!);
  return out;
}

const m = (from: string, to: string, value: number): Move => ({ from, to, value: BigInt(value) });

/** a (the source) and c deposit 10 each into mixer x; w withdraws 10 a block later (blocks 12 s apart). */
const THROUGH = [
  [m('v', 'a', 10)],
  [m('a', 'x', 10)],
  [m('c', 'x', 10)],
  [m('x', 'w', 10)],
  [m('w', 'y', 10)],
];

describe('taint through labelled mixers', () => {
  it('a matched withdrawal carries the tainted share of its anonymity set, and the path records the confidence', () => {
    const g = chainOf(THROUGH);
    try {
      const taint = new IncrementalTaint([addr('a')], 10, { mixers: [addr('x')], windowSeconds: 3600 });
      taint.advance(g);
      const got = receivedOf(g, taint);
      assert.equal(got.get(addr('w')), 5);
      assert.equal(got.get(addr('y')), 5, 'taint goes on beyond the withdrawal');
      assert.equal(got.get(addr('x')), 10, 'the mixer counts what went in');
      const id = g.addressId(addr('y'));
      assert.deepEqual(mixerStepsTo(g, taint, 0, id), [{ mixer: addr('x'), to: addr('w'), confidence: 0.5 }]);
      // the same as the trace engine's two passes (a trace stopped at the mixer, then its links)
      const traced = traceThroughMixers(
        { graph: g, seeds: [addr('a')], model: 'haircut', direction: 'forward', hops: 10 },
        [addr('x')],
        3600,
      );
      const theirs = new Map(traced.result.addresses.map((a) => [a.address, Number(a.received)]));
      for (const [a, v] of got) assert.equal(v, theirs.get(a), a);
    } finally {
      g.close();
    }
  });

  it('the screener follows a mixer the reader sees labelled, and says so with the confidence', async (t) => {
    const at = join(dir.path, `g${made++}`);
    const store = await openStore({ data: at });
    const graphDir = join(at, 'chain');
    const w = writerAt(graphDir);
    appendSteps(w, THROUGH, 0, THROUGH.length);
    w.close();
    t.after(() => store.close());
    const org = await addOrganisation(store, 'Publisher');
    await publishHeist(store, org.id, addr('a'), 'Heist');
    const caller = {
      kind: 'member' as const,
      orgId: org.id,
      orgName: org.name,
      userId: 'k',
      role: 'reader' as const,
      communityIds: [],
    };
    const indirect = async (registry: TaintRegistry) => {
      const index = await buildScreeningIndex(store, caller, { exposureFor: (i) => registry.exposureFor(i) });
      return index.screen(addr('y')).reasons.find((r) => r.kind === 'indirect') as IndirectReason | undefined;
    };
    // unlabelled, x is an ordinary address: haircut dilutes a's 10 over x's 20
    const plain = new TaintRegistry({ graphDir, hops: 6, persist: false });
    assert.equal((await indirect(plain))?.tainted, '5');
    assert.equal((await indirect(plain))?.paths[0]?.mixers, undefined);
    plain.close();
    await publishService(store, org.id, addr('x'), 'Mixer X', 'mixer');
    const registry = new TaintRegistry({ graphDir, hops: 6, persist: false });
    const reason = await indirect(registry);
    assert.ok(reason);
    assert.equal(reason.tainted, '5');
    assert.deepEqual(reason.paths[0]?.path, [addr('a'), addr('x'), addr('w'), addr('y')]);
    assert.deepEqual(reason.paths[0]?.mixers, [{ mixer: addr('x'), to: addr('w'), confidence: 0.5 }]);
    assert.match(
      reason.detail,
      /through a mixer, withdrawal matched by amount and time at 50\.0% confidence/,
    );
    registry.close();
  });

  it('deposits older than the window fund no withdrawal; without the mixer label the pool is plain haircut', () => {
    const g = chainOf(THROUGH);
    try {
      const short = new IncrementalTaint([addr('a')], 10, { mixers: [addr('x')], windowSeconds: 15 });
      short.advance(g);
      assert.ok(!receivedOf(g, short).has(addr('w')));
      const plain = new IncrementalTaint([addr('a')], 10);
      plain.advance(g);
      assert.deepEqual(mixerStepsTo(g, plain, 0, g.addressId(addr('y'))), []);
    } finally {
      g.close();
    }
  });

  it('the deposit pools survive a save and a restart in the middle of the chain', () => {
    const at = join(dir.path, `g${made++}`);
    const w = writerAt(at);
    appendSteps(w, THROUGH, 0, 3);
    const g1 = readerAt(at);
    const first = new IncrementalTaint([addr('a')], 10, { mixers: [addr('x')], windowSeconds: 3600 });
    first.advance(g1);
    g1.close();
    const file = join(at, 'taint', 'x.state');
    saveTaint(file, first);
    const options = { mixers: [addr('x')], windowSeconds: 3600 };
    assert.equal(loadTaint(file, [addr('a')], 10), undefined, 'a state without the mixer is another state');
    const resumed = loadTaint(file, [addr('a')], 10, 'ethereum', options)!;
    appendSteps(w, THROUGH, 3, THROUGH.length);
    w.close();
    const g = readerAt(at);
    try {
      assert.ok(resumed.advance(g));
      const once = new IncrementalTaint([addr('a')], 10, options);
      once.advance(g);
      assert.deepEqual(receivedOf(g, resumed), receivedOf(g, once));
      assert.equal(receivedOf(g, resumed).get(addr('y')), 5);
    } finally {
      g.close();
    }
  });

  // Depositors (a–d; a the source) move value among themselves and deposit
  // denominations into x; withdrawals go to p–r, who pay each other and the sink z but never deposit
  // again: the trace engine's two passes match deposits by the first pass's taint, which would not
  // count mixed taint deposited again (the single pass does; README.md).
  const DEPOSITORS = 'abcd';
  const OUT = 'pqr';
  const DENOMS = [10, 100];
  const histories = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2000 })), {
      minLength: 5,
      maxLength: 60,
    })
    .map((picks) => {
      const steps: Move[][] = [
        [m('m', 'a', 5000), m('m', 'b', 5000), m('m', 'c', 5000), m('m', 'd', 5000)],
        // the source deposits each denomination once, so most histories have something to match
        [m('a', 'x', 10)],
        [m('a', 'x', 100)],
      ];
      for (const [kind, i, j, v] of picks) {
        const d = DEPOSITORS[i % 4]!;
        const o = OUT[j % 3]!;
        if (kind === 0) steps.push([m(d, DEPOSITORS[j % 4]!, v)]);
        else if (kind === 1) steps.push([m(d, 'x', DENOMS[j % 2]!)]);
        else if (kind === 2) steps.push([m('x', o, DENOMS[i % 2]!)]);
        else if (kind === 3) steps.push([m(o, OUT[i % 3]!, v)]);
        else steps.push([m(o, 'z', v)]);
      }
      return steps;
    });

  it("equals the trace engine's mixer matching (trace stopped at the mixer, then its links) on random histories", () => {
    let withdrawn = 0;
    fc.assert(
      fc.property(histories, fc.integer({ min: 24, max: 1200 }), (steps, window) => {
        const g = chainOf(steps);
        try {
          const seeds = [addr('a')];
          const taint = new IncrementalTaint(seeds, 64, { mixers: [addr('x')], windowSeconds: window });
          taint.advance(g);
          const mine = receivedOf(g, taint);
          const traced = traceThroughMixers(
            { graph: g, seeds, model: 'haircut', direction: 'forward', hops: 64 },
            [addr('x')],
            window,
          );
          const theirs = traced.result.addresses.filter((a) => Number(a.received) > 0);
          if (OUT.split('').some((o) => mine.has(addr(o)))) withdrawn++;
          assert.equal(mine.size, theirs.length, JSON.stringify({ mine: [...mine], theirs }));
          for (const a of theirs) {
            const want = Number(a.received);
            const got = mine.get(a.address)!;
            assert.ok(Math.abs(got - want) <= 1e-9 * want, `${a.address}: ${got} vs ${want}`);
          }
        } finally {
          g.close();
        }
      }),
      { numRuns: 60 },
    );
    assert.ok(withdrawn >= 30, `${withdrawn} of 60 histories carried taint out of the mixer`);
  });
});
