import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { addressToKey } from '../chain/index.ts';
import { AddressList, listLazily } from './address-list.ts';
import { amount } from './result.ts';
import { addr, buildGraph, type Move } from './test-graph.ts';
import { trace } from './trace.ts';
import type { TracedAddress } from './types.ts';

const dirs: { remove: () => void }[] = [];
after(() => {
  for (const d of dirs) d.remove();
});

const BITCOIN = ['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'];

describe('AddressList', () => {
  it('names account and Bitcoin keys as the graph does and ranks by received, then by name', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.oneof(
              fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => Uint8Array.from([0x10, ...b])),
              fc.constantFrom(...BITCOIN).map((a) => addressToKey(a)!),
            ),
            received: fc.constantFrom(0, 1, 5, 2 ** 60),
            hops: fc.nat(6),
          }),
          { maxLength: 90 },
        ),
        (entries) => {
          const list = new AddressList(['ETH'], new Map([[3, { category: 'exchange', name: 'x' }]]));
          // a dictionary holding the entries' keys in id order, listed in reverse
          const dictKeys = Uint8Array.from(entries.flatMap((e) => [...e.key]));
          const ends = new Uint32Array(entries.length);
          entries.forEach((e, i) => {
            ends[i] = (i === 0 ? 0 : ends[i - 1]!) + e.key.length;
          });
          const listed = entries.map((e, i) => ({ e, i })).reverse();
          for (const { e, i } of listed) list.add(i, 0, e.received, e.received / 2, e.hops, i === 0);
          list.copyKeys(dictKeys, ends);
          const name = (key: Uint8Array) =>
            key[0] === 0x10
              ? `0x${Buffer.from(key.subarray(1)).toString('hex')}`
              : BITCOIN.find((a) => addressToKey(a)!.every((b, k) => b === key[k]))!;
          const expected = entries
            .map((e, i) => ({
              address: name(e.key),
              asset: 'ETH',
              received: amount(e.received),
              holding: amount(e.received / 2),
              hops: e.hops,
              labels: [...(i === 3 ? ['exchange:x'] : []), ...(i === 0 ? ['seed'] : [])],
              value: e.received,
              i,
            }))
            .sort(
              (x, y) =>
                // equal names (Bitcoin picks repeat): listing order, here descending ids
                y.value - x.value || (x.address < y.address ? -1 : x.address > y.address ? 1 : y.i - x.i),
            )
            .map(({ value: _, i: __, ...a }) => a);
          assert.deepEqual(list.make(amount), expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('listLazily', () => {
  it('makes the list once, on the first read, and an assignment replaces it', () => {
    let made = 0;
    const one: TracedAddress = {
      address: 'a',
      asset: 'ETH',
      received: '1',
      holding: '1',
      hops: 0,
      labels: [],
    };
    const r = listLazily({ before: 1, addresses: [] as TracedAddress[], after: 2 }, () => {
      made++;
      return [one];
    });
    assert.equal(made, 0);
    assert.deepEqual(Object.keys(r), ['before', 'addresses', 'after']);
    assert.equal(JSON.stringify(r), JSON.stringify({ before: 1, addresses: [one], after: 2 }));
    assert.equal(r.addresses, r.addresses);
    assert.equal(made, 1);
    r.addresses = [];
    assert.deepEqual({ ...r }, { before: 1, addresses: [], after: 2 });
  });

  it('gives a trace the same addresses read after its graph is closed as before', () => {
    const d = tempDir('bulwark-list-');
    dirs.push(d);
    const m = (from: string, to: string, value: number): Move => ({ from, to, value: BigInt(value) });
    const graph = buildGraph(d.path, [
      [m('a', 'b', 100)],
      [m('b', 'c', 60), m('b', 'd', 40)],
      [m('c', 'e', 30)],
    ]);
    const o = { graph, seeds: [addr('b')], model: 'poison' as const, direction: 'forward' as const, hops: 6 };
    const open = trace(o);
    const closed = trace(o);
    const before = open.addresses;
    graph.close();
    assert.deepEqual(closed.addresses, before);
    assert.deepEqual(
      before.map((a) => [a.address, a.received]),
      [
        [addr('b'), '100'],
        [addr('c'), '60'],
        [addr('d'), '40'],
        [addr('e'), '30'],
      ],
    );
  });
});
