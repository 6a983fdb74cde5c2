import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { paths } from './paths.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { trace } from './trace.ts';
import type { Model, TraceLabel, TraceOptions, TraceResult } from './types.ts';

const dirs: { remove: () => void }[] = [];
after(() => {
  for (const d of dirs) d.remove();
});

function run(
  steps: Move[][],
  o: Partial<Omit<TraceOptions, 'graph'>> = {},
  stops: Record<string, TraceLabel> = {},
): TraceResult {
  const d = tempDir('bulwark-trace-');
  dirs.push(d);
  const graph = buildGraph(d.path, steps);
  const labels = new Map(Object.entries(stops).map(([a, l]) => [graph.addressId(a), l]));
  try {
    const base = {
      graph,
      seeds: [addr('a')],
      model: 'haircut' as const,
      direction: 'forward' as const,
      hops: 10,
    };
    return trace({ ...base, stopAt: (id) => labels.get(id), ...o });
  } finally {
    graph.close();
  }
}

const m = (from: string, to: string, value: number, asset?: string): Move => ({
  from,
  to,
  value: BigInt(value),
  ...(asset ? { asset } : {}),
});

/** letter → [received, holding] of the traced addresses. */
function table(r: TraceResult): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const a of r.addresses)
    out[String.fromCharCode(Number.parseInt(a.address.slice(2, 4), 16))] = [a.received, a.holding];
  return out;
}

