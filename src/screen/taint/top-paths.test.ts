import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { IncrementalTaint } from './incremental-taint.ts';
import { type IndirectReason, taintExposure } from './taint-exposure.ts';
import { addr, appendSteps, type Move, readerAt, writerAt } from './test-chain.ts';

const dir = tempDir('bulwark-taint-paths-');
after(dir.remove);

const m = (from: string, to: string, value: number): Move => ({ from, to, value: BigInt(value) });

it('gives the routes through the three largest tainted payers, largest first, each from a source', () => {
  // sources a and b; c is paid by a (500), b (300, then 400), d (50, taint from a) and e (20, from a)
  const steps = [
    [m('m', 'a', 1000)],
    [m('m', 'b', 1000)],
    [m('a', 'd', 100)],
    [m('a', 'e', 100)],
    [m('a', 'c', 500)],
    [m('b', 'c', 300)],
    [m('d', 'c', 50)],
    [m('e', 'c', 20)],
    [m('b', 'c', 400)],
  ];
  const w = writerAt(join(dir.path, 'g'));
  appendSteps(w, steps, 0, steps.length);
  w.close();
  const g = readerAt(join(dir.path, 'g'));
  try {
    const taint = new IncrementalTaint([addr('a'), addr('b')], 4);
    taint.advance(g);
    const provider = taintExposure({ graph: () => g, taint, sourceLabels: new Map() });
    const reason = provider.exposureOf(addr('c'))[0] as IndirectReason;
    assert.deepEqual(
      reason.paths.map((p) => [p.path, p.largest]),
      [
        [[addr('a'), addr('c')], '500'],
        [[addr('b'), addr('c')], '400'],
        [[addr('a'), addr('d'), addr('c')], '50'],
      ],
    );
    assert.equal(reason.tainted, '1270');
  } finally {
    g.close();
  }
});

it('rebuilds a route back to its source even when the largest payers make it longer than the hop limit', () => {
  // b2…b4 are each one hop from source a (a paid them 1), but each got most of its taint from the
  // previous one: x, two hops from a, has a largest-payer route five steps long
  const steps = [
    [m('m', 'a', 1000)],
    [m('a', 'p', 100)],
    [m('a', 'q', 1)],
    [m('p', 'q', 100)],
    [m('a', 'r', 1)],
    [m('q', 'r', 100)],
    [m('a', 's', 1)],
    [m('r', 's', 100)],
    [m('s', 'x', 50)],
  ];
  const w = writerAt(join(dir.path, 'long'));
  appendSteps(w, steps, 0, steps.length);
  w.close();
  const g = readerAt(join(dir.path, 'long'));
  try {
    const taint = new IncrementalTaint([addr('a')], 2);
    taint.advance(g);
    const reason = taintExposure({ graph: () => g, taint, sourceLabels: new Map() }).exposureOf(
      addr('x'),
    )[0] as IndirectReason;
    assert.equal(reason.hops, 2);
    assert.deepEqual(reason.paths[0]!.path, ['a', 'p', 'q', 'r', 's', 'x'].map(addr));
  } finally {
    g.close();
  }
});
