import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { IncrementalTaint } from './incremental-taint.ts';
import { type IndirectReason, taintExposure } from './taint-exposure.ts';
import { sourceOf } from './taint-route.ts';
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

/** The graph of `steps`, the state of sources `sources` within `hops`, and a screen of one address. */
function screenAfter(name: string, steps: Move[][], sources: string[], hops: number) {
  const w = writerAt(join(dir.path, name));
  appendSteps(w, steps, 0, steps.length);
  w.close();
  const g = readerAt(join(dir.path, name));
  const taint = new IncrementalTaint(sources.map(addr), hops);
  taint.advance(g);
  const provider = taintExposure({ graph: () => g, taint, sourceLabels: new Map() });
  const reason = (x: string) => provider.exposureOf(addr(x))[0] as IndirectReason;
  return { g, taint, reason };
}

it('an account paying itself is not its own payer: its route still starts at the sources', () => {
  // c's taint comes from sources a (60) and b (50); c then moves 110 to itself, more than either paid
  const steps = [
    [m('m', 'a', 1000)],
    [m('m', 'b', 1000)],
    [m('a', 'c', 60)],
    [m('b', 'c', 50)],
    [m('c', 'c', 110)],
  ];
  const { g, taint, reason } = screenAfter('self', steps, ['a', 'b'], 4);
  try {
    const l = taint.ledgers[0]!;
    const s = l.slotOf[g.addressId(addr('c'))]!;
    assert.deepEqual(
      [l.parent[s], l.parent2[s], l.parent3[s]],
      [g.addressId(addr('a')), g.addressId(addr('b')), -1],
    );
    assert.equal(l.received[s], 220, 'the self-transfer still counts as received, as trace() counts it');
    assert.deepEqual(
      reason('c').paths.map((p) => [p.path, p.largest]),
      [
        [[addr('a'), addr('c')], '60'],
        [[addr('b'), addr('c')], '50'],
      ],
    );
  } finally {
    g.close();
  }
});

it('when every large payer leads back into the route (a round trip), the route takes the first payer', () => {
  // a pays x in pieces of 10; x pays p, q and r 20 each, and each pays x its 20 back: x's three
  // largest payers are p, q and r, whose own largest payer is x — only a, x's first payer, leads out
  const steps = [
    [m('m', 'a', 1000)],
    ...Array.from({ length: 6 }, () => [m('a', 'x', 10)]),
    [m('x', 'p', 20)],
    [m('x', 'q', 20)],
    [m('x', 'r', 20)],
    [m('p', 'x', 20)],
    [m('q', 'x', 20)],
    [m('r', 'x', 20)],
  ];
  const { g, taint, reason } = screenAfter('round-trip', steps, ['a'], 4);
  try {
    const l = taint.ledgers[0]!;
    const s = l.slotOf[g.addressId(addr('x'))]!;
    const ids = ['p', 'q', 'r', 'a'].map((x) => g.addressId(addr(x)));
    assert.deepEqual([l.parent[s], l.parent2[s], l.parent3[s], l.first[s]], ids, 'a is not among the three');
    assert.deepEqual(
      reason('x').paths.map((p) => [p.path, p.largest]),
      [[[addr('a'), addr('x')], '10']],
      'the routes through p, q and r run through x itself',
    );
    assert.deepEqual(reason('p').paths[0]!.path, ['a', 'x', 'p'].map(addr));
    assert.equal(sourceOf(taint, 0, g.addressId(addr('q'))), g.addressId(addr('a')));
  } finally {
    g.close();
  }
});

it('when the largest payer leads back into the route, the next largest that reaches a source is taken', () => {
  // x: first 5 from b, then 12, 12 and 11 from a; it pays p and q 20 each and gets both back, so
  // its payers are p, q (20) and a (12), b only its first; p and q got all theirs from x
  const steps = [
    [m('m', 'a', 1000)],
    [m('m', 'b', 1000)],
    [m('b', 'x', 5)],
    [m('a', 'x', 12)],
    [m('a', 'x', 12)],
    [m('a', 'x', 11)],
    [m('x', 'p', 20)],
    [m('x', 'q', 20)],
    [m('p', 'x', 20)],
    [m('q', 'x', 20)],
  ];
  const { g, taint, reason } = screenAfter('detour', steps, ['a', 'b'], 4);
  try {
    const l = taint.ledgers[0]!;
    const s = l.slotOf[g.addressId(addr('x'))]!;
    const ids = ['p', 'q', 'a', 'b'].map((x) => g.addressId(addr(x)));
    assert.deepEqual([l.parent[s], l.parent2[s], l.parent3[s], l.first[s]], ids);
    assert.deepEqual(reason('x').paths[0]!.path, [addr('a'), addr('x')]);
    assert.equal(reason('x').paths[0]!.largest, '12');
    assert.deepEqual(reason('q').paths[0]!.path, ['a', 'x', 'q'].map(addr));
  } finally {
    g.close();
  }
});