describe('trace on hand-built account graphs', () => {
  it('haircut: a transfer carries the sender’s tainted share of its balance', () => {
    const r = run([[m('x', 'b', 100)], [m('v', 'a', 100)], [m('a', 'b', 50)], [m('b', 'c', 60)]]);
    assert.deepEqual(table(r), { a: ['100', '50'], b: ['50', '30'], c: ['20', '20'] });
    assert.equal(r.totals[0]?.seeded, '100');
  });

  it('value cannot flow back in time: what left before the taint arrived carries none', () => {
    const r = run([[m('x', 'b', 100)], [m('b', 'c', 50)], [m('v', 'a', 100)], [m('a', 'b', 40)]]);
    assert.deepEqual(table(r), { a: ['100', '60'], b: ['40', '40'] });
  });

  it('FIFO spends the clean coins that came first, then the tainted ones', () => {
    const steps = [
      [m('x', 'b', 100)],
      [m('v', 'a', 50)],
      [m('a', 'b', 50)],
      [m('b', 'c', 100)],
      [m('b', 'd', 50)],
    ];
    assert.deepEqual(table(run(steps, { model: 'fifo' })), {
      a: ['50', '0'],
      b: ['50', '0'],
      d: ['50', '50'],
    });
    assert.deepEqual(table(run(steps, { model: 'haircut' })), {
      a: ['50', '0'],
      b: ['50', '0'],
      c: ['33', '33'],
      d: ['17', '17'],
    });
  });

  it('poison taints everything a tainted address sends afterwards, whole', () => {
    const steps = [
      [m('x', 'b', 100)],
      [m('v', 'a', 50)],
      [m('a', 'b', 50)],
      [m('b', 'c', 100)],
      [m('b', 'd', 50)],
    ];
    assert.deepEqual(table(run(steps, { model: 'poison' })), {
      a: ['50', '0'],
      b: ['50', '0'],
      c: ['100', '100'],
      d: ['50', '50'],
    });
  });

  it('stops at the hop limit and reports what was not followed as an endpoint', () => {
    const r = run([[m('v', 'a', 10)], [m('a', 'b', 10)], [m('b', 'c', 10)], [m('c', 'd', 10)]], { hops: 2 });
    assert.deepEqual(Object.keys(table(r)).sort(), ['a', 'b', 'c']);
    assert.deepEqual(
      r.endpoints.map((e) => [e.address, e.category, e.received, e.hops]),
      [[addr('c'), 'hop-limit', '10', 2]],
    );
  });

  it('does not follow transfers carrying less than minValue, and counts them', () => {
    const r = run([[m('v', 'a', 100)], [m('a', 'b', 5)], [m('a', 'c', 95)]], { minValue: 10 });
    assert.deepEqual(table(r), { a: ['100', '0'], c: ['95', '95'] });
    assert.equal(r.totals[0]?.belowThreshold, '5');
  });

  it('stops at labelled services, counting what went in', () => {
    const e = addr('e');
    const r = run(
      [[m('v', 'a', 100)], [m('a', 'e', 60)], [m('e', 'f', 60)]],
      {},
      { [e]: { category: 'exchange', name: 'E' } },
    );
    assert.deepEqual(table(r), { a: ['100', '40'], e: ['60', '60'] });
    assert.deepEqual(
      r.endpoints.map((x) => [x.address, x.category, x.name, x.received]),
      [[e, 'exchange', 'E', '60']],
    );
  });

  it('backward finds where the seed’s value came from, one hop per step back', () => {
    const r = run([[m('x', 'b', 100)], [m('b', 'c', 50)]], {
      seeds: [addr('c')],
      direction: 'backward',
      model: 'haircut',
    });
    const hops = Object.fromEntries(r.addresses.map((a) => [a.address, [a.hops, a.received]]));
    assert.deepEqual(hops, { [addr('c')]: [0, '50'], [addr('b')]: [1, '50'], [addr('x')]: [2, '50'] });
  });

  it('a swap converts taint into what the payer gets back in the same transaction', () => {
    const r = run([[m('v', 'a', 10)], [m('a', 's', 10), m('s', 'a', 20, 't')], [m('a', 'g', 20, 't')]], {
      swaps: [addr('s')],
    });
    const got = r.addresses.map((a) => [a.address, a.asset, a.received]).sort();
    assert.deepEqual(
      got,
      [
        [addr('a'), 'ETH', '10'],
        [addr('a'), addr('t'), '20'],
        [addr('g'), addr('t'), '20'],
      ].sort(),
    );
  });

  it('follows one asset only when asked', () => {
    const steps = [[m('v', 'a', 10), m('v', 'a', 7, 't')], [m('a', 'b', 10)], [m('a', 'c', 7, 't')]];
    const eth = run(steps, { asset: 'ETH' });
    assert.deepEqual(eth.addresses.map((a) => [a.address, a.asset]).sort(), [
      [addr('a'), 'ETH'],
      [addr('b'), 'ETH'],
    ]);
    const token = run(steps, { asset: addr('t') });
    assert.deepEqual(token.addresses.map((a) => [a.address, a.asset]).sort(), [
      [addr('a'), addr('t')],
      [addr('c'), addr('t')],
    ]);
  });

  it('every model reports amounts as decimal strings of base units', () => {
    for (const model of ['poison', 'haircut', 'fifo'] as Model[]) {
      const r = run([[m('v', 'a', 2 ** 60)], [m('a', 'b', 2 ** 59)]], { model });
      assert.equal(r.addresses.find((a) => a.address === addr('b'))?.received, (2n ** 59n).toString());
    }
  });

  it('says where the value ended up: each service, still held, not followed, with the path to each', () => {
    const steps = [
      [m('v', 'a', 100)],
      [m('a', 'b', 70)],
      [m('b', 'e', 40)],
      [m('b', 'c', 30)],
      [m('c', 'd', 10)],
    ];
    const r = run(steps, { hops: 2 }, { [addr('e')]: { category: 'exchange', name: 'E' } });
    const got = r.summary.map((d) => [d.category, d.name, d.value, d.addresses]);
    assert.deepEqual(got, [
      ['held', 'held', '50', 2],
      ['exchange', 'E', '40', 1],
      ['unknown', 'unknown', '10', 1],
    ]);
    const to = (category: string) => r.summary.find((x) => x.category === category)?.paths[0]?.path;
    assert.deepEqual(to('exchange'), [addr('a'), addr('b'), addr('e')]);
    assert.deepEqual(to('unknown'), [addr('a'), addr('b'), addr('c')]);
  });
});

describe('path search', () => {
  it('finds the fewest-hop path that moves forward in time, and none that would need to go back', () => {
    const d = tempDir('bulwark-paths-');
    dirs.push(d);
    const graph = buildGraph(d.path, [
      [m('c', 'd', 5)],
      [m('a', 'b', 10)],
      [m('b', 'c', 10)],
      [m('a', 'x', 1)],
      [m('x', 'c', 1)],
      [m('c', 'e', 3)],
    ]);
    try {
      const p = paths({ graph, from: addr('a'), to: addr('e'), maxHops: 5 });
      assert.deepEqual(
        p?.map((s) => [s.from, s.to]),
        [
          [addr('a'), addr('b')],
          [addr('b'), addr('c')],
          [addr('c'), addr('e')],
        ],
      );
      assert.equal(
        paths({ graph, from: addr('a'), to: addr('d'), maxHops: 5 }),
        undefined,
        'c paid d before a paid anyone',
      );
      assert.equal(
        paths({ graph, from: addr('a'), to: addr('e'), maxHops: 2 }),
        undefined,
        'three hops needed',
      );
    } finally {
      graph.close();
    }
  });
});
