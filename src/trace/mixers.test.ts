import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type BridgeEvent, matchBridge } from './bridges.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { traceThroughMixers } from './through-services.ts';

const dirs: { remove: () => void }[] = [];
after(() => {
  for (const d of dirs) d.remove();
});

const m = (from: string, to: string, value: number): Move => ({ from, to, value: BigInt(value) });

/** a (seed) and c deposit 10 each into mixer x; w withdraws 10 one block later (blocks are 12 s apart). */
function through(window: number) {
  const d = tempDir('bulwark-mix-');
  dirs.push(d);
  const graph = buildGraph(d.path, [
    [m('v', 'a', 10)],
    [m('a', 'x', 10)],
    [m('c', 'x', 10)],
    [m('x', 'w', 10)],
    [m('w', 'y', 10)],
  ]);
  try {
    const o = {
      graph,
      seeds: [addr('a')],
      model: 'haircut' as const,
      direction: 'forward' as const,
      hops: 10,
    };
    return traceThroughMixers(o, [addr('x')], window);
  } finally {
    graph.close();
  }
}

describe('mixer matching', () => {
  it('a withdrawal carries the tainted share of the deposits of its amount before it', () => {
    const { result, links } = through(3600);
    assert.deepEqual(
      links.map((l) => [l.to, l.confidence, l.taint]),
      [[addr('w'), 0.5, 5]],
    );
    const got = Object.fromEntries(result.addresses.map((a) => [a.address, a.received]));
    assert.equal(got[addr('w')], '5');
    assert.equal(got[addr('y')], '5', 'the trace continues beyond the withdrawal');
  });

  it('deposits older than the window are no candidates', () => {
    const { links, result } = through(15);
    assert.deepEqual(links, []);
    assert.ok(!result.addresses.some((a) => a.address === addr('w')));
  });
});

describe('bridge matching', () => {
  const dep = (ref: string, time: number, value: number, taint: number): BridgeEvent => ({
    side: 'ethereum',
    ref,
    time,
    value,
    taint,
  });
  const rel = (ref: string, time: number, value: number): BridgeEvent => ({
    side: 'bsc',
    ref,
    time,
    value,
    taint: 0,
  });

  it('matches a tainted deposit to releases of its amount less fees after it, sharing the confidence', () => {
    const links = matchBridge(
      [dep('d1', 100, 1000, 1000), dep('d2', 100, 500, 0)],
      [
        rel('r0', 50, 1000),
        rel('r1', 200, 995),
        rel('r2', 300, 990),
        rel('r3', 300, 900),
        rel('r4', 9999, 1000),
      ],
      1000,
    );
    assert.deepEqual(
      links.map((l) => [l.deposit.ref, l.release.ref, l.confidence, l.taint]),
      [
        ['d1', 'r1', 0.5, 497],
        ['d1', 'r2', 0.5, 495],
      ],
    );
  });
});
