import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { scanEthereum } from './ethereum-scan.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { linearScanEthereum } from './test-linear-scan.ts';
import { traceWith } from './trace.ts';
import type { Direction, Model, TraceOptions, TraceResult } from './types.ts';

const dir = tempDir('bulwark-trace-frontier-');
after(dir.remove);
let n = 0;

const NAMES = 'abcdefgh';
const MODELS: Model[] = ['poison', 'haircut', 'fifo'];
const DIRECTIONS: Direction[] = ['forward', 'backward'];

/** Transactions of one to three transfers among a..h, some in the token 't', the faucet 'm' funding. */
const history = fc.array(
  fc.array(
    fc.record({
      from: fc.oneof(fc.constant(8), fc.integer({ min: 0, max: 7 })),
      // payees among five: taint meets addresses that ran dry again
      to: fc.integer({ min: 0, max: 4 }),
      value: fc.integer({ min: 1, max: 1000 }),
      token: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
      /** Pay everything held: the payer runs dry (and is parked by the frontier). */
      all: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  { minLength: 1, maxLength: 40 },
);

function movesOf(
  picks: { from: number; to: number; value: number; token: boolean; all: boolean }[][],
): Move[][] {
  const held = new Map<string, number>([['a', 500]]);
  const steps: Move[][] = [[{ from: 'v', to: 'a', value: 500n }]];
  for (const tx of picks) {
    const moves: Move[] = [];
    for (const p of tx) {
      const from = p.from === 8 ? 'm' : NAMES[p.from]!;
      const to = NAMES[p.to]!;
      // mostly spend what is held, sometimes more: the ledgers clamp, and both scans must agree anyway
      const has = held.get(from) ?? 0;
      const value = from === 'm' || p.value > 900 ? p.value : p.all ? has : Math.min(p.value, has);
      if (value <= 0) continue;
      held.set(from, (held.get(from) ?? 0) - value);
      held.set(to, (held.get(to) ?? 0) + value);
      moves.push({ from, to, value: BigInt(value), ...(p.token ? { asset: 't' } : {}) });
    }
    if (moves.length > 0) steps.push(moves);
  }
  return steps;
}

function without(r: TraceResult): Omit<TraceResult, 'examined'> {
  const { examined: _, ...rest } = r;
  return rest;
}

describe('the frontier scan against the linear scan (test oracle)', () => {
  it('gives the same result for every model, both directions, seeds, hops, since, thresholds and stops', () => {
    fc.assert(
      fc.property(
        history,
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }),
        fc.integer({ min: 0, max: 6 }),
        fc.record({
          since: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
          minValue: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
          stop: fc.option(fc.constantFrom('c', 'f'), { nil: undefined }),
          asset: fc.constantFrom(undefined, 'ETH'),
          switchFactor: fc.constantFrom(0, 0, 0, 1, 2, 8),
          switchWindow: fc.integer({ min: 1, max: 8 }),
          /** Links: rows whose carried taint is given, from the payer or another address (a bridge's deposit address). */
          links: fc.option(
            fc.array(
              fc.tuple(
                fc.nat(60),
                fc.integer({ min: 1, max: 200 }),
                fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
              ),
              { maxLength: 4 },
            ),
            {
              nil: undefined,
            },
          ),
        }),
        (picks, seedPicks, hops, x) => {
          const steps = movesOf(picks);
          const g = buildGraph(`${dir.path}/${n++}`, steps);
          try {
            // 'a' is paid first, so forward traces spread; the others make backward ones differ
            const present = seedPicks
              .map((i) => NAMES[i]!)
              .filter((s) => s !== 'a' && g.addressId(addr(s)) >= 0);
            const seeds = ['a', ...present].map(addr);
            const stopId = x.stop ? g.addressId(addr(x.stop)) : -2;
            for (const model of MODELS) {
              for (const direction of DIRECTIONS) {
                const o: TraceOptions = {
                  graph: g,
                  seeds,
                  model,
                  direction,
                  hops,
                  stopAt: (id) => (id === stopId ? { category: 'exchange', name: 'x' } : undefined),
                  ...(x.since !== undefined ? { since: 1_700_000_000 + 12 * x.since } : {}),
                  ...(x.minValue !== undefined ? { minValue: x.minValue } : {}),
                  ...(x.asset !== undefined ? { asset: x.asset } : {}),
                  ...(x.links !== undefined
                    ? {
                        links: new Map(
                          x.links.map(([row, taint, via]) => {
                            const id = via === undefined ? -1 : g.addressId(addr(NAMES[via]!));
                            return [row, id >= 0 ? { taint, via: id, hop: 1 } : { taint }];
                          }),
                        ),
                      }
                    : {}),
                };
                const fast = traceWith(o, (s) =>
                  scanEthereum({ ...s, switchFactor: x.switchFactor, switchWindow: x.switchWindow }),
                );
                const oracle = traceWith(o, linearScanEthereum);
                assert.deepEqual(without(fast), without(oracle), `${model} ${direction}`);
                if (x.switchFactor === 0) assert.ok(fast.examined <= oracle.examined);
              }
            }
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('replays the rows of an address parked while dry when taint reaches it again', () => {
    // b runs dry (pays all of its taint to c), is funded by an untouched payer, then tainted again
    const steps: Move[][] = [
      [{ from: 'v', to: 'a', value: 1000n }],
      [{ from: 'a', to: 'b', value: 600n }],
      [{ from: 'b', to: 'c', value: 600n }],
      [{ from: 'm', to: 'b', value: 400n }],
      [{ from: 'a', to: 'b', value: 300n }],
      [{ from: 'b', to: 'd', value: 200n }],
    ];
    const g = buildGraph(`${dir.path}/${n++}`, steps);
    try {
      const holding: Record<Model, string> = { haircut: '215', poison: '500', fifo: '300' };
      for (const model of MODELS) {
        const o: TraceOptions = { graph: g, seeds: [addr('a')], model, direction: 'forward', hops: 6 };
        const fast = traceWith(o, (s) => scanEthereum({ ...s, switchFactor: 0 }));
        assert.deepEqual(without(fast), without(traceWith(o, linearScanEthereum)), model);
        assert.equal(fast.examined, 5, 'the untouched payment into the parked b is not visited');
        assert.equal(fast.addresses.find((a) => a.address === addr('b'))?.holding, holding[model], model);
      }
    } finally {
      g.close();
    }
  });

  it('examines only the rows of touched addresses when the trace stays narrow', () => {
    // a busy pair b ↔ c trading among themselves never touches the seed's path a → d → e
    const steps: Move[][] = [[{ from: 'v', to: 'a', value: 500n }]];
    for (let i = 0; i < 40; i++) steps.push([{ from: i % 2 ? 'b' : 'c', to: i % 2 ? 'c' : 'b', value: 5n }]);
    steps.push([{ from: 'a', to: 'd', value: 200n }], [{ from: 'd', to: 'e', value: 100n }]);
    const g = buildGraph(`${dir.path}/${n++}`, steps);
    try {
      const o: TraceOptions = {
        graph: g,
        seeds: [addr('a')],
        model: 'haircut',
        direction: 'forward',
        hops: 6,
      };
      const fast = traceWith(o, (s) => scanEthereum({ ...s, switchFactor: 0 }));
      const oracle = traceWith(o, linearScanEthereum);
      assert.deepEqual(without(fast), without(oracle));
      assert.equal(oracle.examined, 43);
      assert.equal(fast.examined, 3);
      assert.deepEqual(
        fast.addresses.map((a) => [a.address, a.received]),
        [
          [addr('a'), '500'],
          [addr('d'), '200'],
          [addr('e'), '100'],
        ],
      );
    } finally {
      g.close();
    }
  });
});
