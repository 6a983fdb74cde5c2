import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { trace } from './trace.ts';
import type { Model, TraceResult } from './types.ts';

const dir = tempDir('bulwark-trace-prop-');
after(dir.remove);
let n = 0;

const NAMES = 'abcdefg';
/** Valid histories: the faucet 'm' funds anyone; others send at most what they hold; 'v' pays the seed 'a'. */
const history = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 1, max: 1000 }),
    ),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((picks) => {
    const held = new Map<string, number>();
    const steps: Move[][] = [[{ from: 'v', to: 'a', value: 500n }]];
    held.set('a', 500);
    for (const [f, t, v] of picks) {
      const from = f === 7 ? 'm' : NAMES[f]!;
      const to = NAMES[t]!;
      const value = from === 'm' ? v : Math.min(v, held.get(from) ?? 0);
      if (value <= 0) continue;
      if (from !== 'm') held.set(from, (held.get(from) ?? 0) - value);
      held.set(to, (held.get(to) ?? 0) + value);
      steps.push([{ from, to, value: BigInt(value) }]);
    }
    return steps;
  });

function traced(steps: Move[][], model: Model, hops: number, stop?: string): TraceResult {
  const g = buildGraph(`${dir.path}/${n++}`, steps);
  try {
    const stopId = stop ? g.addressId(addr(stop)) : -2;
    return trace({
      graph: g,
      seeds: [addr('a')],
      model,
      direction: 'forward',
      hops,
      stopAt: (id) => (id === stopId ? { category: 'exchange', name: stop! } : undefined),
    });
  } finally {
    g.close();
  }
}

const sum = (xs: string[]) => xs.reduce((s, x) => s + BigInt(x), 0n);

describe('trace properties on random valid histories', () => {
  it('haircut conserves value: holdings + stopped + not followed + fees + below threshold = seeded', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(undefined, 'c', 'd'),
        (steps, hops, stop) => {
          const r = traced(steps, 'haircut', hops, stop);
          const t = r.totals[0]!;
          const held = sum(r.addresses.map((a) => a.holding));
          const notFollowed = sum(
            r.endpoints.filter((e) => e.category === 'hop-limit').map((e) => e.received),
          );
          assert.equal(held + notFollowed + BigInt(t.fees) + BigInt(t.belowThreshold), BigInt(t.seeded));
          for (const a of r.addresses)
            assert.ok(BigInt(a.holding) <= BigInt(a.received) || a.labels.includes('seed'));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('poison reaches every address haircut reaches, with at least as much', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 5 }), (steps, hops) => {
        const h = traced(steps, 'haircut', hops);
        const p = new Map(
          traced(steps, 'poison', hops).addresses.map((a) => [a.address, BigInt(a.received)]),
        );
        for (const a of h.addresses) {
          assert.ok(p.has(a.address), `poison reaches ${a.address}`);
          assert.ok(p.get(a.address)! >= BigInt(a.received));
        }
      }),
      { numRuns: 30 },
    );
  });
});
