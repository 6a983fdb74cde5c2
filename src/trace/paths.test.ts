import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { BulwarkError } from '../errors/index.ts';
import { findPaths } from './paths.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';

const dir = tempDir('bulwark-paths-');
after(dir.remove);
const m = (from: string, to: string, value: number, asset?: string): Move[] => [
  { from, to, value: BigInt(value), ...(asset ? { asset } : {}) },
];

// a → b → d (10, 4); a → c → d (3, 8); a → d (1); a → e → f → d in token t (7, 7, 7)
const graph = buildGraph(dir.path, [
  m('a', 'b', 10),
  m('a', 'c', 3),
  m('a', 'd', 1),
  m('b', 'd', 4),
  m('c', 'd', 8),
  m('a', 'e', 7, 't'),
  m('e', 'f', 7, 't'),
  m('f', 'd', 7, 't'),
]);
after(() => graph.close());
const search = (o: Partial<Parameters<typeof findPaths>[0]> = {}) =>
  findPaths({ graph, from: addr('a'), to: addr('d'), maxHops: 4, ...o });
const shape = (r: ReturnType<typeof findPaths>) =>
  r.paths.map((p) => [p.steps.map((s) => graph.addressOf(s.to).slice(2, 4)).join(''), p.bottleneck]);

describe('findPaths', () => {
  it('ranks by fewest hops, then largest bottleneck; each path keeps to one asset', () => {
    // 'd' is 0x64…, 'b' 0x62…, 'c' 0x63…, 'e' 0x65…, 'f' 0x66…
    assert.deepEqual(shape(search()), [
      ['64', 1],
      ['6264', 4],
      ['6364', 3],
      ['656664', 7],
    ]);
    assert.deepEqual(shape(search({ k: 2 })), [
      ['64', 1],
      ['6264', 4],
    ]);
    assert.deepEqual(shape(search({ asset: addr('t') })), [['656664', 7]]);
    assert.deepEqual(shape(search({ asset: 'ETH', maxHops: 2 })).length, 3);
  });

  it('keeps to `since`, and says so when a token never moved', () => {
    // from block 3 on (a → d at block 2 is before): only the token path, which starts at block 5
    assert.deepEqual(shape(search({ since: 1_700_000_000 + 12 * 3 })), [['656664', 7]]);
    assert.deepEqual(search({ asset: addr('b') }).paths, [], 'b is no token');
  });

  it('flags a search its budget cut short', () => {
    const cut = search({ maxStates: 2 });
    assert.equal(cut.truncated, true);
    assert.equal(search().truncated, false);
  });

  it('refuses bad k, hops and a Bitcoin asset on Ethereum addresses with a USAGE error', () => {
    const usage = (f: () => unknown) =>
      assert.throws(f, (e: unknown) => e instanceof BulwarkError && e.spec.code === 'BULWARK_E_USAGE');
    usage(() => search({ k: 0 }));
    usage(() => search({ k: 101 }));
    usage(() => search({ maxHops: 0 }));
    usage(() => search({ maxHops: 65 }));
    usage(() => search({ chain: 'bitcoin', asset: 'ETH' }));
    assert.throws(
      () => search({ to: addr('q') }),
      (e: unknown) => e instanceof BulwarkError && e.spec.code === 'BULWARK_E_TRACE_ADDRESS',
    );
  });
});
